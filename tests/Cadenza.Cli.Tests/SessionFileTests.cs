using Cadenza.Cli.Tests.Support;

namespace Cadenza.Cli.Tests;

/// <summary>The session file: owner-only, found in the per-user config folder, and never destroyed by a problem.</summary>
public sealed class SessionFileTests
{
    [Test]
    public async Task The_session_file_is_owner_only_after_login()
    {
        using var cli = new CliRunner();
        await cli.LoginAsync();

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
    public async Task A_corrupt_session_file_means_signed_out_with_a_warning_and_is_left_alone()
    {
        using var cli = new CliRunner();
        Directory.CreateDirectory(Path.GetDirectoryName(cli.SessionFile)!);
        File.WriteAllText(cli.SessionFile, "{ not json");

        var whoami = await cli.RunAsync("whoami");
        var logout = await cli.RunAsync("logout");

        Assert.That(whoami.ExitCode, Is.EqualTo(1), whoami.ToString());
        Assert.That(whoami.Stderr, Is.EqualTo(
            $"warning: The session file {cli.SessionFile} is not a valid session file; treating it as signed out.\n" +
            "Not signed in: run 'cadenza login --email <address>' first.\n"));
        Assert.That(logout.ExitCode, Is.EqualTo(0), logout.ToString());
        Assert.That(File.ReadAllText(cli.SessionFile), Is.EqualTo("{ not json"), "kept for inspection until the next login");
        Assert.That(cli.Server.Requests, Is.Empty);

        await cli.LoginAsync();
        Assert.That(File.ReadAllText(cli.SessionFile), Does.Contain(FakeCadenza.RefreshToken(1)));
    }

    [Test]
    public async Task A_session_file_that_cannot_be_written_fails_the_login()
    {
        using var cli = new CliRunner();
        var blocker = Path.Combine(cli.Directory, "a-file");
        File.WriteAllText(blocker, "not a folder");
        var sessionFile = Path.Combine(blocker, "session.json");

        var result = await cli.RunWithStdinAsync("correct-horse-battery\n", "login", "--email", FakeCadenza.Email, "--password-stdin", "--session-file", sessionFile);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.StderrLines, Has.Length.EqualTo(1));
        Assert.That(result.Stderr, Does.StartWith($"The session file {sessionFile} could not be written"));
        Assert.That(result.Stdout, Is.Empty, "no 'Signed in' for a session that is gone when the process ends");
    }

    [Test]
    public async Task Session_file_option_wins_over_the_environment()
    {
        using var cli = new CliRunner();
        var elsewhere = Path.Combine(cli.Directory, "elsewhere.json");

        var result = await cli.RunWithStdinAsync("correct-horse-battery\n", "login", "--email", FakeCadenza.Email, "--password-stdin", "--session-file", elsewhere);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(File.Exists(elsewhere), Is.True);
        Assert.That(File.Exists(cli.SessionFile), Is.False);
    }

    [Test]
    public async Task Without_option_or_variable_the_session_lives_in_the_user_config_folder()
    {
        using var cli = new CliRunner();
        cli.Environment.Remove("CADENZA_SESSION_FILE");

        await cli.LoginAsync();

        var expected = OperatingSystem.IsWindows()
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "cadenza", "session.json")
            : Path.Combine(cli.Directory, "xdg", "cadenza", "session.json");
        Assert.That(File.Exists(expected), Is.True, expected);
    }

    [Test]
    public void Default_path_follows_XDG_then_HOME()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("XDG is for Unix");
        }

        Assert.Multiple(() =>
        {
            Assert.That(CliSettings.DefaultSessionFile(new Dictionary<string, string?> { ["XDG_CONFIG_HOME"] = "/xdg", ["HOME"] = "/home/t" }), Is.EqualTo("/xdg/cadenza/session.json"));
            Assert.That(CliSettings.DefaultSessionFile(new Dictionary<string, string?> { ["XDG_CONFIG_HOME"] = "relative", ["HOME"] = "/home/t" }), Is.EqualTo("/home/t/.config/cadenza/session.json"));
            Assert.That(CliSettings.DefaultSessionFile(new Dictionary<string, string?> { ["HOME"] = "/home/t" }), Is.EqualTo("/home/t/.config/cadenza/session.json"));
        });
    }
}
