using Cadenza.Client;
using Cadenza.Emulator.Tests.Support;

namespace Cadenza.Emulator.Tests;

/// <summary>GoTrue's refresh-token reuse interval, at its Supabase default of 10 s (the emulator's default too).</summary>
public class RefreshTokenReuseIntervalTests : EmulatorTest
{
    // The envelope's type name changes with the spec (issue 8): only its data is named here.
    private async Task<AuthSession> RefreshAsync(string refreshToken) =>
        (await Client.AuthRefreshTokenAsync(new AuthRefreshTokenRequest { RefreshToken = refreshToken })).Data!;

    [Test]
    public void The_default_interval_is_Supabases_ten_seconds() =>
        Assert.That(new CadenzaEmulatorOptions().RefreshTokenReuseInterval, Is.EqualTo(TimeSpan.FromSeconds(10)));

    [Test]
    public async Task A_spent_token_back_within_the_interval_gets_the_current_token_and_revokes_nothing()
    {
        var login = await SignUpAndLogInAsync();
        var rotated = await RefreshAsync(login.RefreshToken!);
        Clock.Advance(TimeSpan.FromSeconds(9));

        var again = await RefreshAsync(login.RefreshToken!);
        UseBearer(again.AccessToken);

        Assert.That(again.RefreshToken, Is.EqualTo(rotated.RefreshToken), "the family's current token, not a new one");
        Assert.That((await Client.AuthGetUserAsync()).Data!.Id, Is.EqualTo(login.User!.Id));
        Assert.That((await RefreshAsync(rotated.RefreshToken!)).AccessToken, Is.Not.Empty, "the family lives on");
        Assert.That(Emulator.Counters, Is.EqualTo(new CadenzaEmulatorCounters { SessionsStarted = 2, RefreshRequests = 3, Rotations = 2, ReusesForgiven = 1 }));
    }

    [Test]
    public async Task Within_the_interval_the_answer_is_the_newest_token_even_two_rotations_on()
    {
        var login = await SignUpAndLogInAsync();
        var second = await RefreshAsync(login.RefreshToken!);
        var third = await RefreshAsync(second.RefreshToken!);

        var again = await RefreshAsync(login.RefreshToken!);

        Assert.That(again.RefreshToken, Is.EqualTo(third.RefreshToken));
    }

    [Test]
    public async Task A_spent_token_back_once_the_interval_has_passed_revokes_the_family()
    {
        var login = await SignUpAndLogInAsync();
        var rotated = await RefreshAsync(login.RefreshToken!);
        Clock.Advance(TimeSpan.FromSeconds(10));

        var reuse = Failure(() => RefreshAsync(login.RefreshToken!), 401, "INVALID_REFRESH_TOKEN");

        Assert.That(reuse.Error, Is.EqualTo("Invalid Refresh Token: Already Used"));
        Failure(() => RefreshAsync(rotated.RefreshToken!), 401, "INVALID_REFRESH_TOKEN");
        Assert.That(Emulator.Counters.ReuseDetections, Is.EqualTo(1));
        Assert.That(Emulator.Counters.ReusesForgiven, Is.Zero);
    }

    [Test]
    public void A_negative_interval_is_refused_before_the_emulator_starts()
    {
        var options = new CadenzaEmulatorOptions { RefreshTokenReuseInterval = TimeSpan.FromSeconds(-1) };

        var refused = Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => CadenzaEmulator.StartAsync(options));

        Assert.That(refused!.ParamName, Is.EqualTo(nameof(CadenzaEmulatorOptions.RefreshTokenReuseInterval)));
        Assert.That(refused.Message, Does.Contain("zero is the strict mode"));
    }
}
