using System.Net;
using Cadenza.Client.Tests.Support;

namespace Cadenza.Client.Tests.Sessions;

public class RefreshFailureTests
{
    [TestCase(HttpStatusCode.BadRequest)]
    [TestCase(HttpStatusCode.Unauthorized)]
    public async Task A_rejected_refresh_token_ends_the_session(HttpStatusCode status)
    {
        using var server = new FakeCadenza();
        var store = new InMemorySessionStore();
        using var session = server.CreateSession(store);
        var changes = new List<CadenzaSessionChange>();
        session.Changed += (_, e) => changes.Add(e.Change);
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.Time.Advance(TimeSpan.FromHours(2));
        server.RefreshFailure = _ => Task.FromResult(FakeCadenza.Json(status, Bodies.Error(10400, "Invalid Refresh Token", "INVALID_REFRESH_TOKEN")));

        var ex = Assert.ThrowsAsync<CadenzaSessionExpiredException>(() => session.GetUserAsync());

        Assert.That(ex!.Message, Does.Contain("rejected the refresh token").And.Contain($"HTTP {(int)status}"));
        Assert.That(ex.InnerException, Is.InstanceOf<CadenzaApiException>());
        Assert.That(session.State, Is.EqualTo(CadenzaSessionState.SignedOut));
        Assert.That(await store.LoadAsync(), Is.Null, "the store is cleared");
        Assert.That(changes.Last(), Is.EqualTo(CadenzaSessionChange.SignedOut));
        Assert.That(server.Count("/api/v3/auth/user"), Is.Zero);
        Assert.ThrowsAsync<CadenzaSessionExpiredException>(() => session.GetAccessTokenAsync());
        Assert.That(server.RefreshCalls, Is.EqualTo(1), "a signed-out session does not try again");
    }

    private static IEnumerable<TestCaseData> TransientFailures()
    {
        yield return Case("network error", s => s.NetworkFailure = r => FakeCadenza.IsRefresh(r) ? new HttpRequestException("connection refused") : null);
        yield return Case("timeout", s => s.NetworkFailure = r => FakeCadenza.IsRefresh(r) ? new TaskCanceledException("timeout") : null);
        yield return Case("503 html", s => s.RefreshFailure = _ => Task.FromResult(FakeCadenza.Json(HttpStatusCode.ServiceUnavailable, "<html>down</html>")));
        yield return Case("500", s => s.RefreshFailure = _ => Task.FromResult(FakeCadenza.Json(HttpStatusCode.InternalServerError, Bodies.Error(10500, "oops"))));
        yield return Case("429", s => s.RefreshFailure = _ => Task.FromResult(FakeCadenza.Json(HttpStatusCode.TooManyRequests, Bodies.Error(10429, "slow down"))));

        static TestCaseData Case(string name, Action<FakeCadenza> fail) => new TestCaseData(fail).SetArgDisplayNames(name);
    }

    [TestCaseSource(nameof(TransientFailures))]
    public async Task A_transient_refresh_failure_surfaces_but_keeps_the_tokens(Action<FakeCadenza> fail)
    {
        using var server = new FakeCadenza();
        var store = new InMemorySessionStore();
        using var session = server.CreateSession(store);
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.Time.Advance(TimeSpan.FromHours(2));
        fail(server);

        Assert.That(async () => await session.GetUserAsync(), Throws.InstanceOf<CadenzaApiException>().And.Not.InstanceOf<CadenzaSessionExpiredException>());

        Assert.That(session.State, Is.EqualTo(CadenzaSessionState.SignedIn));
        Assert.That((await store.LoadAsync())!.RefreshToken, Is.EqualTo(FakeCadenza.RefreshToken(1)), "nothing is lost");
        server.RefreshFailure = null;
        server.NetworkFailure = null;
        server.Time.Advance(TimeSpan.FromSeconds(5)); // the first back-off is at most RefreshRetryDelay (5 s)
        await session.GetUserAsync();
        Assert.That(server.Requests.Last().Authorization, Is.EqualTo("Bearer " + FakeCadenza.AccessToken(2)), "the kept refresh token still works");
    }

    [Test]
    public async Task While_the_token_is_still_valid_a_failed_early_refresh_is_absorbed_and_not_retried_on_every_call()
    {
        using var server = new FakeCadenza();
        using var logs = new CapturedLogs();
        using var session = server.CreateSession(logs: logs.Factory);
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.Time.Advance(TimeSpan.FromMinutes(59.5)); // inside the margin, not expired
        server.NetworkFailure = r => FakeCadenza.IsRefresh(r) ? new HttpRequestException("connection refused") : null;

        await session.GetUserAsync();
        await ReactiveRefreshTests.WaitUntil(() => logs.Lines.Any(l => l.Contains("[RefreshFailed]"))); // the background refresh failed
        for (var i = 1; i < 20; i++)
        {
            await session.GetUserAsync();
        }

        Assert.That(server.RefreshCalls, Is.EqualTo(1), "no refresh storm");
        Assert.That(server.Count("/api/v3/auth/user"), Is.EqualTo(20));
        server.Time.Advance(TimeSpan.FromSeconds(6)); // past RefreshRetryDelay (5 s)
        server.NetworkFailure = null;
        var expiresBefore = session.ExpiresAt;
        await session.GetUserAsync();
        await ProactiveRefreshTests.RefreshedAsync(session, expiresBefore);
        await session.GetUserAsync();
        Assert.That(server.RefreshCalls, Is.EqualTo(2));
        Assert.That(server.Requests.Last().Authorization, Is.EqualTo("Bearer " + FakeCadenza.AccessToken(2)));
    }

    [Test]
    public async Task A_failing_refresh_is_not_retried_in_a_loop_by_the_handler()
    {
        using var server = new FakeCadenza { ForcedUnauthorized = 1 };
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.RefreshFailure = _ => Task.FromResult(FakeCadenza.Json(HttpStatusCode.BadGateway, "bad gateway"));

        Assert.ThrowsAsync<CadenzaApiException>(() => session.GetUserAsync());

        Assert.That(server.RefreshCalls, Is.EqualTo(1));
        Assert.That(server.Count("/api/v3/auth/user"), Is.EqualTo(1));
    }
}
