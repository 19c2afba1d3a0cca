using System;
using System.Threading.Tasks;

namespace Cadenza.Client
{
    /// <summary>
    /// One access token with its refresh token and the times decided for it when it arrived: immutable, so a caller
    /// reads it without a lock. The access token is also kept as a completed task, handed out on every call
    /// without allocating.
    /// </summary>
    internal sealed class TokenSet
    {
        private TokenSet(StoredSession session, DateTimeOffset refreshAt, Task<string> accessToken)
        {
            Session = session;
            RefreshAt = refreshAt;
            ExpiresAt = session.ExpiresAt ?? DateTimeOffset.MaxValue;
            AccessToken = accessToken;
        }

        public StoredSession Session { get; }

        /// <summary>From then on the token is refreshed ahead (in the background); <see cref="DateTimeOffset.MaxValue"/> when the expiry is unknown.</summary>
        public DateTimeOffset RefreshAt { get; }

        /// <summary>From then on callers wait for a refresh; <see cref="DateTimeOffset.MaxValue"/> when unknown (a 401 tells).</summary>
        public DateTimeOffset ExpiresAt { get; }

        public Task<string> AccessToken { get; }

        public string RefreshToken => Session.RefreshToken;

        /// <summary>
        /// A token already decided on (a stored session, or one from another process): its expiry is re-checked, not
        /// re-decided; its refresh is due <paramref name="lateness"/> later than the holder that received it (see
        /// <see cref="ExpiryPolicy.FollowerRefreshAt"/>), never at the same instant as every other process that read it.
        /// </summary>
        public static TokenSet From(StoredSession session, ExpiryPolicy policy, double lateness)
        {
            var expiresAt = ExpiryPolicy.Believe(session.ReceivedAt, session.ExpiresAt);
            if (expiresAt != session.ExpiresAt)
            {
                session = new StoredSession(session.AccessToken, session.RefreshToken, session.ReceivedAt, expiresAt, session.User, session.BaseAddress);
            }

            var refreshAt = expiresAt is DateTimeOffset at ? policy.FollowerRefreshAt(session.ReceivedAt, at, lateness) : DateTimeOffset.MaxValue;
            return new TokenSet(session, refreshAt, Task.FromResult(session.AccessToken));
        }

        /// <summary>
        /// The tokens of a login or refresh response. A response without an access token, with one that no HTTP header
        /// can carry, or without a refresh token where there is no previous one to keep, is a failure: a
        /// <see cref="CadenzaApiException"/>, never a crash.
        /// </summary>
        public static TokenSet FromResponse(AuthSession? data, StoredSession? previous, ExpiryPolicy policy, DateTimeOffset now, Uri baseAddress, out ExpiryDecision expiry)
        {
            if (data is null || string.IsNullOrEmpty(data.AccessToken))
            {
                throw CadenzaApiException.IncompleteSuccess("the response has no access token");
            }

            // Else every call would fail as it is sent (see StoredSession.IsHeaderSafe). Refused here, once, as the server's
            // failure, without quoting the token.
            if (!StoredSession.IsHeaderSafe(data.AccessToken!))
            {
                throw CadenzaApiException.IncompleteSuccess("the response's access token has characters an HTTP header cannot carry");
            }

            // GoTrue rotates the refresh token, but a response without one means "keep using the old one".
            var refreshToken = string.IsNullOrEmpty(data.RefreshToken) ? previous?.RefreshToken : data.RefreshToken;
            if (string.IsNullOrEmpty(refreshToken))
            {
                throw CadenzaApiException.IncompleteSuccess("the response has no refresh token");
            }

            expiry = policy.Decide(data.ExpiresIn, data.ExpiresAt, JwtExpiry.Read(data.AccessToken), now);
            var session = new StoredSession(data.AccessToken!, refreshToken!, now, expiry.ExpiresAt, data.User ?? previous?.User, baseAddress);
            var refreshAt = expiry.ExpiresAt is DateTimeOffset at ? policy.RefreshAt(now, at) : DateTimeOffset.MaxValue;
            return new TokenSet(session, refreshAt, Task.FromResult(session.AccessToken));
        }

        public TokenSet WithUser(AuthUser? user) => new TokenSet(Session.WithUser(user), RefreshAt, AccessToken);

        /// <summary>Nothing to do: the token is outside the refresh margin.</summary>
        public bool IsFresh(DateTimeOffset now) => now < RefreshAt;

        /// <summary>The token may still be sent (inside the margin, a refresh ahead is due).</summary>
        public bool IsUsable(DateTimeOffset now) => now < ExpiresAt;

        /// <summary>Whether <paramref name="other"/> is the same sign-in at the same rotation (same refresh token).</summary>
        public bool SameRotation(TokenSet? other) => other != null && string.Equals(other.RefreshToken, RefreshToken, StringComparison.Ordinal);
    }
}
