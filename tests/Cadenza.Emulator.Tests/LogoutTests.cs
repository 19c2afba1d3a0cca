using Cadenza.Client;
using Cadenza.Emulator.Tests.Support;

namespace Cadenza.Emulator.Tests;

public class LogoutTests : EmulatorTest
{
    [Test]
    public async Task Logout_ends_the_session_for_its_access_and_refresh_tokens()
    {
        var session = await SignUpAndLogInAsync();

        var response = await Client.AuthLogoutAsync();

        Assert.That(response.Data, Is.EqualTo("ok"));
        var getUser = Failure(() => Client.AuthGetUserAsync(), 401, "INVALID_TOKEN");
        Assert.That(getUser.Error, Is.EqualTo("Session has ended"));
        Failure(() => Client.AuthRefreshTokenAsync(new AuthRefreshTokenRequest { RefreshToken = session.RefreshToken! }), 401, "INVALID_REFRESH_TOKEN");
        Failure(() => Client.AuthLogoutAsync(), 401, "INVALID_TOKEN");
    }

    [Test]
    public async Task Logout_leaves_the_users_other_sessions_alone()
    {
        await SignUpAndLogInAsync();
        var other = await LogInAsync();

        await Client.AuthLogoutAsync();
        UseBearer(other.AccessToken);

        Assert.That((await Client.AuthGetUserAsync()).Data!.Email, Is.EqualTo(Email));
    }

    [Test]
    public void Logout_without_a_bearer_token_is_a_401_INVALID_TOKEN()
    {
        Failure(() => Client.AuthLogoutAsync(), 401, "INVALID_TOKEN");
    }
}
