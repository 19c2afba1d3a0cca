namespace Cadenza.Emulator.Http;

/// <summary>
/// A failure the spec documents. Thrown anywhere in a request and turned into the error envelope by
/// <see cref="ErrorHandling"/>, so each endpoint reads as its happy path.
/// </summary>
/// <remarks>Messages are fixed texts: never put a token, refresh token or password in one.</remarks>
internal sealed class ApiError : Exception
{
    private ApiError(int statusCode, string code, string message, TimeSpan? retryAfter = null)
        : base(message)
    {
        StatusCode = statusCode;
        Code = code;
        RetryAfter = retryAfter;
    }

    public int StatusCode { get; }

    /// <summary>The envelope's <c>details.code</c>.</summary>
    public string Code { get; }

    /// <summary>For 429: how long until the client may try again.</summary>
    public TimeSpan? RetryAfter { get; }

    public static ApiError Validation(string message) => new(400, "VALIDATION_FAILED", message);

    public static ApiError UserExists(string message) => new(400, "USER_EXISTS", message);

    public static ApiError InvalidCredentials() => new(401, "INVALID_CREDENTIALS", "Invalid login credentials");

    public static ApiError InvalidToken(string message) => new(401, "INVALID_TOKEN", message);

    public static ApiError InvalidRefreshToken(string message) => new(401, "INVALID_REFRESH_TOKEN", message);

    public static ApiError RateLimited(TimeSpan retryAfter) => new(429, "RATE_LIMITED", "Rate limit exceeded", retryAfter);
}
