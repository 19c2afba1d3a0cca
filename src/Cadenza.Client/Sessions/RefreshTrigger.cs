namespace Cadenza.Client
{
    /// <summary>Why a refresh started (a telemetry tag, and what decides whether a caller waits for it).</summary>
    internal enum RefreshTrigger
    {
        /// <summary>The token is inside the refresh margin but still valid: refreshed in the background, nobody waits.</summary>
        Ahead,

        /// <summary>The token has expired: callers wait.</summary>
        Expired,

        /// <summary>The server answered 401 to the token.</summary>
        Unauthorized,

        /// <summary><see cref="CadenzaSession.RefreshAsync"/>.</summary>
        Explicit,
    }

    /// <summary>Why a session ended.</summary>
    internal enum SessionEndReason
    {
        Logout,
        Rejected,
    }
}
