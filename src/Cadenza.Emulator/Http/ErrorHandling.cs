using System.Globalization;
using Cadenza.Emulator.Wire;

namespace Cadenza.Emulator.Http;

/// <summary>Makes every failure an error envelope: documented ones (<see cref="ApiError"/>), crashes, and unknown routes.</summary>
internal static class ErrorHandling
{
    /// <summary>
    /// errno is AABBB: module 10 (authentication) and, as in the spec's examples (10400, 10401, 10429, 10500),
    /// the HTTP status as the error number; <c>details.code</c> tells errors of one status apart.
    /// </summary>
    public static int Errno(int statusCode) => 10_000 + statusCode;

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next, ILogger logger)
    {
        try
        {
            await next(context);
        }
        catch (ApiError error) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            if (error.RetryAfter is { } delay)
            {
                // Whole seconds, rounded up so a client that waits exactly this long is let through.
                var seconds = Math.Max(1, (int)Math.Ceiling(delay.TotalSeconds));
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }

            await WriteAsync(context, error.StatusCode, error.Code, error.Message, error.StatusCode == 429 ? "Too many requests" : null);
            return;
        }
        catch (Exception exception) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            // The log gets the exception; the client gets a fixed text, since exception messages can say too much.
            logger.LogError(exception, "Unhandled exception (request_id {RequestId})", context.TraceIdentifier);
            context.Response.Clear();
            await WriteAsync(context, 500, "INTERNAL_ERROR", "Internal server error");
            return;
        }

        // The framework answers an unknown path (404) or method (405) without a body: give those the envelope too.
        if (!context.Response.HasStarted && context.Response.StatusCode >= 400)
        {
            var (code, message) = context.Response.StatusCode switch
            {
                404 => ("NOT_FOUND", "No such endpoint"),
                405 => ("METHOD_NOT_ALLOWED", "Method not allowed on this endpoint"),
                _ => ("ERROR", "Request failed"),
            };
            await WriteAsync(context, context.Response.StatusCode, code, message);
        }
    }

    private static Task WriteAsync(HttpContext context, int statusCode, string code, string message, string? data = null)
    {
        context.Response.StatusCode = statusCode;
        var envelope = new Envelope<string>(false, Errno(statusCode), message, new ErrorDetails(code, context.TraceIdentifier), data);
        return context.Response.WriteAsJsonAsync(envelope, EmulatorJson.Options, context.RequestAborted);
    }
}
