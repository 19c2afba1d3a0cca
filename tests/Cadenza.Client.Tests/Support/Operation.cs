namespace Cadenza.Client.Tests.Support;

/// <summary>One operation of the spec, as the tests expect it on the wire (written from the seed docs, not from the code).</summary>
public sealed record Operation(
    string Name,
    HttpMethod Method,
    string Path,
    bool Bearer,
    string[] BodyKeys,
    int[] ErrorStatuses,
    string SuccessBody,
    Func<AuthenticationClient, CancellationToken, Task<BaseResponse>> Invoke)
{
    public override string ToString() => Name;

    public static readonly Operation[] All =
    [
        new("AuthSignup", HttpMethod.Post, "/api/v3/auth/signup", false, ["email", "password", "metadata"], [400, 429, 500], Bodies.User,
            async (c, ct) => await c.AuthSignupAsync(new AuthSignupRequest { Email = "trader@example.com", Password = "correct-horse", Metadata = new Dictionary<string, object> { ["desk"] = "rates" } }, ct)),
        new("AuthLogin", HttpMethod.Post, "/api/v3/auth/login", false, ["email", "password"], [400, 401, 429, 500], Bodies.Session,
            async (c, ct) => await c.AuthLoginAsync(new AuthLoginRequest { Email = "trader@example.com", Password = "correct-horse" }, ct)),
        new("AuthLogout", HttpMethod.Post, "/api/v3/auth/logout", true, [], [401, 500], Bodies.Ok,
            async (c, ct) => await c.AuthLogoutAsync(ct)),
        new("AuthRefreshToken", HttpMethod.Post, "/api/v3/auth/token/refresh", false, ["refreshToken"], [400, 401, 500], Bodies.Session,
            async (c, ct) => await c.AuthRefreshTokenAsync(new AuthRefreshTokenRequest { RefreshToken = "some-refresh-token" }, ct)),
        new("AuthGetUser", HttpMethod.Get, "/api/v3/auth/user", true, [], [401, 500], Bodies.User,
            async (c, ct) => await c.AuthGetUserAsync(ct)),
        new("AuthUpdateUser", HttpMethod.Put, "/api/v3/auth/user", true, ["email", "password", "metadata"], [400, 401, 500], Bodies.User,
            async (c, ct) => await c.AuthUpdateUserAsync(new AuthUpdateUserRequest { Email = "new@example.com", Password = "new-password", Metadata = new Dictionary<string, object> { ["desk"] = "fx" } }, ct)),
        new("AuthRecover", HttpMethod.Post, "/api/v3/auth/recover", false, ["email"], [400, 429, 500], Bodies.Ok,
            async (c, ct) => await c.AuthRecoverAsync(new AuthRecoverRequest { Email = "trader@example.com" }, ct)),
    ];

    public static IEnumerable<TestCaseData> ErrorCases() =>
        All.SelectMany(op => op.ErrorStatuses.Select(status => new TestCaseData(op, status).SetArgDisplayNames(op.Name, status.ToString())));
}
