namespace Cadenza.Client
{
    /// <summary>Where a <see cref="CadenzaRealtime"/> connection is.</summary>
    public enum CadenzaRealtimeState
    {
        /// <summary>Not started: nothing has asked for a connection yet.</summary>
        Idle,

        /// <summary>Connecting, or waiting to reconnect after the connection was lost.</summary>
        Connecting,

        /// <summary>Connected and authenticated; subscriptions are live.</summary>
        Connected,

        /// <summary>Ended for good: disposed, or stopped by a failure it cannot recover from (a rejected session, a terminal disconnect).</summary>
        Closed,
    }
}
