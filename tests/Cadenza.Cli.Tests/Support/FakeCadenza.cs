using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using RichardSzalay.MockHttp;

namespace Cadenza.Cli.Tests.Support;

/// <summary>
/// A scripted Cadenza server on MockHttp: every request is recorded, every route answers what the test set (by
/// default a happy path). Nothing ever leaves the process.
/// </summary>
public sealed class FakeCadenza : IDisposable
{
    public const string BaseUrl = "https://cadenza.test/";
    public const string UserId = "0b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b";
    public const string Email = "trader@example.com";

    private readonly Dictionary<string, Func<HttpRequestMessage, string?, HttpResponseMessage>> _routes = new(StringComparer.Ordinal);
    private int _issued;

    public FakeCadenza(FakeTimeProvider time)
    {
        Time = time;
        Handler.When("*").Respond(async request =>
        {
            var body = request.Content is null ? null : await request.Content.ReadAsStringAsync();
            // Keyed from "/api/" on, so a base URL with a path prefix reaches the same routes.
            var path = request.RequestUri!.AbsolutePath;
            var key = Key(request.Method.Method, path.Substring(Math.Max(0, path.IndexOf("/api/", StringComparison.Ordinal))));
            lock (Requests)
            {
                Requests.Add(new SeenRequest(request.Method.Method, request.RequestUri!, request.Headers.Authorization?.Parameter, body));
            }

            return _routes.TryGetValue(key, out var route)
                ? route(request, body)
                : Json(HttpStatusCode.NotFound, Envelope.Error(10404, "No such route in FakeCadenza: " + key, "NOT_FOUND"));
        });

        Route("POST", "api/v3/auth/login", (_, _) => Json(HttpStatusCode.OK, Envelope.Success(NewSession())));
        Route("POST", "api/v3/auth/token/refresh", (_, _) => Json(HttpStatusCode.OK, Envelope.Success(NewSession())));
        // As Cadenza since 2026-02-26: a sign-up answers with a session. SignUpWithoutSession() switches to email confirmation.
        Route("POST", "api/v3/auth/signup", (_, body) => Json(HttpStatusCode.OK, Envelope.Success(NewSession(User(JObject.Parse(body!)["metadata"])))));
        Route("GET", "api/v3/auth/user", (_, _) => Json(HttpStatusCode.OK, Envelope.Success(User())));
        Route("PUT", "api/v3/auth/user", (_, body) => Json(HttpStatusCode.OK, Envelope.Success(User(JObject.Parse(body!)["metadata"], JObject.Parse(body!).Value<string>("email")))));
        Route("POST", "api/v3/auth/logout", (_, _) => Json(HttpStatusCode.OK, Envelope.Success("ok")));
        Route("POST", "api/v3/auth/recover", (_, _) => Json(HttpStatusCode.OK, Envelope.Success("ok")));
    }

    public MockHttpMessageHandler Handler { get; } = new();

    public FakeTimeProvider Time { get; }

    public List<SeenRequest> Requests { get; } = [];

    /// <summary>How long issued access tokens live.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The access token most recently issued.</summary>
    public string LastAccessToken => AccessToken(_issued);

    /// <summary>The refresh token most recently issued.</summary>
    public string LastRefreshToken => RefreshToken(_issued);

    public static string AccessToken(int n) => $"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0cmFkZXIiLCJuIjo{n}fQ.c2lnbmF0dXJl{n}";

    public static string RefreshToken(int n) => $"refresh-token-{n}-secret";

    public void Route(string method, string path, Func<HttpRequestMessage, string?, HttpResponseMessage> respond) =>
        _routes[Key(method, "/" + path)] = respond;

    public void Fail(string method, string path, HttpStatusCode status, string body, string mediaType = "application/json") =>
        Route(method, path, (_, _) => new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) });

    public IEnumerable<SeenRequest> To(string path) => Requests.Where(r => r.Uri.AbsolutePath == "/" + path);

    public void Dispose() => Handler.Dispose();

    public static HttpResponseMessage Json(HttpStatusCode status, JObject body) =>
        new(status) { Content = new StringContent(body.ToString(), Encoding.UTF8, "application/json") };

    public static JObject User(JToken? metadata = null, string? email = null) => new()
    {
        ["id"] = UserId,
        ["email"] = email ?? Email,
        ["role"] = "authenticated",
        ["createdAt"] = "2026-01-01T00:00:00Z",
        ["userMetadata"] = metadata?.DeepClone() ?? new JObject { ["desk"] = "rates" },
    };

    /// <summary>GoTrue with "confirm email" on: the new user comes back as the data, with no tokens.</summary>
    public void SignUpWithoutSession() =>
        Route("POST", "api/v3/auth/signup", (_, body) => Json(HttpStatusCode.OK, Envelope.Success(User(JObject.Parse(body!)["metadata"]))));

    private JObject NewSession(JObject? user = null)
    {
        var n = Interlocked.Increment(ref _issued);
        return new JObject
        {
            ["accessToken"] = AccessToken(n),
            ["refreshToken"] = RefreshToken(n),
            ["tokenType"] = "bearer",
            ["expiresIn"] = (int)TokenLifetime.TotalSeconds,
            ["expiresAt"] = (Time.GetUtcNow() + TokenLifetime).ToUnixTimeSeconds(),
            ["user"] = user ?? User(),
        };
    }

    private static string Key(string method, string path) => method + " " + path;
}

public sealed record SeenRequest(string Method, Uri Uri, string? Bearer, string? Body)
{
    public JObject Json => JObject.Parse(Body!);
}

public static class Envelope
{
    public static JObject Success(JToken data) => new() { ["success"] = true, ["errno"] = 0, ["error"] = null, ["data"] = data };

    public static JObject Error(int errno, string error, string code) => new()
    {
        ["success"] = false,
        ["errno"] = errno,
        ["error"] = error,
        ["details"] = new JObject { ["code"] = code, ["request_id"] = "req-1234" },
        ["data"] = null,
    };
}
