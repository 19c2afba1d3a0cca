namespace Cadenza.Client.Tests.Support;

/// <summary>Response bodies as the Cadenza server puts them on the wire.</summary>
public static class Bodies
{
    public const string AccessToken = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJlLW9uZQ";
    public const string RefreshToken = "refresh-token-secret-1";

    public const string UserJson = """
        {
          "id": "0b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b",
          "email": "trader@example.com",
          "phone": null,
          "emailConfirmedAt": "2026-01-02T03:04:05Z",
          "phoneConfirmedAt": null,
          "lastSignInAt": "2026-01-23 04:56:07+00:00",
          "role": "authenticated",
          "createdAt": "2026-01-01T00:00:00+00:00",
          "updatedAt": "2026-01-01 00:00:00Z",
          "appMetadata": { "tenantId": null, "environments": ["uat", "prod"] },
          "userMetadata": { "desk": "rates" }
        }
        """;

    public static readonly string User = Envelope(UserJson);

    public static readonly string Session = Envelope($$"""
        {
          "accessToken": "{{AccessToken}}",
          "refreshToken": "{{RefreshToken}}",
          "tokenType": "bearer",
          "expiresIn": 3600,
          "expiresAt": 1767225600,
          "user": {{UserJson}}
        }
        """);

    public const string Ok = """{ "success": true, "errno": 0, "error": null, "data": "ok" }""";

    public static string Envelope(string dataJson) =>
        $$"""{ "success": true, "errno": 0, "error": null, "data": {{dataJson}} }""";

    public static string Error(int errno, string error, string code = "SOME_CODE", string requestId = "req-42", string data = "null") => $$"""
        {
          "success": false,
          "errno": {{errno}},
          "error": "{{error}}",
          "details": { "code": "{{code}}", "request_id": "{{requestId}}", "tenant_id": "t-1" },
          "data": {{data}}
        }
        """;
}
