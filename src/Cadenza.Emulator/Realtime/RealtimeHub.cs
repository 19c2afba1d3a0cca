using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Cadenza.Emulator.Http;
using Cadenza.Emulator.Realtime.MarketData;
using Cadenza.Emulator.Tokens;

namespace Cadenza.Emulator.Realtime;

/// <summary>
/// The emulator's WebSocket server: accepts connections on <c>/connection/websocket</c>, owns the channels and
/// their streams, and keeps the counts and marks the test hooks read and set.
/// </summary>
internal sealed class RealtimeHub(CadenzaEmulatorRealtimeOptions options, TokenService tokens, RefreshTokenFamilies sessions, TimeProvider time, SyntheticMarket market)
{
    public const string Path = "/connection/websocket";

    private readonly ConcurrentDictionary<string, ChannelStream> _streams = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<RealtimeConnection, byte> _connections = new();
    private readonly ConcurrentDictionary<string, byte> _expiredTokens = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private long _connects;
    private long _refreshes;
    private long _pongs;

    public CadenzaEmulatorRealtimeOptions Options { get; } = options;

    public TokenService Tokens { get; } = tokens;

    public RefreshTokenFamilies Sessions { get; } = sessions;

    public TimeProvider Time { get; } = time;

    public RpcMethods Rpc { get; } = new(market, time);

    public IReadOnlyCollection<RealtimeConnection> Connections => [.. _connections.Keys];

    public IEnumerable<ChannelStream> Streams => _streams.Values;

    public long Connects => Interlocked.Read(ref _connects);

    public long Refreshes => Interlocked.Read(ref _refreshes);

    public long Pongs => Interlocked.Read(ref _pongs);

    /// <summary>While set, WebSocket upgrades are answered 503, as by a server that is down; open connections stay.</summary>
    public bool RefuseConnections { get; set; }

    public void Map(IEndpointRouteBuilder app)
    {
        app.Map(Path, AcceptAsync);
    }

    /// <summary>Closes every connection with 3001 "shutdown" and refuses new ones: the emulator is stopping.</summary>
    public void Stop()
    {
        _stopping.Cancel();
        foreach (var connection in Connections)
        {
            connection.Close(DisconnectReason.Shutdown);
        }
    }

    public ChannelStream Stream(ChannelName name) =>
        _streams.GetOrAdd(name.Name, _ => new ChannelStream(name, SyntheticFeed.For(name, market, Time), Options.HistorySize, Time));

    public void Register(RealtimeConnection connection)
    {
        _connections.TryAdd(connection, 0);
        Interlocked.Increment(ref _connects);
    }

    public void Unregister(RealtimeConnection connection) => _connections.TryRemove(connection, out _);

    /// <summary>Raised with the text of every frame, just before it is sent (a contract test checks them against the spec).</summary>
    public event Action<string>? FrameSent;

    public void Sent(ReadOnlySpan<byte> frame) => FrameSent?.Invoke(Encoding.UTF8.GetString(frame));

    public void CountRefresh() => Interlocked.Increment(ref _refreshes);

    public void CountPong() => Interlocked.Increment(ref _pongs);

    public void MarkExpired(string token) => _expiredTokens.TryAdd(Fingerprint(token), 0);

    public bool IsMarkedExpired(string token) => _expiredTokens.ContainsKey(Fingerprint(token));

    private async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            // The spec documents this path as POST with 400/401 envelopes: a plain HTTP request gets one.
            throw ApiError.Validation("This endpoint speaks the Centrifugo JSON protocol over WebSocket: open a WebSocket connection to it.");
        }

        if (RefuseConnections || _stopping.IsCancellationRequested)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        var connection = new RealtimeConnection(this, socket, context);
        await connection.RunAsync(stopping.Token);
    }

    // Only fingerprints are kept: this table holds nothing a reader of memory could present as a token.
    private static string Fingerprint(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
