using System.Net;
using System.Text;
using Cadenza.Client.Tests.Support;

namespace Cadenza.Client.Tests.Sessions;

/// <summary>Credentials never follow a redirect to another origin, and every hop is held to the plain-http rule.</summary>
public class RedirectTests
{
    [TestCase(307)]
    [TestCase(308)]
    public async Task The_sessions_own_transport_does_not_follow_a_login_redirect_to_another_origin(int status)
    {
        using var elsewhere = new LoopbackServer(_ => LoopbackResponse.Json(200, Bodies.Session));
        using var origin = new LoopbackServer(r => new LoopbackResponse(status, string.Empty, ("Location", new Uri(elsewhere.BaseAddress, r.Path).AbsoluteUri)));
        using var session = new CadenzaSession(origin.BaseAddress);

        var ex = Assert.CatchAsync(() => session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password));

        Assert.That(ex, Is.InstanceOf<CadenzaApiException>(), () => ex!.ToString());
        Assert.That(((CadenzaApiException)ex!).StatusCode, Is.EqualTo(status));
        Assert.That(ex.Message, Does.Contain(elsewhere.BaseAddress.Authority), "says where it was sent");
        Assert.That(elsewhere.Requests, Is.Empty, "the password never reached the other origin");
        Assert.That(session.State, Is.EqualTo(CadenzaSessionState.SignedOut));
    }

    [Test]
    public async Task The_sessions_own_transport_does_not_follow_a_bearer_call_redirect()
    {
        using var elsewhere = new LoopbackServer(_ => LoopbackResponse.Json(200, Bodies.User));
        using var origin = new LoopbackServer(r => r.Path.EndsWith("/login")
            ? LoopbackResponse.Json(200, Bodies.Session)
            : new LoopbackResponse(307, string.Empty, ("Location", new Uri(elsewhere.BaseAddress, r.Path).AbsoluteUri)));
        using var session = new CadenzaSession(origin.BaseAddress);
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);

        Assert.CatchAsync<CadenzaApiException>(() => session.GetUserAsync());

        Assert.That(elsewhere.Requests, Is.Empty);
    }

    [TestCase("https://elsewhere.example/api/v3/auth/login", TestName = "another origin")]
    [TestCase("http://cadenza.test/api/v3/auth/login", TestName = "plain http on the next hop")]
    public void Tokens_from_a_redirect_followed_by_a_user_supplied_transport_are_refused(string finalUri)
    {
        using var transport = new FollowingTransport(new Uri(finalUri));
        using var session = new CadenzaSession(new CadenzaSessionOptions { BaseAddress = MockServer.BaseAddress }, transport);

        var ex = Assert.CatchAsync(() => session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password));

        Assert.That(ex, Is.InstanceOf<CadenzaApiException>(), () => ex!.ToString());
        Assert.That(ex!.Message, Does.Contain(new Uri(finalUri).Host));
        Assert.That(session.State, Is.EqualTo(CadenzaSessionState.SignedOut), "the other host's tokens are not kept");
    }

    [TestCase("application/json; charset=bogus-9")]
    [TestCase("application/json; charset=\"no-such\"")]
    public async Task A_response_in_an_unknown_charset_is_a_typed_error(string contentType)
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.LoginFailure = _ => WithContentType(Bodies.Session, contentType);
        using var bogus = new LoopbackServer(_ => new LoopbackResponse(200, Bodies.User, ("Content-Type", contentType)));
        using var other = new CadenzaSession(bogus.BaseAddress);

        var login = Assert.CatchAsync(() => session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password));
        var real = Assert.CatchAsync(() => other.LoginAsync(FakeCadenza.Email, FakeCadenza.Password));

        Assert.That(login, Is.InstanceOf<CadenzaApiException>(), () => login!.ToString());
        Assert.That(login!.Message, Does.Contain("charset"));
        Assert.That(real, Is.InstanceOf<CadenzaApiException>(), () => real!.ToString());
    }

    private static HttpResponseMessage WithContentType(string body, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    /// <summary>Acts like a handler with AllowAutoRedirect = true whose redirect took the request to <c>finalUri</c>.</summary>
    private sealed class FollowingTransport(Uri finalUri) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.RequestUri = finalUri;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                RequestMessage = request,
                Content = new StringContent(Bodies.Session, Encoding.UTF8, "application/json"),
            });
        }
    }
}
