namespace Cadenza.Emulator;

/// <summary>How the emulator's WebSocket endpoint (<c>/connection/websocket</c>, Centrifugo JSON protocol) behaves.</summary>
public sealed class CadenzaEmulatorRealtimeOptions
{
    /// <summary>How often the server pings each connection (whole seconds; 25 s by default, as Centrifugo); null for no pings.</summary>
    public TimeSpan? PingInterval { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>How long a client has to answer a ping before it is disconnected with 3012 "no pong" (8 s by default).</summary>
    public TimeSpan PongTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>How often every channel with a subscriber gets a synthetic publication (0.5 s by default); null to publish only on demand.</summary>
    public TimeSpan? PublishInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How many of its latest publications a channel keeps for recovery (1000 by default).</summary>
    public int HistorySize { get; set; } = 1000;

    /// <summary>How long past its token's expiry a connection that did not refresh is kept before 3005 "connection expired" (25 s by default, as Centrifugo).</summary>
    public TimeSpan ExpiredCloseDelay { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>How many channels one connection may subscribe to (128 by default); past it a subscribe gets error 106.</summary>
    public int MaxSubscriptionsPerConnection { get; set; } = 128;

    /// <summary>How many replies may wait for a slow client before it is disconnected with 3008 "slow" (10,000 by default).</summary>
    public int MaxQueuedReplies { get; set; } = 10_000;

    internal void Validate()
    {
        if (PingInterval is { } ping && (ping < TimeSpan.FromSeconds(1) || ping.Ticks % TimeSpan.TicksPerSecond != 0))
        {
            throw new ArgumentOutOfRangeException(nameof(PingInterval), PingInterval, "PingInterval must be a whole number of seconds, at least 1, or null.");
        }

        if (PongTimeout <= TimeSpan.Zero || PublishInterval <= TimeSpan.Zero || ExpiredCloseDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(PongTimeout), "PongTimeout and PublishInterval must be positive, ExpiredCloseDelay not negative.");
        }

        if (HistorySize < 1 || MaxSubscriptionsPerConnection < 1 || MaxQueuedReplies < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(HistorySize), "HistorySize, MaxSubscriptionsPerConnection and MaxQueuedReplies must be at least 1.");
        }
    }
}
