using System.Text.Json;
using Cadenza.Emulator.Tokens;

namespace Cadenza.Emulator.Realtime;

/// <summary>
/// The protocol state of one connection: answers each command (connect, refresh, subscribe, unsubscribe, rpc,
/// history, ping, pong) as a Centrifugo server would, pings the client, and disconnects it when its token
/// expires unrefreshed, it stops answering pings, or it breaks the protocol.
/// </summary>
internal sealed partial class CommandDispatcher : IDisposable
{
    public const string ServerVersion = "cadenza-emulator";

    private readonly RealtimeHub _hub;
    private readonly RealtimeConnection _connection;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ChannelStream> _subscriptions = new(StringComparer.Ordinal);
    private readonly Liveness _liveness;
    private string? _clientId;
    private Guid _userId;

    public CommandDispatcher(RealtimeHub hub, RealtimeConnection connection)
    {
        _hub = hub;
        _connection = connection;
        _liveness = new Liveness(hub, connection);
    }

    /// <summary>The access token the connection was last authenticated with.</summary>
    public string? Token { get; private set; }

    /// <summary>Handles one command line; false when the connection is being closed and reading should stop.</summary>
    public async Task<bool> HandleAsync(ReadOnlyMemory<byte> line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return Refuse(DisconnectReason.BadRequest);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Refuse(DisconnectReason.BadRequest);
            }

            var id = 0u;
            if (root.TryGetProperty("id", out var idElement) && !idElement.TryGetUInt32(out id))
            {
                return Refuse(DisconnectReason.BadRequest);
            }

            var (name, body) = CommandJson.Command(root);
            if (name is null)
            {
                // An empty command is the client's pong.
                if (id != 0)
                {
                    return Refuse(DisconnectReason.BadRequest);
                }

                _liveness.Pong();
                return true;
            }

            if ((_clientId is null) != (name == "connect") || (id == 0 && name != "send"))
            {
                return Refuse(DisconnectReason.BadRequest);
            }

            switch (name)
            {
                case "connect":
                    return await ConnectAsync(id, body);
                case "refresh":
                    return await RefreshAsync(id, body);
                case "subscribe":
                    return Subscribe(id, body);
                case "unsubscribe":
                    Unsubscribe(Text(body, "channel") ?? "");
                    _connection.Send(ReplyWriter.Empty(id, "unsubscribe"));
                    return true;
                case "rpc":
                    _connection.Send(_hub.Rpc.Handle(id, Text(body, "method"), CommandJson.Property(body, "data")));
                    return true;
                case "history":
                    return History(id, body);
                case "ping":
                    _connection.Send(ReplyWriter.Empty(id, "ping"));
                    return true;
                case "send":
                    return true; // asynchronous message: no reply, and the emulator has no use for it
                case "publish":
                    _connection.Send(ReplyWriter.Error(id, ProtocolError.PermissionDenied));
                    return true;
                case "presence" or "presenceStats" or "subRefresh":
                    _connection.Send(ReplyWriter.Error(id, ProtocolError.NotAvailable));
                    return true;
                default:
                    return Refuse(DisconnectReason.BadRequest); // not a command of the protocol
            }
        }
    }

    /// <summary>Disconnects with 3005 "connection expired" and treats its token as expired from now on.</summary>
    public void ExpireToken()
    {
        if (Token is { } token)
        {
            _hub.MarkExpired(token);
        }

        _connection.Close(DisconnectReason.Expired);
    }

    public IReadOnlyList<ChannelStream> Subscriptions()
    {
        lock (_gate)
        {
            return [.. _subscriptions.Values];
        }
    }

    public void Dispose()
    {
        _liveness.Dispose();
        lock (_gate)
        {
            foreach (var stream in _subscriptions.Values)
            {
                stream.Unsubscribe(_connection);
            }

            _subscriptions.Clear();
        }

        _hub.Unregister(_connection);
    }

    private bool Subscribe(uint id, JsonElement body)
    {
        var channel = Text(body, "channel");
        if (string.IsNullOrEmpty(channel))
        {
            return Refuse(DisconnectReason.BadRequest);
        }

        if (!ChannelName.TryParse(channel, out var name))
        {
            _connection.Send(ReplyWriter.Error(id, ProtocolError.UnknownChannel));
            return true;
        }

        lock (_gate)
        {
            var error = _subscriptions.ContainsKey(channel) ? ProtocolError.AlreadySubscribed
                : _subscriptions.Count >= _hub.Options.MaxSubscriptionsPerConnection ? ProtocolError.LimitExceeded
                : (ProtocolError?)null;
            if (error is { } refused)
            {
                _connection.Send(ReplyWriter.Error(id, refused));
                return true;
            }

            var stream = _hub.Stream(name);
            _subscriptions.Add(channel, stream);
            stream.Subscribe(_connection, id, CommandJson.Flag(body, "recover"), CommandJson.Number(body, "offset") ?? 0, Text(body, "epoch"));
        }

        return true;
    }

    /// <summary>Ends the connection's subscription to <paramref name="channel"/> from the server's side, telling the client with an unsubscribe push.</summary>
    public void ServerUnsubscribe(string channel, int code, string reason)
    {
        lock (_gate)
        {
            if (_subscriptions.Remove(channel, out var stream))
            {
                stream.Unsubscribe(_connection);
                _connection.Send(ReplyWriter.UnsubscribePush(channel, code, reason));
            }
        }
    }

    private void Unsubscribe(string channel)
    {
        lock (_gate)
        {
            if (_subscriptions.Remove(channel, out var stream))
            {
                stream.Unsubscribe(_connection);
            }
        }
    }

    private bool History(uint id, JsonElement body)
    {
        ChannelStream? stream;
        lock (_gate)
        {
            _subscriptions.TryGetValue(Text(body, "channel") ?? "", out stream);
        }

        if (stream is null)
        {
            _connection.Send(ReplyWriter.Error(id, ProtocolError.PermissionDenied));
            return true;
        }

        var since = CommandJson.Property(body, "since");
        var sinceOffset = since.ValueKind == JsonValueKind.Object ? CommandJson.Number(since, "offset") ?? 0 : (long?)null;
        var limit = (int)Math.Clamp(CommandJson.Number(body, "limit") ?? 0, 0, int.MaxValue);
        _connection.Send(stream.History(id, sinceOffset, Text(since, "epoch"), limit, CommandJson.Flag(body, "reverse")));
        return true;
    }

    private bool Refuse(DisconnectReason reason)
    {
        _connection.Close(reason);
        return false;
    }

    private static string? Text(JsonElement element, string property) => CommandJson.Text(element, property);
}
