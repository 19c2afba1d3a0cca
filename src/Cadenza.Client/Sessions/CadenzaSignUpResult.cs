namespace Cadenza.Client
{
    /// <summary>What <see cref="CadenzaSession.SignUpAsync"/> got back: the new user, and the session when the server signed it in.</summary>
    public sealed class CadenzaSignUpResult
    {
        internal CadenzaSignUpResult(AuthUser user, AuthSession? session)
        {
            User = user;
            Session = session;
        }

        /// <summary>The new user.</summary>
        public AuthUser User { get; }

        /// <summary>The session (tokens, expiry, user) when the server signed the new user in; null when it did not (email confirmation on).</summary>
        public AuthSession? Session { get; }

        /// <summary>True when the server signed the new user in: the session now holds its tokens.</summary>
        public bool SignedIn => Session != null;
    }
}
