using Cadenza.Client.Tests.Support;

namespace Cadenza.Client.Tests.Sessions;

public class ConcurrencyTests
{
    [Test]
    public async Task A_thousand_concurrent_calls_with_an_expired_token_cause_exactly_one_refresh_and_all_succeed()
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.Time.Advance(TimeSpan.FromHours(2));
        server.HoldRefresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var calls = Enumerable.Range(0, 1000).Select(_ => Task.Run(() => session.GetUserAsync())).ToList();
        await ReactiveRefreshTests.WaitUntil(() => server.RefreshCalls == 1);
        server.HoldRefresh.SetResult();
        var users = await Task.WhenAll(calls);

        Assert.That(users, Has.Length.EqualTo(1000).And.All.Not.Null);
        Assert.That(server.RefreshCalls, Is.EqualTo(1));
        Assert.That(server.Count("/api/v3/auth/user"), Is.EqualTo(1000), "no call needed a 401 retry");
        Assert.That(server.Requests.Where(r => r.Method == HttpMethod.Get).Select(r => r.Authorization), Is.All.EqualTo("Bearer " + FakeCadenza.AccessToken(2)));
    }

    [Test]
    public async Task A_caller_that_cancels_mid_refresh_stops_waiting_without_cancelling_the_refresh_for_the_others()
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.Time.Advance(TimeSpan.FromHours(2));
        server.HoldRefresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var impatient = new CancellationTokenSource();

        var cancelled = session.GetAccessTokenAsync(impatient.Token);
        var patient = session.GetAccessTokenAsync();
        await ReactiveRefreshTests.WaitUntil(() => server.RefreshCalls == 1);
        impatient.Cancel();

        Assert.That(async () => await cancelled, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(patient.IsCompleted, Is.False, "the others keep waiting for the same refresh");
        server.HoldRefresh.SetResult();
        Assert.That(await patient, Is.EqualTo(FakeCadenza.AccessToken(2)));
        Assert.That(server.RefreshCalls, Is.EqualTo(1));
    }

    [Test]
    public async Task Explicit_and_automatic_refreshes_at_the_same_time_never_reuse_a_rotated_refresh_token()
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.Time.Advance(TimeSpan.FromHours(2));

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => i % 2 == 0 ? (Task)session.RefreshAsync() : session.GetUserAsync())));

        Assert.That(session.State, Is.EqualTo(CadenzaSessionState.SignedIn), "a reused refresh token would have revoked the session");
        Assert.That(server.Requests.Where(r => r.Uri.AbsolutePath.EndsWith("/token/refresh")).Select(r => r.Body).Distinct().Count(),
            Is.EqualTo(server.RefreshCalls), "every refresh presented a different refresh token");
    }
}
