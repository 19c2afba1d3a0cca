using System.Net;
using Cadenza.Client.Tests.Support;

namespace Cadenza.Client.Tests.Sessions;

/// <summary>Whatever a refresh returns or throws, the next refresh can still happen: the in-flight slot never stays taken.</summary>
public class WedgeTests
{
    private static IEnumerable<TestCaseData> UnusableSuccesses()
    {
        yield return Case("no accessToken", Bodies.Envelope("""{ "refreshToken": "r", "expiresIn": 3600 }"""));
        yield return Case("data null", Bodies.Envelope("null"));
        yield return Case("empty body", "");
        yield return Case("html", "<html>maintenance</html>");

        static TestCaseData Case(string name, string body) => new TestCaseData(body).SetArgDisplayNames(name);
    }

    [TestCaseSource(nameof(UnusableSuccesses))]
    public async Task A_200_the_client_cannot_use_is_a_typed_failure_and_a_later_refresh_is_tried_again(string body)
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.Time.Advance(TimeSpan.FromHours(2));
        server.RefreshFailure = _ => Task.FromResult(FakeCadenza.Json(HttpStatusCode.OK, body));

        var failure = Assert.CatchAsync(() => session.GetAccessTokenAsync());
        Assert.That(failure, Is.InstanceOf<CadenzaApiException>().And.Not.InstanceOf<CadenzaSessionExpiredException>());

        server.RefreshFailure = null;
        server.Time.Advance(TimeSpan.FromMinutes(10)); // past any back-off
        Assert.That(await session.GetAccessTokenAsync(), Is.EqualTo(FakeCadenza.AccessToken(2)));
        Assert.That(server.RefreshCalls, Is.EqualTo(2));
    }

    [Test]
    public async Task A_refresh_with_a_millisecond_expiresAt_is_used_without_believing_the_expiry_and_nothing_wedges()
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.Time.Advance(TimeSpan.FromHours(2));
        server.ShapeSession = s => { s.Remove("expiresIn"); s["expiresAt"] = server.Time.GetUtcNow().AddHours(1).ToUnixTimeMilliseconds(); };

        Assert.That(await session.GetAccessTokenAsync(), Is.EqualTo(FakeCadenza.AccessToken(2)));
        Assert.That(session.ExpiresAt, Is.Null, "not believed: a 401 will tell");

        server.Time.Advance(TimeSpan.FromHours(2));
        server.ShapeSession = null;
        await session.GetUserAsync(); // 401, refresh, retry
        Assert.That(server.Requests.Last().Authorization, Is.EqualTo("Bearer " + FakeCadenza.AccessToken(3)));
    }

    [Test]
    public async Task After_an_unusable_refresh_a_new_login_refreshes_normally()
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.Time.Advance(TimeSpan.FromHours(2));
        server.RefreshFailure = _ => Task.FromResult(FakeCadenza.Json(HttpStatusCode.OK, Bodies.Envelope("null")));
        Assert.CatchAsync(() => session.GetAccessTokenAsync());
        server.RefreshFailure = null;

        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.Time.Advance(TimeSpan.FromHours(2));
        var token = await session.GetAccessTokenAsync();

        Assert.That(token, Is.EqualTo(FakeCadenza.AccessToken(3)), "login 2, then a refresh");
        Assert.That(server.RefreshCalls, Is.EqualTo(2));
    }

    [Test]
    public async Task A_refresh_whose_Changed_handler_and_store_throw_still_completes()
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession(new ThrowingStore());
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        session.Changed += (_, _) => throw new InvalidOperationException("handler bug");
        server.Time.Advance(TimeSpan.FromHours(2));

        Assert.That(await session.GetAccessTokenAsync(), Is.EqualTo(FakeCadenza.AccessToken(2)));
        server.Time.Advance(TimeSpan.FromHours(2));
        Assert.That(await session.GetAccessTokenAsync(), Is.EqualTo(FakeCadenza.AccessToken(3)));
    }

    private sealed class ThrowingStore : ICadenzaSessionStore
    {
        public Task<StoredSession?> LoadAsync(CancellationToken cancellationToken = default) => throw new IOException("disk gone");

        public Task SaveAsync(StoredSession session, CancellationToken cancellationToken = default) => throw new IOException("disk gone");

        public Task ClearAsync(CancellationToken cancellationToken = default) => throw new IOException("disk gone");
    }
}
