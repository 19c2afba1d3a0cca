using Cadenza.Client;
using Cadenza.Emulator.Tests.Support;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Cadenza.Emulator.Tests;

public class LoginTests : EmulatorTest
{
    [Test]
    public async Task Login_returns_a_bearer_session_with_a_signed_JWT_for_the_user()
    {
        var user = await SignUpAsync();

        var session = await LogInAsync();

        var jwt = new JsonWebToken(session.AccessToken);
        var now = Clock.GetUtcNow().ToUnixTimeSeconds();
        Assert.Multiple(() =>
        {
            Assert.That(session.TokenType, Is.EqualTo("bearer"));
            Assert.That(session.ExpiresIn, Is.EqualTo(3600));
            Assert.That(session.ExpiresAt, Is.EqualTo(now + 3600));
            Assert.That(session.RefreshToken, Is.Not.Null.And.Not.Empty);
            Assert.That(session.User!.Id, Is.EqualTo(user.Id));
            Assert.That(session.User.LastSignInAt, Is.EqualTo(Clock.GetUtcNow()));
            Assert.That(jwt.Alg, Is.EqualTo("HS256"));
            Assert.That(jwt.Subject, Is.EqualTo(user.Id.ToString()));
            Assert.That(jwt.GetPayloadValue<string>("email"), Is.EqualTo(Email));
            Assert.That(jwt.GetPayloadValue<string>("role"), Is.EqualTo("authenticated"));
            Assert.That(Guid.TryParse(jwt.GetPayloadValue<string>("session_id"), out _), Is.True);
            Assert.That(jwt.GetPayloadValue<long>("iat"), Is.EqualTo(now));
            Assert.That(jwt.GetPayloadValue<long>("exp"), Is.EqualTo(session.ExpiresAt));
        });
    }

    [Test]
    public async Task Each_login_starts_its_own_session()
    {
        await SignUpAsync();

        var first = new JsonWebToken((await LogInAsync()).AccessToken);
        var second = new JsonWebToken((await LogInAsync()).AccessToken);

        Assert.That(second.GetPayloadValue<string>("session_id"), Is.Not.EqualTo(first.GetPayloadValue<string>("session_id")));
    }

    [Test]
    public async Task Login_with_a_wrong_password_is_a_401_INVALID_CREDENTIALS()
    {
        await SignUpAsync();

        var failure = Failure(() => LogInAsync(password: "wrong-password"), 401, "INVALID_CREDENTIALS");

        Assert.That(failure.Error, Is.EqualTo("Invalid login credentials"));
        Assert.That(failure.Message, Does.Contain("HTTP 401, errno 10401: Invalid login credentials (code INVALID_CREDENTIALS, request_id "));
    }

    [Test]
    public async Task Login_with_an_unknown_address_looks_the_same_as_a_wrong_password()
    {
        await SignUpAsync();

        var unknown = Failure(() => LogInAsync("nobody@example.com"), 401, "INVALID_CREDENTIALS");
        var wrong = Failure(() => LogInAsync(password: "wrong-password"), 401, "INVALID_CREDENTIALS");

        Assert.That(unknown.Error, Is.EqualTo(wrong.Error));
    }

    [Test]
    public async Task Login_ignores_the_case_of_the_address()
    {
        await SignUpAsync();

        var session = await LogInAsync(Email.ToUpperInvariant());

        Assert.That(session.User!.Email, Is.EqualTo(Email));
    }

    [Test]
    public void Login_with_a_malformed_address_is_a_400_VALIDATION_FAILED()
    {
        Failure(() => LogInAsync("not-an-address"), 400, "VALIDATION_FAILED");
    }

    [Test]
    public void Without_a_configured_rate_limit_repeated_logins_are_never_a_429()
    {
        for (var i = 0; i < 20; i++)
        {
            Failure(() => LogInAsync(password: "wrong-password"), 401, "INVALID_CREDENTIALS");
        }
    }
}
