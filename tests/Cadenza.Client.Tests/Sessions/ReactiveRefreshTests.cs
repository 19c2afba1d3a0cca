using System.Net;
using Cadenza.Client.Tests.Support;

namespace Cadenza.Client.Tests.Sessions;

public class ReactiveRefreshTests
{
    [Test]
    public async Task A_401_refreshes_once_and_resends_the_same_request_once_with_the_new_token()
    {
        using var server = new FakeCadenza { ForcedUnauthorized = 1 };
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);

        await session.UpdateUserAsync(new AuthUpdateUserRequest { Email = "new@example.com", Metadata = new Dictionary<string, object> { ["desk"] = "fx" } });

        var updates = server.Requests.Where(r => r.Method == HttpMethod.Put).ToList();
        Assert.That(updates, Has.Count.EqualTo(2));
        Assert.That(updates[0].Authorization, Is.EqualTo("Bearer " + FakeCadenza.AccessToken(1)));
        Assert.That(updates[1].Authorization, Is.EqualTo("Bearer " + FakeCadenza.AccessToken(2)));
        Assert.That(updates[1].Body, Is.EqualTo(updates[0].Body), "the body is resent as it was");
        Assert.That(updates[1].ContentType, Is.EqualTo("application/json"));
        Assert.That(server.RefreshCalls, Is.EqualTo(1));
    }

    [Test]
    public async Task Will_only_retry_once_a_second_401_surfaces()
    {
        using var server = new FakeCadenza { ForcedUnauthorized = 2 };
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);

        var ex = Assert.ThrowsAsync<CadenzaApiException>(() => session.GetUserAsync());

        Assert.That(ex!.StatusCode, Is.EqualTo(401));
        Assert.That(server.Count("/api/v3/auth/user"), Is.EqualTo(2));
        Assert.That(server.RefreshCalls, Is.EqualTo(1));
        Assert.That(session.State, Is.EqualTo(CadenzaSessionState.SignedIn), "a 401 on a call is not a rejected refresh token");
    }

    [Test]
    public async Task Concurrent_401s_for_the_same_token_share_one_refresh()
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.ForcedUnauthorized = 20;
        server.HoldRefresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var calls = Enumerable.Range(0, 20).Select(_ => session.GetUserAsync()).ToList();
        // Every call answered with its 401 (a request is recorded before it is answered), not just sent: else a resent
        // request could take one of the forced 401s left over.
        await WaitUntil(() => server.RefreshCalls == 1 && server.Count("/api/v3/auth/user") == 20 && server.ForcedUnauthorized == 0);
        server.HoldRefresh.SetResult();
        await Task.WhenAll(calls);

        Assert.That(server.RefreshCalls, Is.EqualTo(1));
        Assert.That(server.Count("/api/v3/auth/user"), Is.EqualTo(40));
    }

    [Test]
    public async Task A_401_after_someone_else_already_refreshed_reuses_the_new_token_without_refreshing_again()
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);

        var renewed = await session.RenewRejectedTokenAsync(FakeCadenza.AccessToken(1), CancellationToken.None);
        var again = await session.RenewRejectedTokenAsync(FakeCadenza.AccessToken(1), CancellationToken.None);

        Assert.That(renewed, Is.EqualTo(FakeCadenza.AccessToken(2)));
        Assert.That(again, Is.EqualTo(FakeCadenza.AccessToken(2)));
        Assert.That(server.RefreshCalls, Is.EqualTo(1));
    }

    internal static async Task WaitUntil(Func<bool> condition)
    {
        // A bounded wait for the other side to reach a state; not a timing assertion.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }
}
