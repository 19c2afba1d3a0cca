using System;

namespace Cadenza.Client
{
    /// <summary>Describes a change of a <see cref="CadenzaSession"/>. Carries no token.</summary>
    public sealed class CadenzaSessionChangedEventArgs : EventArgs
    {
        internal CadenzaSessionChangedEventArgs(CadenzaSessionChange change, AuthUser? user, DateTimeOffset? expiresAt)
        {
            Change = change;
            User = user;
            ExpiresAt = expiresAt;
        }

        /// <summary>What changed.</summary>
        public CadenzaSessionChange Change { get; }

        /// <summary>The user after the change; null once signed out.</summary>
        public AuthUser? User { get; }

        /// <summary>When the access token expires after the change; null once signed out or when unknown.</summary>
        public DateTimeOffset? ExpiresAt { get; }
    }
}
