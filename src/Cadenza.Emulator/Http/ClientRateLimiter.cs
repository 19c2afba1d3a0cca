namespace Cadenza.Emulator.Http;

/// <summary>
/// A fixed-window limit per client IP and operation: a client's first request to an operation opens a window in
/// which <see cref="CadenzaEmulatorRateLimit.PermitLimit"/> requests pass; the rest get 429 until it closes.
/// </summary>
/// <remarks>
/// Hand-written rather than Microsoft.AspNetCore.RateLimiting because the framework's limiters run on the real
/// clock; this one reads the <see cref="TimeProvider"/>, so a test can open and close windows without waiting.
/// </remarks>
internal sealed class ClientRateLimiter(CadenzaEmulatorRateLimit limit, TimeProvider time)
{
    // Closed windows are only dropped once there are this many, which a local emulator should never reach.
    private const int PruneThreshold = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Client, string Operation), Window> _windows = [];

    /// <summary>Counts the request, or throws the 429 <see cref="ApiError"/> with the time left in the window.</summary>
    public void Acquire(HttpContext context, string operation)
    {
        var key = (context.Connection.RemoteIpAddress?.ToString() ?? "unknown", operation);
        var now = time.GetUtcNow();
        TimeSpan retryAfter;
        lock (_gate)
        {
            if (!_windows.TryGetValue(key, out var window) || now >= window.ClosesAt)
            {
                if (_windows.Count >= PruneThreshold)
                {
                    foreach (var closed in _windows.Where(w => now >= w.Value.ClosesAt).Select(w => w.Key).ToList())
                    {
                        _windows.Remove(closed);
                    }
                }

                window = new Window(now + limit.Window);
                _windows[key] = window;
            }

            if (window.Count < limit.PermitLimit)
            {
                window.Count++;
                return;
            }

            retryAfter = window.ClosesAt - now;
        }

        throw ApiError.RateLimited(retryAfter);
    }

    private sealed class Window(DateTimeOffset closesAt)
    {
        public DateTimeOffset ClosesAt { get; } = closesAt;

        public int Count { get; set; }
    }
}
