namespace Cadenza.Client
{
    /// <summary>What changed in a <see cref="CadenzaSession"/>.</summary>
    public enum CadenzaSessionChange
    {
        /// <summary>A login succeeded, or a stored session was restored.</summary>
        SignedIn,

        /// <summary>The access token was refreshed.</summary>
        TokenRefreshed,

        /// <summary>The user was updated.</summary>
        UserUpdated,

        /// <summary>The session ended: logout, or the server rejected the refresh token.</summary>
        SignedOut,
    }
}
