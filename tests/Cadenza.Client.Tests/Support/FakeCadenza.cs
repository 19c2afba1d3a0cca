using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using RichardSzalay.MockHttp;

namespace Cadenza.Client.Tests.Support;

/// <summary>
/// A scriptable Cadenza server on MockHttp: it issues numbered, rotating tokens, checks bearer tokens against
/// its own clock, and counts every request. Refreshes can be held (to force concurrency) or made to fail.
/// </summary>
public sealed class FakeCadenza : IDisposable
{
    public const string Email = "trader@example.com";
    public const string Password = "correct-horse-battery";
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly object _gate = new();
    private int _issued;
    // Like GoTrue: every issued access token (a JWT) stays valid until it expires or its session is revoked.
    private readonly Dictionary<string, DateTimeOffset> _validAccess = new();
    private string? _validRefresh;
    private DateTimeOffset _accessExpiresAt;

    public FakeCadenza()
    {
        Transport = new RecordingTransport(this) { InnerHandler = Handler };
        Handler.When(HttpMethod.Post, "*/api/v3/auth/login").Respond(req => Record(req, (r, body) => Task.FromResult(LoginFailure?.Invoke(r) ?? Login(body))));
        Handler.When(HttpMethod.Post, "*/api/v3/auth/signup").Respond(req => Record(req, (_, _) => Task.FromResult(Json(HttpStatusCode.OK, Bodies.User))));
        Handler.When(HttpMethod.Post, "*/api/v3/auth/recover").Respond(req => Record(req, (_, _) => Task.FromResult(Json(HttpStatusCode.OK, Bodies.Ok))));
        Handler.When(HttpMethod.Post, "*/api/v3/auth/token/refresh").Respond(req => Record(req, Refresh));
        Handler.When(HttpMethod.Post, "*/api/v3/auth/logout").Respond(req => Record(req, (r, _) => Task.FromResult(Logout(r))));
        Handler.When(HttpMethod.Get, "*/api/v3/auth/user").Respond(req => Record(req, (r, _) => Task.FromResult(Bearer(r, () => Json(HttpStatusCode.OK, Bodies.User)))));
        Handler.When(HttpMethod.Put, "*/api/v3/auth/user").Respond(req => Record(req, (r, _) => Task.FromResult(Bearer(r, () => Json(HttpStatusCode.OK, Bodies.User)))));
        Handler.When("*").Respond(req => Record(req, (r, _) => Task.FromResult(Bearer(r, () => Json(HttpStatusCode.OK, Bodies.Ok)))));
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public MockHttpMessageHandler Handler { get; } = new();

    /// <summary>What sessions send through: records each request, then fails it or hands it to <see cref="Handler"/>.</summary>
    public HttpMessageHandler Transport { get; }

    /// <summary>When it returns an exception for a request, the request fails with it as if the network had (after <see cref="HoldRefresh"/>).</summary>
    public Func<HttpRequestMessage, Exception?>? NetworkFailure { get; set; }

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Leave out expiresAt (only expiresIn) from token responses.</summary>
    public bool OmitExpiresAt { get; set; }

    /// <summary>Leave out the refresh token from refresh responses.</summary>
    public bool OmitRefreshTokenOnRefresh { get; set; }

    /// <summary>When set, refresh requests wait for it before answering.</summary>
    public TaskCompletionSource? HoldRefresh { get; set; }

    /// <summary>When true, a held refresh answers once released even if it was cancelled meanwhile (an answer already on its way).</summary>
    public bool HoldIgnoresCancellation { get; set; }

    /// <summary>When set, refreshes answer this instead.</summary>
    public Func<HttpRequestMessage, Task<HttpResponseMessage>>? RefreshFailure { get; set; }

    /// <summary>When set, bearer operations answer 401 this many more times even for valid tokens.</summary>
    public int ForcedUnauthorized { get; set; }

    /// <summary>When set, logout answers this instead.</summary>
    public Func<HttpResponseMessage>? LogoutFailure { get; set; }

    /// <summary>When set, login answers this instead (after recording the request).</summary>
    public Func<HttpRequestMessage, HttpResponseMessage>? LoginFailure { get; set; }

    /// <summary>When set, edits each issued session (the envelope's <c>data</c>) before it is sent: odd expiries, missing fields.</summary>
    public Action<JObject>? ShapeSession { get; set; }

    public List<RecordedRequest> Requests { get; } = [];

    public int RefreshCalls => Count("/api/v3/auth/token/refresh");

    public int Count(string path)
    {
        lock (_gate)
        {
            return Requests.Count(r => r.Uri.AbsolutePath == path);
        }
    }

    public IReadOnlyList<string> IssuedSecrets
    {
        get
        {
            lock (_gate)
            {
                return Enumerable.Range(1, _issued).SelectMany(n => new[] { AccessToken(n), RefreshToken(n) }).Append(Password).ToList();
            }
        }
    }

    public static string AccessToken(int n) => $"eyJhbGciOiJIUzI1NiJ9.access-{n}.sig{n}";

    public static string RefreshToken(int n) => $"refresh-secret-{n}";

    public CadenzaSession CreateSession(ICadenzaSessionStore? store = null, Microsoft.Extensions.Logging.ILoggerFactory? logs = null, TimeSpan? margin = null) =>
        new(new CadenzaSessionOptions
        {
            BaseAddress = MockServer.BaseAddress,
            TimeProvider = Time,
            Store = store ?? new InMemorySessionStore(),
            LoggerFactory = logs ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
            RefreshMargin = margin ?? TimeSpan.FromSeconds(60),
        }, Transport);

    public void Dispose()
    {
        Transport.Dispose();
        Handler.Dispose();
    }

    public static bool IsRefresh(HttpRequestMessage request) => request.RequestUri!.AbsolutePath.EndsWith("/token/refresh", StringComparison.Ordinal);

    private static async Task<HttpResponseMessage> Record(HttpRequestMessage request, Func<HttpRequestMessage, JObject?, Task<HttpResponseMessage>> answer)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync();
        return await answer(request, string.IsNullOrEmpty(body) ? null : JObject.Parse(body));
    }

