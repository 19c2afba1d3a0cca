using System.Net;
using Cadenza.Client.Tests.Support;

namespace Cadenza.Client.Tests.Sessions;

public class LogoutTests
{
    [Test]
    public async Task Logout_ends_the_server_session_and_clears_the_local_one_and_the_store()
    {
        using var server = new FakeCadenza();
        var store = new InMemorySessionStore();
        using var session = server.CreateSession(store);
        var changes = new List<CadenzaSessionChange>();
        session.Changed += (_, e) => changes.Add(e.Change);
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);

        await session.LogoutAsync();

        var logout = server.Requests.Single(r => r.Uri.AbsolutePath.EndsWith("/logout"));
        Assert.That(logout.Authorization, Is.EqualTo("Bearer " + FakeCadenza.AccessToken(1)));
        Assert.That(session.State, Is.EqualTo(CadenzaSessionState.SignedOut));
        Assert.That(session.User, Is.Null);
        Assert.That(await store.LoadAsync(), Is.Null);
        Assert.That(changes, Is.EqualTo(new[] { CadenzaSessionChange.SignedIn, CadenzaSessionChange.SignedOut }));
    }

    [Test]
    public async Task Logout_with_the_server_down_still_clears_the_local_session_and_reports_the_failure()
    {
        using var server = new FakeCadenza();
        var store = new InMemorySessionStore();
        using var session = server.CreateSession(store);
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.NetworkFailure = r => r.RequestUri!.AbsolutePath.EndsWith("/logout") ? new HttpRequestException("connection refused") : null;

        Assert.ThrowsAsync<HttpRequestException>(() => session.LogoutAsync());

        Assert.That(session.State, Is.EqualTo(CadenzaSessionState.SignedOut));
        Assert.That(await store.LoadAsync(), Is.Null);
    }

    [Test]
    public async Task Logout_with_a_token_the_server_no_longer_knows_is_a_normal_logout()
    {
        using var server = new FakeCadenza { LogoutFailure = () => FakeCadenza.Json(HttpStatusCode.Unauthorized, Bodies.Error(10401, "Invalid token")) };
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);

        await session.LogoutAsync();

        Assert.That(session.State, Is.EqualTo(CadenzaSessionState.SignedOut));
    }

    [Test]
    public async Task Logout_when_signed_out_makes_no_call()
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();

        await session.LogoutAsync();

        Assert.That(server.Requests, Is.Empty);
    }

    [Test]
    public async Task After_logout_nothing_keeps_running_no_refresh_happens_as_time_passes()
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        await session.LogoutAsync();
        var requests = server.Requests.Count;

        server.Time.Advance(TimeSpan.FromDays(2));
        await Task.Yield();

        Assert.That(server.Requests.Count, Is.EqualTo(requests));
        Assert.ThrowsAsync<CadenzaSessionExpiredException>(() => session.GetAccessTokenAsync());
    }

    [Test]
    public async Task After_dispose_calls_fail_fast_and_send_nothing()
    {
        using var server = new FakeCadenza();
        var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        var requests = server.Requests.Count;

        session.Dispose();
        server.Time.Advance(TimeSpan.FromDays(2));

        Assert.ThrowsAsync<ObjectDisposedException>(() => session.GetUserAsync());
        Assert.ThrowsAsync<ObjectDisposedException>(() => session.GetAccessTokenAsync());
        Assert.That(server.Requests.Count, Is.EqualTo(requests));
        session.Dispose(); // twice is fine
    }

    [Test]
    public async Task Dispose_cancels_a_refresh_under_way()
    {
        using var server = new FakeCadenza();
        var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.Time.Advance(TimeSpan.FromHours(2));
        server.HoldRefresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = session.GetAccessTokenAsync();
        await ReactiveRefreshTests.WaitUntil(() => server.RefreshCalls == 1);

        session.Dispose();
        server.HoldRefresh.SetResult();

        Assert.That(async () => await waiting, Throws.InstanceOf<OperationCanceledException>());
    }
}
