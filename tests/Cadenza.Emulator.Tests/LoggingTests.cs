using Cadenza.Client;
using Cadenza.Emulator.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Cadenza.Emulator.Tests;

public class LoggingTests : EmulatorTest
{
    private readonly CapturingLoggerProvider _logs = new();

    protected override void Configure(CadenzaEmulatorOptions options) => options.ConfigureLogging = logging => logging.AddProvider(_logs);

    [Test]
    public async Task Each_request_is_logged_with_method_path_status_and_duration_but_no_secret()
    {
        var login = await SignUpAndLogInAsync();
        var refreshed = (await Client.AuthRefreshTokenAsync(new AuthRefreshTokenRequest { RefreshToken = login.RefreshToken! })).Data!;
        UseBearer(refreshed.AccessToken);
        await Client.AuthUpdateUserAsync(new AuthUpdateUserRequest { Password = "battery-staple" });
        Failure(() => LogInAsync(password: "wrong-password"), 401, "INVALID_CREDENTIALS");
        await Client.AuthLogoutAsync();

        Assert.That(_logs.Lines, Has.Some.Match(@"POST /api/v3/auth/login 200 in \d+\.\d ms \(request_id [0-9a-f-]{36}\)"));
        Assert.That(_logs.Lines, Has.Some.Contains("POST /api/v3/auth/login 401"));
        Assert.That(_logs.Lines, Has.Some.Contains("PUT /api/v3/auth/user 200"));
        string[] secrets = [Password, "battery-staple", "wrong-password", login.AccessToken!, login.RefreshToken!, refreshed.AccessToken!, refreshed.RefreshToken!, "Bearer", "eyJ"];
        foreach (var secret in secrets)
        {
            Assert.That(_logs.Lines, Has.None.Contains(secret), "a log line holds a secret");
        }
    }
}
