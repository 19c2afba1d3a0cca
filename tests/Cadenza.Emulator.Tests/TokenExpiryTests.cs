using Cadenza.Client;
using Cadenza.Emulator.Tests.Support;

namespace Cadenza.Emulator.Tests;

public class TokenExpiryTests : EmulatorTest
{
    protected override void Configure(CadenzaEmulatorOptions options) => options.TokenLifetime = TimeSpan.FromSeconds(2);

    [Test]
    public async Task An_access_token_works_until_its_lifetime_is_over_and_refresh_gives_a_new_one()
    {
        var session = await SignUpAndLogInAsync();
        Assert.That(session.ExpiresIn, Is.EqualTo(2));

        Clock.Advance(TimeSpan.FromSeconds(1.9));
        Assert.That((await Client.AuthGetUserAsync()).Success, Is.True);

        Clock.Advance(TimeSpan.FromSeconds(0.1));
        var expired = Failure(() => Client.AuthGetUserAsync(), 401, "INVALID_TOKEN");
        Assert.That(expired.Error, Is.EqualTo("Token has expired"));

        var refreshed = await Client.AuthRefreshTokenAsync(new AuthRefreshTokenRequest { RefreshToken = session.RefreshToken! });
        UseBearer(refreshed.Data!.AccessToken);
        Assert.That((await Client.AuthGetUserAsync()).Success, Is.True);
    }
}
