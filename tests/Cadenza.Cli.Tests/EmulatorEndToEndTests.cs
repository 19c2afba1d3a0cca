using Cadenza.Cli.Tests.Support;
using Cadenza.Emulator;

namespace Cadenza.Cli.Tests;

/// <summary>The real CLI, the real session and the real emulator over loopback HTTP, all in this process.</summary>
[NonParallelizable]
public sealed class EmulatorEndToEndTests
{
    private const string Password = "correct-horse-battery";

    private CadenzaEmulator _emulator = null!;

    [OneTimeSetUp]
    public async Task StartEmulator() =>
        _emulator = await CadenzaEmulator.StartAsync(new CadenzaEmulatorOptions { PasswordHashIterations = 10 });

    [OneTimeTearDown]
    public async Task StopEmulator() => await _emulator.DisposeAsync();

    private CliRunner Cli()
    {
        var cli = new CliRunner { RealTransport = true, Clock = TimeProvider.System };
        cli.Environment["CADENZA_BASE_URL"] = _emulator.BaseAddress.AbsoluteUri;
        return cli;
    }

    private static string? StoredRefreshToken(CliRunner cli) =>
        Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(cli.SessionFile)).Value<string>("refreshToken");

    private static string NewEmail() => "e2e-" + Guid.NewGuid().ToString("N")[..10] + "@example.com";

    [Test]
    public async Task Signup_login_whoami_token_refresh_logout()
    {
        using var cli = Cli();
        var email = NewEmail();

        var signup = await cli.RunWithStdinAsync(Password + "\n", "signup", "--email", email, "--password-stdin", "--metadata", "desk=rates");
        var login = await cli.RunWithStdinAsync(Password + "\n", "login", "--email", email, "--password-stdin");
        var whoami = await cli.RunAsync("whoami", "--json");
        var token = await cli.RunAsync("token");
        var refreshTokenBefore = StoredRefreshToken(cli);
        var refresh = await cli.RunAsync("refresh");
        var refreshTokenAfter = StoredRefreshToken(cli);
        var tokenAfterRefresh = await cli.RunAsync("token");
        var logout = await cli.RunAsync("logout");
        var whoamiAfterLogout = await cli.RunAsync("whoami");

        foreach (var step in new[] { signup, login, whoami, token, refresh, tokenAfterRefresh, logout })
        {
            Assert.That(step.ExitCode, Is.EqualTo(0), step.ToString());
        }

        Assert.That(whoami.Stdout, Does.Contain($"\"email\":\"{email}\"").And.Contain("\"desk\":\"rates\""));
        Assert.That(token.Stdout, Does.Match("^eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\n$"), "a JWT and a newline, nothing else");
        // Within one second the emulator's JWT can come out the same; the single-use refresh token always rotates.
        Assert.That(refreshTokenAfter, Is.Not.EqualTo(refreshTokenBefore), "the refresh rotated the stored tokens");
        Assert.That(tokenAfterRefresh.Stdout, Does.Match("^eyJ[^\n]+\n$"));
        Assert.That(whoamiAfterLogout.ExitCode, Is.EqualTo(1));
        Assert.That(whoamiAfterLogout.Stderr, Does.StartWith("Not signed in"));
    }

    [Test]
    public async Task Update_user_changes_the_metadata_on_the_server()
    {
        using var cli = Cli();
        var email = NewEmail();
        await cli.RunWithStdinAsync(Password + "\n", "signup", "--email", email, "--password-stdin");
        await cli.RunWithStdinAsync(Password + "\n", "login", "--email", email, "--password-stdin");

        var update = await cli.RunAsync("update-user", "--metadata", "desk=fx");
        var whoami = await cli.RunAsync("whoami");

        Assert.That(update.ExitCode, Is.EqualTo(0), update.ToString());
        Assert.That(whoami.Stdout, Does.Contain("desk=fx"));
    }

    [Test]
    public async Task A_wrong_password_exits_1_with_one_line()
    {
        using var cli = Cli();
        var email = NewEmail();
        await cli.RunWithStdinAsync(Password + "\n", "signup", "--email", email, "--password-stdin");

        var result = await cli.RunWithStdinAsync("not-the-password\n", "login", "--email", email, "--password-stdin");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.StderrLines, Has.Length.EqualTo(1));
        Assert.That(result.Stderr, Does.StartWith("Cadenza API call failed: HTTP 401, errno 10401"));
        Assert.That(result.Stderr, Does.Not.Contain("not-the-password").And.Not.Contain("   at "));
        Assert.That(result.Stdout, Is.Empty);
    }

    [Test]
    public async Task Missing_email_exits_2()
    {
        using var cli = Cli();

        var result = await cli.RunWithStdinAsync(Password + "\n", "login", "--password-stdin");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain("Option '--email' is required."));
    }

    [Test]
    public async Task The_session_file_is_0600_after_login()
    {
        using var cli = Cli();
        var email = NewEmail();
        await cli.RunWithStdinAsync(Password + "\n", "signup", "--email", email, "--password-stdin");

        var login = await cli.RunWithStdinAsync(Password + "\n", "login", "--email", email, "--password-stdin");

        Assert.That(login.ExitCode, Is.EqualTo(0), login.ToString());
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("Unix file modes");
        }
        else
        {
            Assert.That(File.GetUnixFileMode(cli.SessionFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }
    }

    [Test]
    public async Task The_demo_exits_0_and_leaves_no_session_file_behind()
    {
        using var cli = new CliRunner { RealTransport = true, Clock = TimeProvider.System };
        var before = Directory.GetDirectories(Path.GetTempPath(), "cadenza-demo-*").ToHashSet();

        var result = await cli.RunAsync("demo");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Stdout, Does.Contain("✓ token refresh").And.Contain("TokenRefreshed").And.Contain("✓ real-time").And.Contain("none lost or twice").And.Contain("All 8 steps behaved as expected."));
        Assert.That(result.Stdout, Does.Not.Contain("✗"));
        Assert.That(Directory.GetDirectories(Path.GetTempPath(), "cadenza-demo-*").Where(d => !before.Contains(d)), Is.Empty);
        Assert.That(File.Exists(cli.SessionFile), Is.False, "the user's own session file is never touched");
    }

    [Test]
    public async Task The_emulator_command_serves_until_cancelled_and_exits_0()
    {
        using var cli = new CliRunner { RealTransport = true, Clock = TimeProvider.System };
        using var stop = new CancellationTokenSource();
        var stdout = new LineSignal("listening on ");

        var running = cli.RunWithAsync(stop.Token, stdout, "emulator", "--port", "0", "--token-lifetime", "5");
        var banner = await stdout.Matched.WaitAsync(TimeSpan.FromSeconds(30));
        var address = banner[(banner.IndexOf("http://", StringComparison.Ordinal))..].Split(' ')[0];

        cli.Environment["CADENZA_BASE_URL"] = address;
        var recover = await cli.RunAsync("recover", "--email", NewEmail());
        stop.Cancel();
        var result = await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(address, Does.StartWith("http://127.0.0.1:"));
        Assert.That(recover.ExitCode, Is.EqualTo(0), recover.ToString());
        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Stdout, Does.Contain("POST").And.Contain("/api/v3/auth/recover"), "one log line per request");
        Assert.That(result.Stdout, Does.EndWith("Emulator stopped.\n"));
    }

    [TestCase("--port", "70000")]
    [TestCase("--token-lifetime", "0")]
    [TestCase("--refresh-token-reuse-interval", "-1")]
    public async Task Emulator_option_values_out_of_range_exit_2(string option, string value)
    {
        using var cli = Cli();

        var result = await cli.RunAsync("emulator", option, value);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain(option));
    }
}
