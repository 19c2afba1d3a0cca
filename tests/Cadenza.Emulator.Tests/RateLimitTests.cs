using Cadenza.Client;
using Cadenza.Emulator.Tests.Support;

namespace Cadenza.Emulator.Tests;

public class RateLimitTests : EmulatorTest
{
    protected override void Configure(CadenzaEmulatorOptions options) =>
        options.RateLimit = new CadenzaEmulatorRateLimit(PermitLimit: 2, Window: TimeSpan.FromMinutes(1));

    private Task WrongLoginAsync() => Client.AuthLoginAsync(new AuthLoginRequest { Email = Email, Password = "wrong-password" });

    [Test]
    public void Past_the_limit_login_is_a_429_with_Retry_After_until_the_window_closes()
    {
        Failure(WrongLoginAsync, 401, "INVALID_CREDENTIALS");
        Clock.Advance(TimeSpan.FromSeconds(20));
        Failure(WrongLoginAsync, 401, "INVALID_CREDENTIALS");

        var limited = Failure(WrongLoginAsync, 429, "RATE_LIMITED");
        Assert.Multiple(() =>
        {
            Assert.That(limited.IsRateLimited, Is.True);
            Assert.That(limited.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(40)), "the window opened by the first request has 40 s left");
            Assert.That(limited.Error, Is.EqualTo("Rate limit exceeded"));
            Assert.That(limited.Message, Does.EndWith("retry after 40 s"));
        });

        Clock.Advance(TimeSpan.FromSeconds(39.5));
        Assert.That(Failure(WrongLoginAsync, 429, "RATE_LIMITED").RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(1)), "rounded up to whole seconds");

        Clock.Advance(TimeSpan.FromSeconds(0.5));
        Failure(WrongLoginAsync, 401, "INVALID_CREDENTIALS");
    }

    [Test]
    public async Task The_429_body_is_the_spec_rate_limited_envelope()
    {
        await Client.AuthRecoverAsync(new AuthRecoverRequest { Email = Email });
        await Client.AuthRecoverAsync(new AuthRecoverRequest { Email = Email });

        Failure(() => Client.AuthRecoverAsync(new AuthRecoverRequest { Email = Email }), 429, "RATE_LIMITED");

        Assert.That(Recorder.Responses.Last().Body, Does.Contain("\"data\":\"Too many requests\""));
    }

    [Test]
    public async Task Each_operation_has_its_own_budget()
    {
        await SignUpAsync();
        await SignUpAsync("second@example.com");
        Failure(() => SignUpAsync("third@example.com"), 429, "RATE_LIMITED");

        Assert.That((await LogInAsync()).AccessToken, Is.Not.Null);
        Assert.That((await Client.AuthRecoverAsync(new AuthRecoverRequest { Email = Email })).Data, Is.EqualTo("ok"));
    }

    [Test]
    public async Task Operations_without_a_documented_429_are_never_limited()
    {
        var session = await SignUpAndLogInAsync();

        for (var i = 0; i < 5; i++)
        {
            session = (await Client.AuthRefreshTokenAsync(new AuthRefreshTokenRequest { RefreshToken = session.RefreshToken! })).Data!;
            UseBearer(session.AccessToken);
            await Client.AuthGetUserAsync();
        }

        Assert.That(Recorder.Responses.Select(r => r.StatusCode), Is.All.EqualTo(200));
    }
}
