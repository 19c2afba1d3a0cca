using System.Net;
using Cadenza.Client.Tests.Support;

namespace Cadenza.Client.Tests.Sessions;

/// <summary>An expired token during an outage: callers fail fast with the typed error of the last attempt, and attempts back off.</summary>
public class OutageTests
{
    private static IEnumerable<TestCaseData> Outages()
    {
        yield return Case("connection reset", s => s.NetworkFailure = r => FakeCadenza.IsRefresh(r) ? new HttpRequestException("connection reset", new IOException("reset")) : null, typeof(HttpRequestException));
        yield return Case("timeout", s => s.NetworkFailure = r => FakeCadenza.IsRefresh(r) ? new TaskCanceledException("timed out", new TimeoutException()) : null, typeof(TaskCanceledException));
        yield return Case("503", s => s.RefreshFailure = _ => Task.FromResult(FakeCadenza.Json(HttpStatusCode.ServiceUnavailable, "<html>down</html>")), null);
        yield return Case("500", s => s.RefreshFailure = _ => Task.FromResult(FakeCadenza.Json(HttpStatusCode.InternalServerError, Bodies.Error(10500, "oops"))), null);
        yield return Case("429", s => s.RefreshFailure = _ => Task.FromResult(FakeCadenza.Json(HttpStatusCode.TooManyRequests, Bodies.Error(10429, "slow down"))), null);

        static TestCaseData Case(string name, Action<FakeCadenza> fail, Type? inner) => new TestCaseData(fail, inner).SetArgDisplayNames(name);
    }

    [TestCaseSource(nameof(Outages))]
    public async Task A_thousand_calls_with_an_expired_token_make_one_attempt_and_each_gets_the_typed_error(Action<FakeCadenza> fail, Type? inner)
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.Time.Advance(TimeSpan.FromHours(2));
        fail(server);

        for (var i = 0; i < 1000; i++)
        {
            var failure = Assert.CatchAsync(() => session.GetUserAsync());
            Assert.That(failure, Is.InstanceOf<CadenzaApiException>().And.Not.InstanceOf<CadenzaSessionExpiredException>(), () => failure!.ToString());
            if (inner != null)
            {
                Assert.That(failure!.InnerException, Is.InstanceOf(inner), "the transport failure is the InnerException");
            }
        }

        Assert.That(server.RefreshCalls, Is.EqualTo(1), "the clock did not move: every call after the first fails fast");
        Assert.That(server.Count("/api/v3/auth/user"), Is.Zero, "an expired token is never sent");
        Assert.That(session.State, Is.EqualTo(CadenzaSessionState.SignedIn), "a transient failure keeps the tokens");
    }

    [Test]
    public async Task During_a_30_s_outage_attempts_back_off_and_the_first_one_after_it_succeeds()
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.Time.Advance(TimeSpan.FromHours(2));
        server.NetworkFailure = r => FakeCadenza.IsRefresh(r) ? new HttpRequestException("connection refused") : null;

        for (var i = 0; i < 1000; i++)
        {
            Assert.CatchAsync<CadenzaApiException>(() => session.GetUserAsync());
            server.Time.Advance(TimeSpan.FromMilliseconds(30));
        }

        var attempts = server.RefreshCalls;
        TestContext.Out.WriteLine($"refresh attempts per 1,000 calls during a 30 s outage: {attempts}");
        Assert.That(attempts, Is.InRange(2, 5), "more than one attempt (it keeps trying), far fewer than one per call");

        server.NetworkFailure = null;
        server.Time.Advance(TimeSpan.FromMinutes(2));
        await session.GetUserAsync();
        Assert.That(server.Requests.Last().Authorization, Is.EqualTo("Bearer " + FakeCadenza.AccessToken(2)));
    }

    [Test]
    public async Task A_429_Retry_After_is_honoured_even_with_an_expired_token()
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.Time.Advance(TimeSpan.FromHours(2));
        server.RefreshFailure = _ =>
        {
            var response = FakeCadenza.Json(HttpStatusCode.TooManyRequests, Bodies.Error(10429, "slow down"));
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(120));
            return Task.FromResult(response);
        };

        var first = Assert.CatchAsync<CadenzaApiException>(() => session.GetAccessTokenAsync());
        server.Time.Advance(TimeSpan.FromSeconds(100));
        var second = Assert.CatchAsync<CadenzaApiException>(() => session.GetAccessTokenAsync());

        Assert.That(first!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(120)));
        Assert.That(second!.StatusCode, Is.EqualTo(429), "the same typed error, without a new attempt");
        Assert.That(server.RefreshCalls, Is.EqualTo(1));
        server.RefreshFailure = null;
        server.Time.Advance(TimeSpan.FromSeconds(21));
        Assert.That(await session.GetAccessTokenAsync(), Is.EqualTo(FakeCadenza.AccessToken(2)));
    }

    [Test]
    public async Task Explicit_RefreshAsync_and_401_retries_respect_the_back_off_too()
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.Time.Advance(TimeSpan.FromHours(2));
        server.RefreshFailure = _ => Task.FromResult(FakeCadenza.Json(HttpStatusCode.BadGateway, "bad gateway"));

        Assert.CatchAsync<CadenzaApiException>(() => session.RefreshAsync());
        Assert.CatchAsync<CadenzaApiException>(() => session.RefreshAsync());
        Assert.CatchAsync<CadenzaApiException>(() => session.RenewRejectedTokenAsync(FakeCadenza.AccessToken(1), CancellationToken.None));

        Assert.That(server.RefreshCalls, Is.EqualTo(1));
    }
}
