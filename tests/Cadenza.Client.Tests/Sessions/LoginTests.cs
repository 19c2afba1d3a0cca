using Cadenza.Client.Tests.Support;

namespace Cadenza.Client.Tests.Sessions;

public class LoginTests
{
    [Test]
    public async Task Login_keeps_the_tokens_and_raises_SignedIn()
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();
        var changes = new List<CadenzaSessionChangedEventArgs>();
        session.Changed += (_, e) => changes.Add(e);

        var result = await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);

        Assert.Multiple(async () =>
        {
            Assert.That(result.AccessToken, Is.EqualTo(FakeCadenza.AccessToken(1)));
            Assert.That(session.State, Is.EqualTo(CadenzaSessionState.SignedIn));
            Assert.That(session.User!.Email, Is.EqualTo("trader@example.com"));
            Assert.That(session.ExpiresAt, Is.EqualTo(FakeCadenza.Start.AddHours(1)));
            Assert.That(await session.GetAccessTokenAsync(), Is.EqualTo(FakeCadenza.AccessToken(1)));
            Assert.That(changes.Select(c => c.Change), Is.EqualTo(new[] { CadenzaSessionChange.SignedIn }));
            Assert.That(changes[0].User!.Email, Is.EqualTo("trader@example.com"));
        });
    }

    [Test]
    public async Task Login_sends_no_bearer_even_when_already_signed_in()
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);

        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);

        Assert.That(server.Requests.Where(r => r.Uri.AbsolutePath.EndsWith("/login")).Select(r => r.Authorization), Is.All.Null);
    }

    [Test]
    public async Task Login_with_a_wrong_password_throws_the_401_and_makes_no_refresh_call()
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();

        var ex = Assert.ThrowsAsync<CadenzaApiException>(() => session.LoginAsync(FakeCadenza.Email, "wrong-password"));

        Assert.That(ex!.StatusCode, Is.EqualTo(401));
        Assert.That(ex.ErrorCode, Is.EqualTo("INVALID_CREDENTIALS"));
        Assert.That(server.RefreshCalls, Is.Zero);
        Assert.That(session.State, Is.EqualTo(CadenzaSessionState.SignedOut));
        Assert.That(await Task.FromResult(server.Requests.Count), Is.EqualTo(1));
    }

    [TestCase("", "pw")]
    [TestCase("a@example.com", "")]
    [TestCase("  ", "pw")]
    public void Login_refuses_a_blank_email_or_password_before_any_request(string email, string password)
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();

        Assert.ThrowsAsync<ArgumentException>(() => session.LoginAsync(email, password));
        Assert.That(server.Requests, Is.Empty);
    }

    [Test]
    public void Before_login_a_bearer_call_says_not_signed_in_without_a_request()
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();

        var ex = Assert.ThrowsAsync<CadenzaSessionExpiredException>(() => session.GetUserAsync());

        Assert.That(ex!.Message, Does.Contain("Not signed in"));
        Assert.That(server.Requests, Is.Empty);
    }

    [Test]
    public async Task Sign_up_recover_and_update_return_the_envelope_data()
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();

        var signUp = await session.SignUpAsync("new@example.com", "long-enough-password", new Dictionary<string, object> { ["desk"] = "rates" });
        var ack = await session.RecoverAsync("new@example.com");
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        var updated = await session.UpdateUserAsync(new AuthUpdateUserRequest { Email = "trader@example.com" });

        Assert.That(signUp.User.Email, Is.EqualTo("trader@example.com"));
        Assert.That(signUp.SignedIn, Is.False, "this server answered the sign-up with the user only");
        Assert.That(ack, Is.EqualTo("ok"));
        Assert.That(updated.Role, Is.EqualTo("authenticated"));
        Assert.That(session.State, Is.EqualTo(CadenzaSessionState.SignedIn));
    }
}
