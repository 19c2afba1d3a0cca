using Cadenza.Client;
using Cadenza.Emulator.Tests.Support;

namespace Cadenza.Emulator.Tests;

/// <summary>Rotation and reuse detection in the strict mode (no reuse interval): every reuse revokes.</summary>
public class RefreshTokenTests : EmulatorTest
{
    protected override void Configure(CadenzaEmulatorOptions options) => options.RefreshTokenReuseInterval = TimeSpan.Zero;

    private Task<AuthSignup200Response> RefreshAsync(string refreshToken) =>
        Client.AuthRefreshTokenAsync(new AuthRefreshTokenRequest { RefreshToken = refreshToken });

    [Test]
    public async Task Refresh_rotates_the_refresh_token_and_issues_a_working_access_token()
    {
        var login = await SignUpAndLogInAsync();
        Clock.Advance(TimeSpan.FromMinutes(10));

        var refreshed = (await RefreshAsync(login.RefreshToken!)).Data!;
        UseBearer(refreshed.AccessToken);

        Assert.Multiple(() =>
        {
            Assert.That(refreshed.RefreshToken, Is.Not.EqualTo(login.RefreshToken));
            Assert.That(refreshed.AccessToken, Is.Not.EqualTo(login.AccessToken));
            Assert.That(refreshed.TokenType, Is.EqualTo("bearer"));
            Assert.That(refreshed.ExpiresAt, Is.EqualTo(Clock.GetUtcNow().ToUnixTimeSeconds() + 3600));
            Assert.That(refreshed.User!.Id, Is.EqualTo(login.User!.Id));
        });
        Assert.That((await Client.AuthGetUserAsync()).Data!.Id, Is.EqualTo(login.User!.Id));
    }

    [Test]
    public async Task Reusing_a_spent_refresh_token_is_a_401_and_revokes_the_whole_family()
    {
        var login = await SignUpAndLogInAsync();
        var second = (await RefreshAsync(login.RefreshToken!)).Data!;
        var third = (await RefreshAsync(second.RefreshToken!)).Data!;

        var reuse = Failure(() => RefreshAsync(login.RefreshToken!), 401, "INVALID_REFRESH_TOKEN");
        Assert.That(reuse.Error, Is.EqualTo("Invalid Refresh Token: Already Used"));

        // The newest token of the family is dead too, and so are the family's access tokens.
        Failure(() => RefreshAsync(third.RefreshToken!), 401, "INVALID_REFRESH_TOKEN");
        UseBearer(third.AccessToken);
        Failure(() => Client.AuthGetUserAsync(), 401, "INVALID_TOKEN");
        Assert.That(Emulator.Counters, Is.EqualTo(new CadenzaEmulatorCounters { SessionsStarted = 2, RefreshRequests = 4, Rotations = 2, ReuseDetections = 1 }));
    }

    [Test]
    public async Task Revoking_one_family_leaves_the_users_other_sessions_alone()
    {
        var stolen = await SignUpAndLogInAsync();
        var other = await LogInAsync();
        await RefreshAsync(stolen.RefreshToken!);
        Failure(() => RefreshAsync(stolen.RefreshToken!), 401, "INVALID_REFRESH_TOKEN");

        var refreshed = await RefreshAsync(other.RefreshToken!);

        Assert.That(refreshed.Success, Is.True);
    }

    [Test]
    public void An_unknown_refresh_token_is_a_401_INVALID_REFRESH_TOKEN()
    {
        var failure = Failure(() => RefreshAsync("never-issued"), 401, "INVALID_REFRESH_TOKEN");

        Assert.That(failure.Error, Is.EqualTo("Invalid Refresh Token: Refresh Token Not Found"));
    }
}
