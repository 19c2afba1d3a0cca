namespace Cadenza.Emulator.Tokens;

/// <summary>Whether an access token is this emulator's, unexpired, or neither.</summary>
internal enum TokenStatus
{
    Invalid,
    Expired,
    Valid,
}

/// <summary>The outcome of <see cref="TokenService.CheckAsync"/>; the ids and expiry are set unless the token is invalid.</summary>
internal readonly record struct TokenCheck(TokenStatus Status, Guid UserId, Guid SessionId, DateTimeOffset ExpiresAt);
