using Cadenza.Cli.Tests.Support;

namespace Cadenza.Cli.Tests;

/// <summary>Usage errors exit 2, say what is wrong on standard error, and send nothing.</summary>
public sealed class ParsingTests
{
    [TestCase("login")]
    [TestCase("signup")]
    [TestCase("recover")]
    public async Task Missing_email_is_a_usage_error(string command)
    {
        using var cli = new CliRunner();

        var result = await cli.RunWithStdinAsync("correct-horse-battery\n", command, "--password-stdin");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain("--email"));
        Assert.That(result.Stdout, Is.Empty);
        Assert.That(cli.Server.Requests, Is.Empty);
    }

    [Test]
    public async Task Empty_email_is_a_usage_error()
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync("recover", "--email", " ");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain("--email cannot be empty"));
        Assert.That(cli.Server.Requests, Is.Empty);
    }

    [TestCase("desk")]
    [TestCase("=rates")]
    public async Task Metadata_without_a_key_and_an_equals_sign_is_a_usage_error(string pair)
    {
        using var cli = new CliRunner();

        var result = await cli.RunWithStdinAsync("correct-horse-battery\n", "signup", "--email", FakeCadenza.Email, "--password-stdin", "--metadata", pair);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain($"--metadata expects key=value, not '{pair}'"));
        Assert.That(cli.Server.Requests, Is.Empty);
    }

    [Test]
    public async Task Metadata_pairs_are_sent_as_strings_and_the_last_repeat_wins()
    {
        using var cli = new CliRunner();

        var result = await cli.RunWithStdinAsync(
            "correct-horse-battery\n", "signup", "--email", FakeCadenza.Email, "--password-stdin",
            "--metadata", "desk=rates", "--metadata", "limit=10", "--metadata", "note=a=b", "--metadata", "desk=fx");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        var metadata = cli.Server.To("api/v3/auth/signup").Single().Json["metadata"]!;
        Assert.That(metadata.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("""{"desk":"fx","limit":"10","note":"a=b"}"""));
    }

    [TestCase(new string[0], "Required command was not provided")]
    [TestCase(new[] { "fly" }, "fly")]
    [TestCase(new[] { "whoami", "--colour" }, "--colour")]
    public async Task Unknown_or_missing_commands_and_options_are_usage_errors(string[] args, string mentioned)
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync(args);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain(mentioned));
        Assert.That(result.Stderr, Does.Contain("--help' for usage"));
    }

    [Test]
    public async Task Update_user_with_nothing_to_change_is_a_usage_error()
    {
        using var cli = new CliRunner();
        await cli.LoginAsync();

        var result = await cli.RunAsync("update-user");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain("Nothing to update"));
        Assert.That(cli.Server.To("api/v3/auth/user"), Is.Empty);
    }

    [TestCase("not a url", "must be an absolute http(s) URL")]
    [TestCase("ftp://cadenza.test/", "must be an absolute http(s) URL")]
    [TestCase("http://cadenza.example.com/", "refusing to send credentials over plain HTTP")]
    public async Task A_bad_base_url_is_a_usage_error(string url, string message)
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync("recover", "--email", FakeCadenza.Email, "--base-url", url);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StderrLines, Has.Length.EqualTo(1));
        Assert.That(result.Stderr, Does.Contain("--base-url").And.Contain(message));
        Assert.That(cli.Server.Requests, Is.Empty);
    }

    [Test]
    public async Task A_bad_base_url_in_the_environment_names_the_variable()
    {
        using var cli = new CliRunner();
        cli.Environment["CADENZA_BASE_URL"] = "cadenza.test";

        var result = await cli.RunAsync("recover", "--email", FakeCadenza.Email);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.StartWith("CADENZA_BASE_URL must be an absolute http(s) URL"));
    }

    [Test]
    public async Task Base_url_option_wins_over_the_environment_and_gets_a_trailing_slash()
    {
        using var cli = new CliRunner();
        cli.Environment["CADENZA_BASE_URL"] = "https://elsewhere.test/";

        var result = await cli.RunAsync("recover", "--email", FakeCadenza.Email, "--base-url", "https://cadenza.test/gateway");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(cli.Server.Requests.Single().Uri.AbsoluteUri, Is.EqualTo("https://cadenza.test/gateway/api/v3/auth/recover"));
    }

    [Test]
    public async Task Global_options_work_before_and_after_the_command()
    {
        using var cli = new CliRunner();

        var before = await cli.RunAsync("--json", "recover", "--email", FakeCadenza.Email);
        var after = await cli.RunAsync("recover", "--email", FakeCadenza.Email, "--json");

        Assert.That(before.Stdout, Does.StartWith("{"));
        Assert.That(after.Stdout, Is.EqualTo(before.Stdout));
    }

    [Test]
    public async Task Help_lists_every_command_and_exits_0()
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync("--help");

        Assert.That(result.ExitCode, Is.EqualTo(0));
        Assert.That(result.Stdout, Does.Contain("signup").And.Contain("login").And.Contain("whoami").And.Contain("refresh")
            .And.Contain("token").And.Contain("status").And.Contain("update-user").And.Contain("recover").And.Contain("logout"));
    }
}
