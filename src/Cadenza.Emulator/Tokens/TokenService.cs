using System.Security.Cryptography;
using Cadenza.Emulator.Http;
using Cadenza.Emulator.Wire;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cadenza.Emulator.Tokens;

/// <summary>Issues and checks access tokens: HS256 JWTs shaped like GoTrue's (sub, email, role, session_id, iat, exp).</summary>
internal sealed class TokenService
{
    private const string Issuer = "cadenza-emulator";
    private const string Audience = "authenticated";
    private const string SessionIdClaim = "session_id";

    // Times come from the TimeProvider, not from the handler's own clock, so tests can move time.
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SigningCredentials _signing;
    private readonly TokenValidationParameters _validation;
    private readonly TimeProvider _time;

    public TokenService(TimeProvider time, TimeSpan lifetime)
    {
        _time = time;
        Lifetime = lifetime;
        // A new key per instance: no token survives a restart, and no two emulators accept each other's tokens.
        var key = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(64));
        _signing = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);
        _validation = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireExpirationTime = true,
            // Expiry is checked in ValidateAsync against the TimeProvider.
            ValidateLifetime = false,
        };
    }

    public TimeSpan Lifetime { get; }

    /// <summary>A signed access token for the session, and its expiry in Unix seconds.</summary>
    public (string Token, long ExpiresAt) Issue(AuthUser user, Guid sessionId)
    {
        // JWT times are whole seconds: start on one so that exp - iat is exactly the lifetime.
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().ToUnixTimeSeconds());
        var expiresAt = issuedAt + Lifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = issuedAt.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            SigningCredentials = _signing,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = user.Id.ToString(),
                [JwtRegisteredClaimNames.Email] = user.Email,
                ["role"] = user.Role,
                [SessionIdClaim] = sessionId.ToString(),
            },
        });
        return (token, expiresAt.ToUnixTimeSeconds());
    }

    /// <summary>The user and session a token was issued for; a 401 <see cref="ApiError"/> when it is not ours, malformed or expired.</summary>
    public async Task<(Guid UserId, Guid SessionId)> ValidateAsync(string token)
    {
        var check = await CheckAsync(token);
        return check.Status switch
        {
            TokenStatus.Valid => (check.UserId, check.SessionId),
            TokenStatus.Expired => throw ApiError.InvalidToken("Token has expired"),
            _ => throw ApiError.InvalidToken("Invalid token"),
        };
    }

    /// <summary>
    /// What a token is worth, without throwing: the WebSocket endpoint answers an expired token (the client
    /// should refresh) differently from one that is not ours (the client should give up).
    /// </summary>
    public async Task<TokenCheck> CheckAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, _validation);
        if (!result.IsValid
            || result.SecurityToken is not JsonWebToken jwt
            || !Guid.TryParse(jwt.Subject, out var userId)
            || !jwt.TryGetPayloadValue<string>(SessionIdClaim, out var sessionClaim)
            || !Guid.TryParse(sessionClaim, out var sessionId))
        {
            return new TokenCheck(TokenStatus.Invalid, Guid.Empty, Guid.Empty, default);
        }

        var expiresAt = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero);
        var status = _time.GetUtcNow() >= expiresAt ? TokenStatus.Expired : TokenStatus.Valid;
        return new TokenCheck(status, userId, sessionId, expiresAt);
    }
}
