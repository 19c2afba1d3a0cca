using System.Diagnostics;

namespace Cadenza.Emulator.Http;

/// <summary>One log line per request, and the request id that error envelopes carry as <c>details.request_id</c>.</summary>
internal static class RequestLogging
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next, ILogger logger)
    {
        // A fresh id per request: the log line and the error body both carry it, so a client's report can be matched.
        context.TraceIdentifier = Guid.NewGuid().ToString();
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            // Method, path, status and time only: headers, query strings and bodies carry tokens and passwords.
            logger.LogInformation(
                "{Method} {Path} {StatusCode} in {ElapsedMilliseconds:0.0} ms (request_id {RequestId})",
                context.Request.Method,
                context.Request.Path.Value,
                context.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                context.TraceIdentifier);
        }
    }
}
