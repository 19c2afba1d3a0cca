using System.Net;
using Cadenza.Client.Tests.Support;

namespace Cadenza.Client.Tests.Sessions;

/// <summary>Inside the refresh margin the token is still valid: callers use it at once while one refresh runs in the background.</summary>
public class RefreshAheadTests
{
    [Test]
    public async Task Inside_the_margin_callers_get_the_valid_token_at_once_while_one_refresh_runs()
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.Time.Advance(TimeSpan.FromMinutes(59.5)); // 30 s before expiry, margin 60 s
        server.HoldRefresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var tokens = Enumerable.Range(0, 100).Select(_ => session.GetAccessTokenAsync()).ToList();
        await ReactiveRefreshTests.WaitUntil(() => server.RefreshCalls == 1);
        var calls = Enumerable.Range(0, 10).Select(_ => session.GetUserAsync()).ToList();
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30)); // bounded: a waiting caller would never finish

        Assert.That(tokens.Select(t => t.IsCompletedSuccessfully), Is.All.True, "nobody waited for the refresh");
        Assert.That(tokens.Select(t => t.Result), Is.All.EqualTo(FakeCadenza.AccessToken(1)));
        Assert.That(server.Requests.Where(r => r.Method == HttpMethod.Get).Select(r => r.Authorization), Is.All.EqualTo("Bearer " + FakeCadenza.AccessToken(1)));
        server.HoldRefresh.SetResult();
        await ReactiveRefreshTests.WaitUntil(() => session.ExpiresAt > FakeCadenza.Start.AddHours(1));
        Assert.That(await session.GetAccessTokenAsync(), Is.EqualTo(FakeCadenza.AccessToken(2)));
        Assert.That(server.RefreshCalls, Is.EqualTo(1), "one background refresh for all of them");
    }

    [Test]
    public async Task A_hanging_refresh_does_not_fail_calls_whose_token_is_fine()
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.Time.Advance(TimeSpan.FromMinutes(59.5));
        server.HoldRefresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously); // never answers
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var user = await session.GetUserAsync(patience.Token);

        Assert.That(user.Email, Is.EqualTo(FakeCadenza.Email));
        Assert.That(patience.IsCancellationRequested, Is.False);
        server.HoldRefresh.SetResult();
    }

    [Test]
    public async Task Once_the_token_has_expired_callers_wait_for_the_refresh()
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.Time.Advance(TimeSpan.FromMinutes(61));
        server.HoldRefresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var waiting = session.GetAccessTokenAsync();
        await ReactiveRefreshTests.WaitUntil(() => server.RefreshCalls == 1);

        Assert.That(waiting.IsCompleted, Is.False);
        server.HoldRefresh.SetResult();
        Assert.That(await waiting, Is.EqualTo(FakeCadenza.AccessToken(2)));
    }

    [Test]
    public async Task A_failed_background_refresh_is_retried_after_the_back_off_not_per_call()
    {
        using var server = new FakeCadenza();
        using var logs = new CapturedLogs();
        using var session = server.CreateSession(logs: logs.Factory);
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.Time.Advance(TimeSpan.FromMinutes(59));
        server.RefreshFailure = _ => Task.FromResult(FakeCadenza.Json(HttpStatusCode.ServiceUnavailable, "down"));

        Assert.That(await session.GetAccessTokenAsync(), Is.EqualTo(FakeCadenza.AccessToken(1)));
        await ReactiveRefreshTests.WaitUntil(() => logs.Lines.Any(l => l.Contains("[RefreshFailed]"))); // the failure is recorded
        for (var i = 0; i < 50; i++)
        {
            Assert.That(await session.GetAccessTokenAsync(), Is.EqualTo(FakeCadenza.AccessToken(1)));
        }

        Assert.That(server.RefreshCalls, Is.EqualTo(1));

        server.RefreshFailure = null;
        server.Time.Advance(TimeSpan.FromSeconds(6)); // past the first back-off (RefreshRetryDelay 5 s)
        await session.GetAccessTokenAsync();
        await ReactiveRefreshTests.WaitUntil(() => server.RefreshCalls == 2 && session.ExpiresAt > FakeCadenza.Start.AddHours(1));
        Assert.That(await session.GetAccessTokenAsync(), Is.EqualTo(FakeCadenza.AccessToken(2)));
    }

    [Test]
    public async Task Without_background_refresh_a_call_inside_the_margin_waits_and_gets_the_new_token()
    {
        using var server = new FakeCadenza();
        using var session = ForegroundSession(server);
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.Time.Advance(TimeSpan.FromMinutes(59.5));

        Assert.That(await session.GetAccessTokenAsync(), Is.EqualTo(FakeCadenza.AccessToken(2)));
        Assert.That(server.RefreshCalls, Is.EqualTo(1));
    }

    [Test]
    public async Task Without_background_refresh_a_failing_refresh_does_not_fail_a_still_valid_token()
    {
        using var server = new FakeCadenza();
        using var session = ForegroundSession(server);
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.Time.Advance(TimeSpan.FromMinutes(59.5));
        server.RefreshFailure = _ => Task.FromResult(FakeCadenza.Json(HttpStatusCode.ServiceUnavailable, "down"));

        for (var i = 0; i < 10; i++)
        {
            Assert.That(await session.GetAccessTokenAsync(), Is.EqualTo(FakeCadenza.AccessToken(1)));
        }

        Assert.That(server.RefreshCalls, Is.EqualTo(1), "the back-off holds here too");
    }

    private static CadenzaSession ForegroundSession(FakeCadenza server) =>
        new(new CadenzaSessionOptions { BaseAddress = MockServer.BaseAddress, TimeProvider = server.Time, RefreshInBackground = false }, server.Transport);
}
