using Cadenza.Cli.Tests.Support;

namespace Cadenza.Cli.Tests;

/// <summary>Passwords come from --password-stdin, else CADENZA_PASSWORD, else a no-echo prompt; never from an argument.</summary>
public sealed class PasswordSourceTests
{
    private static string SentPassword(CliRunner cli) => cli.Server.To("api/v3/auth/login").Single().Json.Value<string>("password")!;

    [Test]
    public async Task Password_stdin_sends_the_first_line_without_its_line_break()
    {
        using var cli = new CliRunner();

        var result = await cli.RunWithStdinAsync("pass word with spaces \r\nsecond line\n", "login", "--email", FakeCadenza.Email, "--password-stdin");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(SentPassword(cli), Is.EqualTo("pass word with spaces "));
    }

    [Test]
    public async Task The_environment_variable_is_used_when_there_is_no_password_stdin()
    {
        using var cli = new CliRunner();
        cli.Environment["CADENZA_PASSWORD"] = "from-the-environment";

        var result = await cli.RunAsync("login", "--email", FakeCadenza.Email);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(SentPassword(cli), Is.EqualTo("from-the-environment"));
    }

    [Test]
    public async Task Password_stdin_wins_over_the_environment_variable()
    {
        using var cli = new CliRunner();
        cli.Environment["CADENZA_PASSWORD"] = "from-the-environment";

        var result = await cli.RunWithStdinAsync("from-stdin\n", "login", "--email", FakeCadenza.Email, "--password-stdin");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(SentPassword(cli), Is.EqualTo("from-stdin"));
    }

    [Test]
    public async Task Without_a_terminal_or_a_password_source_it_is_a_usage_error()
    {
        using var cli = new CliRunner();

        var result = await cli.RunWithStdinAsync("piped but not asked for\n", "login", "--email", FakeCadenza.Email);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StderrLines, Has.Length.EqualTo(1));
        Assert.That(result.Stderr, Does.Contain("No password").And.Contain("--password-stdin").And.Contain("CADENZA_PASSWORD"));
        Assert.That(cli.Server.Requests, Is.Empty);
    }

    [Test]
    public async Task Password_stdin_with_empty_input_is_a_usage_error()
    {
        using var cli = new CliRunner();

        var result = await cli.RunWithStdinAsync(string.Empty, "login", "--email", FakeCadenza.Email, "--password-stdin");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain("standard input has no password"));
        Assert.That(cli.Server.Requests, Is.Empty);
    }

    [Test]
    public async Task On_a_terminal_login_prompts_once()
    {
        using var cli = new CliRunner { Terminal = new Queue<string>(["typed-secret"]) };

        var result = await cli.RunAsync("login", "--email", FakeCadenza.Email);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Prompts, Is.EqualTo(new[] { "Password: " }));
        Assert.That(SentPassword(cli), Is.EqualTo("typed-secret"));
    }

    [Test]
    public async Task On_a_terminal_signup_asks_twice_and_refuses_a_mismatch()
    {
        using var cli = new CliRunner { Terminal = new Queue<string>(["typed-secret", "typed-secrte"]) };

        var result = await cli.RunAsync("signup", "--email", FakeCadenza.Email);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Prompts, Is.EqualTo(new[] { "Password: ", "Repeat password: " }));
        Assert.That(result.Stderr, Does.Contain("do not match"));
        Assert.That(cli.Server.Requests, Is.Empty);
    }

    [Test]
    public async Task Update_user_reads_the_new_password_from_stdin_only()
    {
        using var cli = new CliRunner();
        await cli.LoginAsync();
        cli.Environment["CADENZA_PASSWORD"] = "the-current-password";

        var result = await cli.RunWithStdinAsync("brand-new-password\n", "update-user", "--password-stdin");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        var update = cli.Server.Requests.Single(r => r.Method == "PUT");
        Assert.That(update.Json.Value<string>("password"), Is.EqualTo("brand-new-password"));
        Assert.That(result.Stdout + result.Stderr, Does.Not.Contain("brand-new-password"));
    }
}
