using Cadenza.Client.Tests.Support;

namespace Cadenza.Client.Tests.Sessions;

public class EventTests
{
    [Test]
    public async Task Every_change_is_raised_in_order()
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();
        var changes = new List<CadenzaSessionChange>();
        session.Changed += (_, e) => changes.Add(e.Change);

        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        await session.RefreshAsync();
        await session.UpdateUserAsync(new AuthUpdateUserRequest { Email = "trader@example.com" });
        await session.LogoutAsync();

        Assert.That(changes, Is.EqualTo(new[] { CadenzaSessionChange.SignedIn, CadenzaSessionChange.TokenRefreshed, CadenzaSessionChange.UserUpdated, CadenzaSessionChange.SignedOut }));
    }

    [Test]
    public async Task A_throwing_handler_cannot_break_the_session()
    {
        using var server = new FakeCadenza();
        using var logs = new CapturedLogs();
        using var session = server.CreateSession(logs: logs.Factory);
        var later = new List<CadenzaSessionChange>();
        session.Changed += (_, _) => throw new InvalidOperationException("handler bug");
        session.Changed += (_, e) => later.Add(e.Change);

        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        await session.RefreshAsync();

        Assert.That(session.State, Is.EqualTo(CadenzaSessionState.SignedIn));
        Assert.That(later, Is.EqualTo(new[] { CadenzaSessionChange.SignedIn, CadenzaSessionChange.TokenRefreshed }), "the other handlers still run");
        Assert.That(logs.Lines.Count(l => l.Contains("ChangedHandlerFailed")), Is.EqualTo(2));
    }

    [Test]
    public async Task A_handler_that_calls_back_into_the_session_synchronously_does_not_deadlock()
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();
        var tokensSeenInHandler = new List<string>();
        session.Changed += (_, e) =>
        {
            if (e.Change == CadenzaSessionChange.TokenRefreshed)
            {
                // Blocking on the session from inside its own event: the classic deadlock.
                tokensSeenInHandler.Add(session.GetAccessTokenAsync().GetAwaiter().GetResult());
                _ = session.State;
            }
        };
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.Time.Advance(TimeSpan.FromHours(2));

        var call = session.GetUserAsync();
        var finished = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(30)));

        Assert.That(finished, Is.SameAs(call), "deadlocked");
        Assert.That(tokensSeenInHandler, Is.EqualTo(new[] { FakeCadenza.AccessToken(2) }));
    }

    [Test]
    public async Task A_signed_out_handler_can_log_in_again()
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();
        var relogged = new TaskCompletionSource<AuthSession>(TaskCreationOptions.RunContinuationsAsynchronously);
        session.Changed += (_, e) =>
        {
            if (e.Change == CadenzaSessionChange.SignedOut)
            {
                relogged.SetResult(session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password).GetAwaiter().GetResult());
            }
        };
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);

        await session.LogoutAsync();

        Assert.That((await relogged.Task).AccessToken, Is.EqualTo(FakeCadenza.AccessToken(2)));
        Assert.That(session.State, Is.EqualTo(CadenzaSessionState.SignedIn));
    }

    [Test]
    public async Task A_restored_handler_that_asks_for_a_token_does_not_deadlock()
    {
        using var server = new FakeCadenza();
        var store = new InMemorySessionStore();
        using (var first = server.CreateSession(store))
        {
            await first.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        }

        using var second = server.CreateSession(store);
        var seen = new List<string>();
        second.Changed += (_, _) => seen.Add(second.GetAccessTokenAsync().GetAwaiter().GetResult());

        var restore = second.RestoreAsync();
        var finished = await Task.WhenAny(restore, Task.Delay(TimeSpan.FromSeconds(30)));

        Assert.That(finished, Is.SameAs(restore), "deadlocked");
        Assert.That(seen, Is.EqualTo(new[] { FakeCadenza.AccessToken(1) }));
    }
}
