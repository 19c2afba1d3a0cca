namespace Cadenza.Client
{
    /// <summary>Whether a <see cref="CadenzaSession"/> holds tokens.</summary>
    public enum CadenzaSessionState
    {
        /// <summary>No tokens: log in first.</summary>
        SignedOut,

        /// <summary>The session holds tokens and keeps the access token valid.</summary>
        SignedIn,
    }
}
