using Cadenza.Client.Tests.Support;
using Newtonsoft.Json.Linq;

namespace Cadenza.Client.Tests.Sessions;

public class ProactiveRefreshTests
{
    [Test]
    public async Task A_token_outside_the_margin_is_used_without_a_refresh()
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.Time.Advance(TimeSpan.FromMinutes(58)); // 120 s before expiry, margin 60 s

        await session.GetUserAsync();

        Assert.That(server.RefreshCalls, Is.Zero);
        Assert.That(server.Requests.Last().Authorization, Is.EqualTo("Bearer " + FakeCadenza.AccessToken(1)));
    }

    [Test]
    public async Task A_token_within_the_margin_is_still_used_while_it_is_refreshed_in_the_background()
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();
        var changes = new List<CadenzaSessionChange>();
        session.Changed += (_, e) => changes.Add(e.Change);
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.Time.Advance(TimeSpan.FromMinutes(59.5)); // 30 s before expiry

        var expiresBefore = session.ExpiresAt;
        await session.GetUserAsync();
        await RefreshedAsync(session, expiresBefore);
        await session.GetUserAsync();

        Assert.That(server.RefreshCalls, Is.EqualTo(1));
        var gets = server.Requests.Where(r => r.Method == HttpMethod.Get).Select(r => r.Authorization);
        Assert.That(gets, Is.EqualTo(new[] { "Bearer " + FakeCadenza.AccessToken(1), "Bearer " + FakeCadenza.AccessToken(2) }), "no 401 round trip, no wait");
        Assert.That(changes, Is.EqualTo(new[] { CadenzaSessionChange.SignedIn, CadenzaSessionChange.TokenRefreshed }));
        Assert.That(session.ExpiresAt, Is.EqualTo(server.Time.GetUtcNow().AddHours(1)));
    }

    [Test]
    public async Task The_margin_is_configurable()
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession(margin: TimeSpan.FromMinutes(10));
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.Time.Advance(TimeSpan.FromMinutes(51));

        var expiresBefore = session.ExpiresAt;
        await session.GetAccessTokenAsync();
        await RefreshedAsync(session, expiresBefore);

        Assert.That(server.RefreshCalls, Is.EqualTo(1));
    }

    [Test]
    public async Task Without_expiresAt_the_expiry_is_expiresIn_from_the_time_of_receipt()
    {
        using var server = new FakeCadenza { OmitExpiresAt = true };
        using var session = server.CreateSession();
        server.Time.Advance(TimeSpan.FromSeconds(10));
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);

        Assert.That(session.ExpiresAt, Is.EqualTo(FakeCadenza.Start.AddSeconds(10).AddHours(1)));
        server.Time.Advance(TimeSpan.FromMinutes(58));
        await session.GetAccessTokenAsync();
        Assert.That(server.RefreshCalls, Is.Zero);
        server.Time.Advance(TimeSpan.FromMinutes(1.5));
        var expiresBefore = session.ExpiresAt;
        await session.GetAccessTokenAsync();
        await RefreshedAsync(session, expiresBefore);
        Assert.That(server.RefreshCalls, Is.EqualTo(1));
    }

    [Test]
    public async Task A_token_that_lives_shorter_than_the_margin_is_refreshed_half_way_not_on_every_call()
    {
        using var server = new FakeCadenza { TokenLifetime = TimeSpan.FromSeconds(10) };
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);

        server.Time.Advance(TimeSpan.FromSeconds(4));
        await session.GetUserAsync();
        await session.GetUserAsync();
        Assert.That(server.RefreshCalls, Is.Zero);

        server.Time.Advance(TimeSpan.FromSeconds(2));
        var expiresBefore = session.ExpiresAt;
        await session.GetUserAsync();
        await RefreshedAsync(session, expiresBefore);
        await session.GetUserAsync();
        Assert.That(server.RefreshCalls, Is.EqualTo(1));
    }

    [Test]
    public async Task A_refresh_without_a_new_refresh_token_keeps_the_old_one()
    {
        using var server = new FakeCadenza { OmitRefreshTokenOnRefresh = true };
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);

        await session.RefreshAsync();
        await session.RefreshAsync();

        var refreshBodies = server.Requests.Where(r => r.Uri.AbsolutePath.EndsWith("/token/refresh")).Select(r => (string?)JObject.Parse(r.Body!)["refreshToken"]);
        Assert.That(refreshBodies, Is.EqualTo(new[] { FakeCadenza.RefreshToken(1), FakeCadenza.RefreshToken(1) }));
        Assert.That(await session.GetAccessTokenAsync(), Is.EqualTo(FakeCadenza.AccessToken(3)));
    }

    [Test]
    public async Task Each_refresh_uses_the_newest_rotated_refresh_token()
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);

        for (var i = 0; i < 3; i++)
        {
            server.Time.Advance(TimeSpan.FromMinutes(59.5));
            var expiresBefore = session.ExpiresAt;
            await session.GetUserAsync();
            await RefreshedAsync(session, expiresBefore);
        }

        var refreshBodies = server.Requests.Where(r => r.Uri.AbsolutePath.EndsWith("/token/refresh")).Select(r => (string?)JObject.Parse(r.Body!)["refreshToken"]);
        Assert.That(refreshBodies, Is.EqualTo(new[] { FakeCadenza.RefreshToken(1), FakeCadenza.RefreshToken(2), FakeCadenza.RefreshToken(3) }));
        Assert.That(session.State, Is.EqualTo(CadenzaSessionState.SignedIn));
    }

    [Test]
    public async Task The_refresh_call_itself_carries_no_bearer_and_does_not_recurse_into_the_handler()
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.Time.Advance(TimeSpan.FromHours(2)); // fully expired: a recursing handler would refresh to send the refresh

        await session.GetUserAsync();

        var refresh = server.Requests.Single(r => r.Uri.AbsolutePath.EndsWith("/token/refresh"));
        Assert.That(refresh.Authorization, Is.Null);
        Assert.That(server.RefreshCalls, Is.EqualTo(1));
    }

    // A call inside the margin started a background refresh; this waits (bounded) until its token is installed.
    internal static Task RefreshedAsync(CadenzaSession session, DateTimeOffset? expiresBefore) =>
        ReactiveRefreshTests.WaitUntil(() => session.ExpiresAt != expiresBefore);
}
