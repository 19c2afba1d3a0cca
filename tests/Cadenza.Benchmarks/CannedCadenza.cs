using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Cadenza.Benchmarks
{
    /// <summary>
    /// An in-memory Cadenza: every GET gets the canned user (a ~1 KB AuthSignup200Response), every POST the
    /// login session. A new response per call, completed synchronously, so what is measured is the client side only.
    /// The same instance serves all three variants.
    /// </summary>
    public sealed class CannedCadenza : HttpMessageHandler
    {
        public const string AccessToken =
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwYjFjMmQzZS00ZjUwLTQ2MTctOGE5Yi0wYzFkMmUzZjRhNWIiLCJyb2xlIjoiYXV0aGVudGljYXRlZCIsImV4cCI6MTc5NTAwMDAwMH0.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmUtc2lnbmF0dXJl";

        public const string Email = "trader@example.com";

        public const string UserJson = """
            {
              "id": "0b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b",
              "email": "trader@example.com",
              "phone": null,
              "emailConfirmedAt": "2026-01-02T03:04:05.123456Z",
              "phoneConfirmedAt": null,
              "lastSignInAt": "2026-11-23T04:56:07.654321Z",
              "role": "authenticated",
              "isAnonymous": false,
              "createdAt": "2026-01-01T00:00:00Z",
              "updatedAt": "2026-11-23T04:56:07.654321Z",
              "appMetadata": { "tenantId": "7d9e2f10-3c4b-4a5d-9e6f-708192a3b4c5", "provider": "email", "providers": ["email"] },
              "userMetadata": { "desk": "rates", "displayName": "Rates Trader", "timezone": "Europe/London", "locale": "en-GB" },
              "identities": [
                {
                  "identity_id": "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d",
                  "provider": "email",
                  "identity_data": { "email": "trader@example.com", "email_verified": true, "sub": "0b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b" },
                  "created_at": "2026-01-01T00:00:00Z",
                  "last_sign_in_at": "2026-11-23T04:56:07.654321Z"
                }
              ]
            }
            """;

        private static readonly byte[] UserBody = Encoding.UTF8.GetBytes(
            $$"""{ "success": true, "errno": 0, "error": null, "details": { "request_id": "req-8f14e45f-ceea-467a-9575-ad5c1b2b8f3e" }, "data": {{UserJson}} }""");

        private readonly byte[] _sessionBody;

        public CannedCadenza(DateTimeOffset now)
        {
            _sessionBody = Encoding.UTF8.GetBytes($$"""
                { "success": true, "errno": 0, "error": null, "data": {
                  "accessToken": "{{AccessToken}}", "refreshToken": "refresh-token-1", "tokenType": "bearer",
                  "expiresIn": 86400, "expiresAt": {{now.AddDays(1).ToUnixTimeSeconds()}}, "user": {{UserJson}} } }
                """);
        }

        /// <summary>The size of the canned user response, in bytes.</summary>
        public static int UserBodyLength => UserBody.Length;

        /// <summary>When true, the Authorization header of each request is kept in <see cref="LastAuthorization"/> (setup checks only).</summary>
        public bool Record { get; set; }

        public string? LastAuthorization { get; private set; }

        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Record)
            {
                LastAuthorization = request.Headers.Authorization?.ToString();
                Calls++;
            }

            var body = request.Method == HttpMethod.Get ? UserBody : _sessionBody;
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }
}
