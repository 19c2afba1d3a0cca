using System;
using Newtonsoft.Json;

namespace Cadenza.Client
{
    /// <summary>What a session store keeps: the tokens of one signed-in user, their expiry and the user.</summary>
    /// <remarks><see cref="ToString"/> never shows a token.</remarks>
    public sealed class StoredSession
    {
        /// <summary>Creates a stored session.</summary>
        /// <param name="accessToken">The JWT access token.</param>
        /// <param name="refreshToken">The refresh token.</param>
        /// <param name="receivedAt">When the tokens were received (the start of the token's lifetime as this client saw it).</param>
        /// <param name="expiresAt">When the access token expires, if the server said.</param>
        /// <param name="user">The signed-in user, if known.</param>
        /// <param name="baseAddress">The server that issued the tokens; a session for another server is not restored.</param>
        [JsonConstructor]
        public StoredSession(string accessToken, string refreshToken, DateTimeOffset receivedAt, DateTimeOffset? expiresAt, AuthUser? user, Uri? baseAddress = null)
        {
            AccessToken = string.IsNullOrEmpty(accessToken) ? throw new ArgumentException("An access token is required.", nameof(accessToken))
                : !IsHeaderSafe(accessToken) ? throw new ArgumentException("An access token must be printable ASCII: no HTTP header can carry it otherwise.", nameof(accessToken))
                : accessToken;
            RefreshToken = string.IsNullOrEmpty(refreshToken) ? throw new ArgumentException("A refresh token is required.", nameof(refreshToken)) : refreshToken;
            ReceivedAt = receivedAt;
            ExpiresAt = expiresAt;
            User = user;
            BaseAddress = baseAddress;
        }

        /// <summary>The JWT access token.</summary>
        [JsonProperty("accessToken")]
        public string AccessToken { get; }

        /// <summary>The refresh token (single use: the server rotates it on every refresh).</summary>
        [JsonProperty("refreshToken")]
        public string RefreshToken { get; }

        /// <summary>When the tokens were received.</summary>
        [JsonProperty("receivedAt")]
        public DateTimeOffset ReceivedAt { get; }

        /// <summary>When the access token expires; null when the server did not say.</summary>
        [JsonProperty("expiresAt")]
        public DateTimeOffset? ExpiresAt { get; }

        /// <summary>The signed-in user, if known.</summary>
        [JsonProperty("user")]
        public AuthUser? User { get; }

        /// <summary>The server that issued the tokens; null in files written before it was recorded.</summary>
        [JsonProperty("baseAddress")]
        public Uri? BaseAddress { get; }

        /// <summary>A copy with another user.</summary>
        /// <param name="user">The user.</param>
        /// <returns>The copy.</returns>
        public StoredSession WithUser(AuthUser? user) => new StoredSession(AccessToken, RefreshToken, ReceivedAt, ExpiresAt, user, BaseAddress);

        internal AuthSession ToAuthSession() => new AuthSession
        {
            AccessToken = AccessToken,
            RefreshToken = RefreshToken,
            TokenType = "bearer",
            ExpiresAt = ExpiresAt?.ToUnixTimeSeconds(),
            ExpiresIn = ExpiresAt is DateTimeOffset expiresAt ? (int)(expiresAt - ReceivedAt).TotalSeconds : (int?)null,
            User = User,
        };

        /// <inheritdoc />
        public override string ToString() => $"StoredSession(user {User?.Id?.ToString() ?? "unknown"}, server {BaseAddress?.Host ?? "unknown"}, expires {ExpiresAt?.ToString("u") ?? "unknown"}, tokens {Redaction.Mask})";

        /// <summary>
        /// Whether <paramref name="token"/> can go in an Authorization header: printable ASCII only. HttpClient refuses CR,
        /// LF and NUL with a FormatException, SocketsHttpHandler anything outside ASCII with an HttpRequestException, so a
        /// token with them would fail every call as it is sent.
        /// </summary>
        internal static bool IsHeaderSafe(string token)
        {
            foreach (var c in token)
            {
                if (c < ' ' || c > '~')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
