using System.Net;
using System.Text;
using Cadenza.Client.Tests.Support;

namespace Cadenza.Client.Tests.Sessions;

/// <summary>The bearer handler needs nothing from a session but its small token source.</summary>
public class HandlerTokenSourceTests
{
    [Test]
    public async Task It_sends_the_sources_token_and_after_a_401_asks_for_a_newer_one_once()
    {
        var source = new FakeSource();
        var inner = new Answers(HttpStatusCode.Unauthorized, HttpStatusCode.OK);
        using var invoker = new HttpMessageInvoker(new CadenzaAuthenticationHandler(source, AnonymousOperations.Current, allowInsecureHttp: false) { InnerHandler = inner });

        using var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://cadenza.test/api/v3/auth/user"), CancellationToken.None);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(inner.Authorizations, Is.EqualTo(new[] { "Bearer token-1", "Bearer token-2" }));
        Assert.That(source.Renewed, Is.EqualTo(new[] { "token-1" }));
    }

    [Test]
    public void A_bearer_response_that_a_redirect_brought_from_another_origin_is_refused()
    {
        var inner = new Answers(HttpStatusCode.OK) { RedirectTo = new Uri("https://elsewhere.example/api/v3/auth/user") };
        using var invoker = new HttpMessageInvoker(new CadenzaAuthenticationHandler(new FakeSource(), AnonymousOperations.Current, allowInsecureHttp: false) { InnerHandler = inner });

        var ex = Assert.ThrowsAsync<CadenzaApiException>(() => invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://cadenza.test/api/v3/auth/user"), CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("https://cadenza.test").And.Contain("https://elsewhere.example").And.Contain("AllowAutoRedirect"));
    }

    [Test]
    public async Task A_redirect_within_the_same_origin_is_fine()
    {
        var inner = new Answers(HttpStatusCode.OK) { RedirectTo = new Uri("https://cadenza.test/api/v3/auth/user/") };
        using var invoker = new HttpMessageInvoker(new CadenzaAuthenticationHandler(new FakeSource(), AnonymousOperations.Current, allowInsecureHttp: false) { InnerHandler = inner });

        using var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://cadenza.test/api/v3/auth/user"), CancellationToken.None);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private sealed class FakeSource : IAccessTokenSource
    {
        private int _issued = 1;

        public List<string> Renewed { get; } = [];

        public Task<string> GetAccessTokenAsync(CancellationToken cancellationToken) => Task.FromResult("token-" + _issued);

        public Task<string> RenewRejectedTokenAsync(string rejectedToken, CancellationToken cancellationToken)
        {
            Renewed.Add(rejectedToken);
            return Task.FromResult("token-" + ++_issued);
        }
    }

    private sealed class Answers(params HttpStatusCode[] statuses) : HttpMessageHandler
    {
        private int _next;

        public Uri? RedirectTo { get; init; }

        public List<string?> Authorizations { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Authorizations.Add(request.Headers.Authorization?.ToString());
            if (RedirectTo != null)
            {
                request.RequestUri = RedirectTo;
            }

            return Task.FromResult(new HttpResponseMessage(statuses[_next++]) { RequestMessage = request, Content = new StringContent(Bodies.User, Encoding.UTF8, "application/json") });
        }
    }
}