    private sealed class RecordingTransport(FakeCadenza server) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            lock (server._gate)
            {
                server.Requests.Add(new RecordedRequest(request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), request.Content?.Headers.ContentType?.MediaType, body));
            }

            // Held here, not in the MockHttp answer: a MockHttp answer that faults never completes the request.
            if (IsRefresh(request) && server.HoldRefresh is { } hold)
            {
                await (server.HoldIgnoresCancellation ? hold.Task : hold.Task.WaitAsync(cancellationToken));
            }

            if (server.NetworkFailure?.Invoke(request) is { } failure)
            {
                throw failure;
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }

    private HttpResponseMessage Login(JObject? body)
    {
        if ((string?)body?["email"] != Email || (string?)body?["password"] != Password)
        {
            return Json(HttpStatusCode.Unauthorized, Bodies.Error(10401, "Invalid login credentials", "INVALID_CREDENTIALS"));
        }

        return Json(HttpStatusCode.OK, Issue(withRefreshToken: true));
    }

    private async Task<HttpResponseMessage> Refresh(HttpRequestMessage request, JObject? body)
    {
        if (RefreshFailure is { } failure)
        {
            return await failure(request);
        }

        lock (_gate)
        {
            if ((string?)body?["refreshToken"] != _validRefresh)
            {
                // GoTrue: a used refresh token is rejected, and its family revoked.
                _validRefresh = null;
                _validAccess.Clear();
                return Json(HttpStatusCode.BadRequest, Bodies.Error(10400, "Invalid Refresh Token: Already Used", "INVALID_REFRESH_TOKEN"));
            }
        }

        return Json(HttpStatusCode.OK, Issue(withRefreshToken: !OmitRefreshTokenOnRefresh));
    }

    private HttpResponseMessage Logout(HttpRequestMessage request)
    {
        if (LogoutFailure is { } failure)
        {
            return failure();
        }

        return Bearer(request, () =>
        {
            lock (_gate)
            {
                _validAccess.Clear();
                _validRefresh = null;
            }

            return Json(HttpStatusCode.OK, Bodies.Ok);
        });
    }

    private HttpResponseMessage Bearer(HttpRequestMessage request, Func<HttpResponseMessage> answer)
    {
        lock (_gate)
        {
            var valid = request.Headers.Authorization is { Scheme: "Bearer", Parameter: { } token }
                && _validAccess.TryGetValue(token, out var expiresAt) && Time.GetUtcNow() < expiresAt;
            if (ForcedUnauthorized > 0)
            {
                ForcedUnauthorized--;
                valid = false;
            }

            if (!valid)
            {
                return Json(HttpStatusCode.Unauthorized, Bodies.Error(10401, "Invalid or expired token", "INVALID_TOKEN"));
            }
        }

        return answer();
    }

    private string Issue(bool withRefreshToken)
    {
        int n;
        lock (_gate)
        {
            n = ++_issued;
            _accessExpiresAt = Time.GetUtcNow() + TokenLifetime;
            _validAccess[AccessToken(n)] = _accessExpiresAt;
            if (withRefreshToken)
            {
                _validRefresh = RefreshToken(n);
            }
        }

        var session = new JObject
        {
            ["accessToken"] = AccessToken(n),
            ["tokenType"] = "bearer",
            ["expiresIn"] = (int)TokenLifetime.TotalSeconds,
            ["user"] = JObject.Parse(Bodies.UserJson),
        };
        if (withRefreshToken)
        {
            session["refreshToken"] = RefreshToken(n);
        }

        if (!OmitExpiresAt)
        {
            session["expiresAt"] = _accessExpiresAt.ToUnixTimeSeconds();
        }

        ShapeSession?.Invoke(session);
        return Bodies.Envelope(session.ToString());
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
