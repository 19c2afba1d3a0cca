namespace Cadenza.Emulator.Realtime;

/// <summary>
/// The timers of one connection: server pings with a pong deadline (3012 "no pong"), and the token's expiry
/// plus the grace period (3005 "connection expired"). All on the emulator's clock, so tests can move time.
/// </summary>
internal sealed class Liveness : IDisposable
{
    private readonly RealtimeHub _hub;
    private readonly RealtimeConnection _connection;
    private readonly ITimer _expiry;
    private readonly ITimer _pongDeadline;
    private ITimer? _pings;
    private int _awaitingPong;

    public Liveness(RealtimeHub hub, RealtimeConnection connection)
    {
        _hub = hub;
        _connection = connection;
        _expiry = hub.Time.CreateTimer(_ => connection.Close(DisconnectReason.Expired), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _pongDeadline = hub.Time.CreateTimer(_ => MissedPong(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The ping interval in whole seconds, as the connect result states it; 0 for none.</summary>
    public int PingSeconds => (int)(_hub.Options.PingInterval?.TotalSeconds ?? 0);

    public void StartPings()
    {
        if (_hub.Options.PingInterval is { } interval)
        {
            _pings = _hub.Time.CreateTimer(_ => Ping(), null, interval, interval);
        }
    }

    /// <summary>Closes the connection <see cref="CadenzaEmulatorRealtimeOptions.ExpiredCloseDelay"/> after <paramref name="tokenExpiresAt"/> unless called again first.</summary>
    public void ExpireAfter(DateTimeOffset tokenExpiresAt)
    {
        var due = tokenExpiresAt + _hub.Options.ExpiredCloseDelay - _hub.Time.GetUtcNow();
        _expiry.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The client's pong (an empty command) arrived.</summary>
    public void Pong()
    {
        if (Interlocked.Exchange(ref _awaitingPong, 0) == 1)
        {
            _hub.CountPong();
        }
    }

    public void Dispose()
    {
        _expiry.Dispose();
        _pongDeadline.Dispose();
        _pings?.Dispose();
    }

    private void Ping()
    {
        _connection.Send(ReplyWriter.ServerPing);
        if (Interlocked.Exchange(ref _awaitingPong, 1) == 0)
        {
            _pongDeadline.Change(_hub.Options.PongTimeout, Timeout.InfiniteTimeSpan);
        }
    }

    private void MissedPong()
    {
        if (Volatile.Read(ref _awaitingPong) == 1)
        {
            _connection.Close(DisconnectReason.NoPong);
        }
    }
}
