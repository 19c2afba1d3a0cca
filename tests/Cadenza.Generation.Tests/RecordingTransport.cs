using System.Net;
using System.Text;

namespace Cadenza.Generation.Tests;

/// <summary>
/// A Cadenza server in a handler, for a session loaded by reflection: answers login with a session (the access token
/// given), GET /api/v3/risk/limit/list with one risk limit and GET /api/v3/health as healthy, and records every request
/// as "METHOD /path" with its Authorization header (null when none was sent).
/// </summary>
internal sealed class RecordingTransport(string accessToken) : HttpMessageHandler
{
    private readonly List<(string Operation, string? Authorization)> _requests = [];

    public IReadOnlyList<(string Operation, string? Authorization)> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = $"{request.Method} {request.RequestUri!.AbsolutePath}";
        lock (_requests)
        {
            _requests.Add((operation, request.Headers.Authorization?.ToString()));
        }

        var (status, body) = operation switch
        {
            "POST /api/v3/auth/login" => (HttpStatusCode.OK, $$"""
                {"success": true, "errno": 0, "data": {"accessToken": "{{accessToken}}", "refreshToken": "regenerate-loop-refresh", "tokenType": "bearer",
                 "expiresIn": 3600, "user": {"id": "8b7f2a52-1c2e-4a4b-9d9e-0f1a2b3c4d5e", "email": "trader@example.com"} } }
                """),
            "GET /api/v3/risk/limit/list" => (HttpStatusCode.OK, """
                {"success": true, "errno": 0, "data": [{"tradingAccountId": "046b6c7f-0b8a-43b9-b35d-6489e6daee91", "venue": "KRAKEN", "maxNotional": 250000.5}]}
                """),
            "GET /api/v3/health" => (HttpStatusCode.OK, """{"status": "healthy", "timestamp": 1778284800000, "version": "3.0.1"}"""),
            _ => (HttpStatusCode.NotFound, """{"success": false, "errno": 40400, "error": "not found"}"""),
        };
        return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json"), RequestMessage = request });
    }
}
