namespace Cadenza.Emulator;

/// <summary>
/// A rate limit for sign-up, login and password recovery: per client IP and per operation, at most
/// <paramref name="PermitLimit"/> requests in a fixed window of <paramref name="Window"/>, opened by the first request.
/// Past it the emulator answers 429 with <c>Retry-After</c> (seconds left in the window).
/// </summary>
/// <param name="PermitLimit">Requests allowed per window; at least 1.</param>
/// <param name="Window">The window's length; more than zero.</param>
public sealed record CadenzaEmulatorRateLimit(int PermitLimit, TimeSpan Window);
