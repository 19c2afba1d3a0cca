using System.Text.Json;

namespace Cadenza.Emulator.Wire;

// The request and response bodies of openapi/cadenza.yaml, named as its schemas are. Request fields are
// nullable because a client may leave them out; the endpoints turn a missing field into a 400 envelope.

internal sealed record AuthSignupRequest(string? Email, string? Password, Dictionary<string, JsonElement>? Metadata);

internal sealed record AuthLoginRequest(string? Email, string? Password);

internal sealed record AuthRefreshTokenRequest(string? RefreshToken);

internal sealed record AuthUpdateUserRequest(string? Email, string? Password, Dictionary<string, JsonElement>? Metadata);

internal sealed record AuthRecoverRequest(string? Email);

internal sealed record AuthSession(string AccessToken, string RefreshToken, string TokenType, int ExpiresIn, long ExpiresAt, AuthUser User);

internal sealed record AuthUser(
    Guid Id,
    string Email,
    string? Phone,
    DateTimeOffset? EmailConfirmedAt,
    DateTimeOffset? PhoneConfirmedAt,
    DateTimeOffset? LastSignInAt,
    string Role,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    AuthUserAppMetadata AppMetadata,
    IReadOnlyDictionary<string, JsonElement> UserMetadata,
    IReadOnlyList<AuthUserIdentity> Identities);

/// <summary>The spec's <c>AuthUserIdentitiesInner</c>: how the user signs in (GoTrue lists the email identity).</summary>
internal sealed record AuthUserIdentity(
    string Id,
    Guid UserId,
    IReadOnlyDictionary<string, JsonElement> IdentityData,
    string Provider,
    DateTimeOffset? LastSignInAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

internal sealed record AuthUserAppMetadata(string? TenantId, IReadOnlyList<string> Environments);
