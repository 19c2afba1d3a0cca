using System.Security.Cryptography;
using System.Text;
using Cadenza.Emulator.Http;

namespace Cadenza.Emulator.Tokens;

/// <summary>
/// Sessions and their refresh tokens, kept as GoTrue keeps them. A login starts a session: one family of refresh
/// tokens. Each refresh spends the token presented and issues its successor. Presenting a spent token means it
/// was copied, so the whole family is revoked: the thief's and the owner's newest token both stop working —
/// unless it comes back within the reuse interval (GoTrue's <c>REFRESH_TOKEN_REUSE_INTERVAL</c>), which forgives
/// a client that lost the answer to its refresh: it gets the family's current token, and nothing is revoked.
/// Ending a session (logout, revocation) also ends its access tokens, which name it in their session_id claim.
/// </summary>
/// <remarks>
/// GoTrue also forgives, at any time, the parent of the family's current token. The emulator does not: with a
/// zero interval (strict mode) every reuse revokes, so a client that works here never relies on that leniency.
/// </remarks>
internal sealed class RefreshTokenFamilies(TimeProvider time, TimeSpan reuseInterval, RefreshCounters counters)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Session> _sessions = [];

    // Keyed by the token's SHA-256: only each family's current token is kept as itself, to hand it out again.
    private readonly Dictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);

    public (Guid SessionId, string RefreshToken) Start(Guid userId)
    {
        var sessionId = Guid.NewGuid();
        counters.SessionsStarted.Increment();
        lock (_gate)
        {
            var session = new Session(userId);
            _sessions.Add(sessionId, session);
            return (sessionId, IssueLocked(sessionId, session));
        }
    }

    /// <summary>Spends <paramref name="refreshToken"/> and returns its successor; a 401 <see cref="ApiError"/> when it cannot be spent.</summary>
    public (Guid UserId, Guid SessionId, string RefreshToken) Rotate(string refreshToken)
    {
        lock (_gate)
        {
            if (!_tokens.TryGetValue(Fingerprint(refreshToken), out var issued))
            {
                throw ApiError.InvalidRefreshToken("Invalid Refresh Token: Refresh Token Not Found");
            }

            var session = _sessions[issued.SessionId];
            if (session.Ended)
            {
                throw ApiError.InvalidRefreshToken("Invalid Refresh Token: Session Ended");
            }

            if (issued.SpentAt is { } spentAt)
            {
                if (time.GetUtcNow() - spentAt < reuseInterval)
                {
                    counters.ReusesForgiven.Increment();
                    return (session.UserId, issued.SessionId, session.Current);
                }

                session.Ended = true;
                counters.ReuseDetections.Increment();
                throw ApiError.InvalidRefreshToken("Invalid Refresh Token: Already Used");
            }

            issued.SpentAt = time.GetUtcNow();
            counters.Rotations.Increment();
            return (session.UserId, issued.SessionId, IssueLocked(issued.SessionId, session));
        }
    }

    public void End(Guid sessionId)
    {
        lock (_gate)
        {
            if (_sessions.TryGetValue(sessionId, out var session))
            {
                session.Ended = true;
            }
        }
    }

    public bool IsActive(Guid sessionId)
    {
        lock (_gate)
        {
            return _sessions.TryGetValue(sessionId, out var session) && !session.Ended;
        }
    }

    private string IssueLocked(Guid sessionId, Session session)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        _tokens.Add(Fingerprint(token), new IssuedToken(sessionId));
        session.Current = token;
        return token;
    }

    private static string Fingerprint(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed class Session(Guid userId)
    {
        public Guid UserId { get; } = userId;

        public string Current { get; set; } = string.Empty;

        public bool Ended { get; set; }
    }

    private sealed class IssuedToken(Guid sessionId)
    {
        public Guid SessionId { get; } = sessionId;

        public DateTimeOffset? SpentAt { get; set; }
    }
}
