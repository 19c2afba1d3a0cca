using Cadenza.Emulator.Tokens;
using Cadenza.Emulator.Users;
using Cadenza.Emulator.Wire;

namespace Cadenza.Emulator.Http;

/// <summary>The seven Authentication operations of openapi/cadenza.yaml. Failures are thrown as <see cref="ApiError"/>.</summary>
internal sealed class Endpoints(UserStore users, RefreshTokenFamilies sessions, TokenService tokens, ClientRateLimiter? rateLimiter, bool requireEmailConfirmation, RefreshCounters counters)
{
    public void Map(IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v3/auth");
        auth.MapPost("/signup", SignupAsync);
        auth.MapPost("/login", LoginAsync);
        auth.MapPost("/logout", LogoutAsync);
        auth.MapPost("/token/refresh", RefreshTokenAsync);
        auth.MapGet("/user", GetUserAsync);
        auth.MapPut("/user", UpdateUserAsync);
        auth.MapPost("/recover", RecoverAsync);
    }

    private async Task SignupAsync(HttpContext context)
    {
        rateLimiter?.Acquire(context, "signup");
        var request = await RequestBody.ReadAsync<AuthSignupRequest>(context.Request);
        var user = users.Create(InputRules.Email(request.Email), InputRules.NewPassword(request.Password), request.Metadata, confirmed: !requireEmailConfirmation);
        if (requireEmailConfirmation)
        {
            // GoTrue with "confirm email" on: the user comes back, without a session, until the address is confirmed.
            await OkAsync(context, user);
            return;
        }

        // Since 2026-02-26 Cadenza answers a sign-up with a session, as a login would.
        var (sessionId, refreshToken) = sessions.Start(user.Id);
        await OkAsync(context, NewSession(user, sessionId, refreshToken));
    }

    private async Task LoginAsync(HttpContext context)
    {
        rateLimiter?.Acquire(context, "login");
        var request = await RequestBody.ReadAsync<AuthLoginRequest>(context.Request);
        var user = users.SignIn(InputRules.Email(request.Email), InputRules.Required(request.Password, "password"))
            ?? throw ApiError.InvalidCredentials();
        var (sessionId, refreshToken) = sessions.Start(user.Id);
        await OkAsync(context, NewSession(user, sessionId, refreshToken));
    }

    private async Task LogoutAsync(HttpContext context)
    {
        var (_, sessionId) = await AuthenticateAsync(context);
        sessions.End(sessionId);
        await OkAsync(context, "ok");
    }

    private async Task RefreshTokenAsync(HttpContext context)
    {
        counters.RefreshRequests.Increment();
        var request = await RequestBody.ReadAsync<AuthRefreshTokenRequest>(context.Request);
        var (userId, sessionId, refreshToken) = sessions.Rotate(InputRules.Required(request.RefreshToken, "refreshToken"));
        var user = users.Find(userId) ?? throw ApiError.InvalidRefreshToken("Invalid Refresh Token: User Not Found");
        await OkAsync(context, NewSession(user, sessionId, refreshToken));
    }

    private async Task GetUserAsync(HttpContext context)
    {
        var (user, _) = await AuthenticateAsync(context);
        await OkAsync(context, user);
    }

    private async Task UpdateUserAsync(HttpContext context)
    {
        var (user, _) = await AuthenticateAsync(context);
        var request = await RequestBody.ReadAsync<AuthUpdateUserRequest>(context.Request);
        var email = request.Email is null ? null : InputRules.Email(request.Email);
        var password = request.Password is null ? null : InputRules.NewPassword(request.Password);
        await OkAsync(context, users.Update(user.Id, email, password, request.Metadata));
    }

    private async Task RecoverAsync(HttpContext context)
    {
        rateLimiter?.Acquire(context, "recover");
        var request = await RequestBody.ReadAsync<AuthRecoverRequest>(context.Request);
        InputRules.Email(request.Email);
        // Nothing is sent, and the answer is the same whether or not the address has an account: no user enumeration.
        await OkAsync(context, "ok");
    }

    /// <summary>The caller behind the bearer token: signed by this emulator, not expired, its session not ended.</summary>
    private async Task<(AuthUser User, Guid SessionId)> AuthenticateAsync(HttpContext context)
    {
        const string scheme = "Bearer ";
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || header.Length == scheme.Length)
        {
            throw ApiError.InvalidToken("Missing bearer token");
        }

        var (userId, sessionId) = await tokens.ValidateAsync(header[scheme.Length..].Trim());
        if (!sessions.IsActive(sessionId))
        {
            throw ApiError.InvalidToken("Session has ended");
        }

        var user = users.Find(userId) ?? throw ApiError.InvalidToken("Invalid token");
        return (user, sessionId);
    }

    private AuthSession NewSession(AuthUser user, Guid sessionId, string refreshToken)
    {
        var (accessToken, expiresAt) = tokens.Issue(user, sessionId);
        return new AuthSession(accessToken, refreshToken, "bearer", (int)tokens.Lifetime.TotalSeconds, expiresAt, user);
    }

    private static Task OkAsync<T>(HttpContext context, T data) =>
        context.Response.WriteAsJsonAsync(Envelope<T>.Ok(data), EmulatorJson.Options, context.RequestAborted);
}
