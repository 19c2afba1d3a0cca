using System.Net;
using System.Text;
using Cadenza.Client.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Cadenza.Client.Tests.Sessions;

/// <summary>
/// The bearer handler's allocation-free fast path (fresh token, no request body) must behave exactly like the
/// general path, also over a transport that answers synchronously (in-memory handlers, caches).
/// </summary>
public class HandlerFastPathTests
{
    [Test]
    public async Task A_401_answered_synchronously_is_retried_once_with_the_new_token()
    {
        using var server = new SynchronousCadenza { Unauthorized = 1 };
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);

        var user = await session.GetUserAsync();

        Assert.That(user.Email, Is.EqualTo("trader@example.com"));
        Assert.That(server.Authorizations("GET"), Is.EqualTo(new[] { "Bearer token-1", "Bearer token-2" }));
        Assert.That(server.Refreshes, Is.EqualTo(1));
    }

    [Test]
    public async Task A_second_synchronous_401_surfaces_after_one_retry()
    {
        using var server = new SynchronousCadenza { Unauthorized = 2 };
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);

        var ex = Assert.ThrowsAsync<CadenzaApiException>(() => session.GetUserAsync());

        Assert.That(ex!.StatusCode, Is.EqualTo(401));
        Assert.That(server.Authorizations("GET"), Has.Count.EqualTo(2));
        Assert.That(server.Refreshes, Is.EqualTo(1));
    }

    [Test]
    public async Task One_header_object_per_token_and_a_new_one_after_a_refresh()
    {
        using var server = new SynchronousCadenza();
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);

        await session.GetUserAsync();
        await session.GetUserAsync();
        await session.RefreshAsync();
        await session.GetUserAsync();

        var headers = server.Requests.Where(r => r.Method == HttpMethod.Get).Select(r => r.Headers.Authorization).ToList();
        Assert.That(headers.Select(h => h?.ToString()), Is.EqualTo(new[] { "Bearer token-1", "Bearer token-1", "Bearer token-2" }));
        Assert.That(headers[1], Is.SameAs(headers[0]));
        Assert.That(headers[2], Is.Not.SameAs(headers[0]));
    }

    [Test]
    public async Task A_session_subclass_that_overrides_GetAccessTokenAsync_supplies_every_token()
    {
        using var server = new SynchronousCadenza { AcceptAnyToken = true };
        using var session = new CustomTokenSession(server.Options(), server);
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);

        await session.GetUserAsync();

        Assert.That(server.Authorizations("GET"), Is.EqualTo(new[] { "Bearer custom-token" }));
    }

    [TestCase("GET", "api/v3/auth/user")]
    public async Task An_inner_handler_that_throws_synchronously_gives_a_faulted_task(string method, string path)
    {
        using var server = new SynchronousCadenza();
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        using var invoker = new HttpMessageInvoker(new CadenzaAuthenticationHandler(session) { InnerHandler = new ThrowingHandler(new HttpRequestException("boom")) });
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(MockServer.BaseAddress, path));

        Task<HttpResponseMessage>? sending = null;
        Assert.DoesNotThrow(() => sending = invoker.SendAsync(request, CancellationToken.None));

        Assert.ThrowsAsync<HttpRequestException>(() => sending!);
    }

    [Test]
    public async Task An_inner_handler_that_throws_a_cancellation_synchronously_gives_a_cancelled_task()
    {
        using var server = new SynchronousCadenza();
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        using var invoker = new HttpMessageInvoker(new CadenzaAuthenticationHandler(session) { InnerHandler = new ThrowingHandler(new OperationCanceledException()) });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(MockServer.BaseAddress, "api/v3/auth/user"));

        var sending = invoker.SendAsync(request, CancellationToken.None);

        Assert.That(sending.IsCanceled, Is.True);
    }

    private sealed class CustomTokenSession(CadenzaSessionOptions options, HttpMessageHandler transport) : CadenzaSession(options, transport)
    {
        public override Task<string> GetAccessTokenAsync(CancellationToken cancellationToken = default) => Task.FromResult("custom-token");
    }

    private sealed class ThrowingHandler(Exception exception) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => throw exception;
    }

    /// <summary>Answers every request synchronously (a completed task): login and refresh issue token-N, GET user checks it.</summary>
    private sealed class SynchronousCadenza : HttpMessageHandler
    {
        private int _issued;

        public FakeTimeProvider Time { get; } = new(FakeCadenza.Start);

        public int Unauthorized { get; set; }

        public bool AcceptAnyToken { get; set; }

        public List<HttpRequestMessage> Requests { get; } = [];

        public int Refreshes => Requests.Count(r => r.RequestUri!.AbsolutePath.EndsWith("/token/refresh", StringComparison.Ordinal));

        public List<string?> Authorizations(string method) =>
            Requests.Where(r => r.Method.Method == method).Select(r => r.Headers.Authorization?.ToString()).ToList();

        public CadenzaSessionOptions Options() => new() { BaseAddress = MockServer.BaseAddress, TimeProvider = Time };

        public CadenzaSession CreateSession() => new(Options(), this);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            if (request.Method == HttpMethod.Post)
            {
                _issued++;
                return Task.FromResult(Json(HttpStatusCode.OK, Bodies.Envelope($$"""
                    { "accessToken": "token-{{_issued}}", "refreshToken": "refresh-{{_issued}}", "tokenType": "bearer", "expiresIn": 3600, "user": {{Bodies.UserJson}} }
                    """)));
            }

            if (Unauthorized > 0 || (!AcceptAnyToken && request.Headers.Authorization?.Parameter != "token-" + _issued))
            {
                Unauthorized--;
                return Task.FromResult(Json(HttpStatusCode.Unauthorized, Bodies.Error(10401, "Invalid token", "UNAUTHORIZED")));
            }

            return Task.FromResult(Json(HttpStatusCode.OK, Bodies.User));
        }

        private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
            new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    }
}
