using System.Text.Json;
using Cadenza.Emulator.Realtime;

namespace Cadenza.Emulator;

/// <summary>
/// The emulator's WebSocket endpoint (Centrifugo JSON protocol, the spec's <c>/connection/websocket</c>) seen from
/// a test or a demo: its address, what it has counted, and hooks that publish on demand or break things on purpose.
/// </summary>
public sealed class CadenzaEmulatorRealtime
{
    private readonly RealtimeHub _hub;

    internal CadenzaEmulatorRealtime(RealtimeHub hub, Uri baseAddress)
    {
        _hub = hub;
        Address = new UriBuilder(baseAddress) { Scheme = "ws", Path = RealtimeHub.Path }.Uri;
    }

    /// <summary>The WebSocket URL, e.g. <c>ws://127.0.0.1:41234/connection/websocket</c>.</summary>
    public Uri Address { get; }

    /// <summary>Connections that are open and authenticated now.</summary>
    public int ConnectionCount => _hub.Connections.Count;

    /// <summary>Connect commands accepted since the start (a reconnect counts again).</summary>
    public long ConnectsAccepted => _hub.Connects;

    /// <summary>Refresh commands accepted since the start.</summary>
    public long RefreshesAccepted => _hub.Refreshes;

    /// <summary>Pongs received in answer to server pings since the start.</summary>
    public long PongsReceived => _hub.Pongs;

    /// <summary>
    /// While true, new WebSocket connections are refused (HTTP 503 to the upgrade request), as during an outage;
    /// open connections are not affected. Clients keep retrying, so what they publish meanwhile must be recovered.
    /// </summary>
    public bool RefuseConnections
    {
        get => _hub.RefuseConnections;
        set => _hub.RefuseConnections = value;
    }

    /// <summary>
    /// Raised with the text of every frame the endpoint sends (newline-separated replies), on the sending thread, just
    /// before it goes out: for tests that check the wire against the spec. Only costs anything while handled.
    /// </summary>
    public event Action<string>? FrameSent
    {
        add => _hub.FrameSent += value;
        remove => _hub.FrameSent -= value;
    }

    /// <summary>How many connections are subscribed to <paramref name="channel"/> now.</summary>
    /// <param name="channel">A channel name.</param>
    /// <returns>The count; 0 for a channel nobody ever subscribed to.</returns>
    public int SubscriberCount(string channel) => _hub.Streams.FirstOrDefault(s => s.Name.Name == channel)?.SubscriberCount ?? 0;

    /// <summary>Publishes the channel's next synthetic update now (the publisher's own next one, in its schema).</summary>
    /// <param name="channel">A channel of a documented pattern, e.g. <c>market:orderbook:BINANCE:BTC/USDT</c>.</param>
    /// <returns>The publication's offset.</returns>
    public long PublishNext(string channel) => Stream(channel) is var stream ? stream.Publish(stream.Feed.Next()) : 0;

    /// <summary>Publishes <paramref name="json"/> as is on <paramref name="channel"/>.</summary>
    /// <param name="channel">A channel of a documented pattern.</param>
    /// <param name="json">A JSON value, the publication's <c>data</c>.</param>
    /// <returns>The publication's offset.</returns>
    public long Publish(string channel, string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var data = System.Text.Encoding.UTF8.GetBytes(json);
        try
        {
            // Checked, not re-written: the payload goes out exactly as given, and it must be one JSON value.
            var reader = new Utf8JsonReader(data);
            while (reader.Read())
            {
            }
        }
        catch (JsonException)
        {
            throw new ArgumentException("The publication data must be JSON.", nameof(json));
        }

        return Stream(channel).Publish(data);
    }

    /// <summary>Cuts every connection without a close frame, as a network failure would.</summary>
    public void DropConnections()
    {
        foreach (var connection in _hub.Connections)
        {
            connection.Drop();
        }
    }

    /// <summary>Closes every connection with a WebSocket close frame carrying <paramref name="code"/> and <paramref name="reason"/>.</summary>
    /// <param name="code">A Centrifugo disconnect code: 3000-3499 (and 4000-4499) ask the client to reconnect, 3500-3999 (and 4500-4999) not to.</param>
    /// <param name="reason">The reason text.</param>
    public void Disconnect(int code, string reason)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(code, 3000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(code, 4999);
        foreach (var connection in _hub.Connections)
        {
            connection.Close(new DisconnectReason(code, reason ?? ""));
        }
    }

    /// <summary>
    /// Ends every subscription to <paramref name="channel"/> from the server's side (an <c>unsubscribe</c> push with
    /// <paramref name="code"/>): codes 2500-2999 ask the client to subscribe again, 2000-2499 not to.
    /// </summary>
    /// <param name="channel">A channel name.</param>
    /// <param name="code">A Centrifugo unsubscribe code, 2000-2999.</param>
    /// <param name="reason">The reason text.</param>
    public void Unsubscribe(string channel, int code, string reason)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentOutOfRangeException.ThrowIfLessThan(code, 2000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(code, 2999);
        foreach (var connection in _hub.Connections)
        {
            connection.Dispatcher.ServerUnsubscribe(channel, code, reason ?? "");
        }
    }

    /// <summary>
    /// Treats the token every open connection uses as expired from now on: those connections are closed with 3005
    /// "connection expired", and a connect or refresh with one of those tokens gets error 109 "token expired".
    /// </summary>
    public void ExpireTokens()
    {
        foreach (var connection in _hub.Connections)
        {
            connection.Dispatcher.ExpireToken();
        }
    }

    /// <summary>
    /// Restarts <paramref name="channel"/>'s stream as a server restart would: a new epoch, offsets from zero, no
    /// history. Its subscribers are cut off; when they resubscribe asking to recover, they are told they cannot.
    /// </summary>
    /// <param name="channel">A channel of a documented pattern.</param>
    public void RestartStream(string channel)
    {
        foreach (var connection in Stream(channel).Reset())
        {
            connection.Drop();
        }
    }

    private ChannelStream Stream(string channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return ChannelName.TryParse(channel, out var name)
            ? _hub.Stream(name)
            : throw new ArgumentException($"'{channel}' matches none of the documented channel patterns.", nameof(channel));
    }
}
