using Cadenza.Cli.Tests.Support;
using Newtonsoft.Json.Linq;

namespace Cadenza.Cli.Tests;

/// <summary>gh-style usage: a mistyped command or option gets a suggestion, and each command's help lists only what it uses.</summary>
public sealed class HelpAndTypoTests
{
    [TestCase(new[] { "logni" }, "Unknown command 'logni'. Did you mean 'login'? Run 'cadenza --help' for usage.")]
    [TestCase(new[] { "wohami" }, "Unknown command 'wohami'. Did you mean 'whoami'? Run 'cadenza --help' for usage.")]
    [TestCase(new[] { "statsu" }, "Unknown command 'statsu'. Did you mean 'status'? Run 'cadenza --help' for usage.")]
    [TestCase(new[] { "log" }, "Unknown command 'log'. Did you mean 'login' or 'logout'? Run 'cadenza --help' for usage.")]
    [TestCase(new[] { "fly" }, "Unknown command 'fly'. Run 'cadenza --help' for usage.")]
    [TestCase(new[] { "whoami", "--jsno" }, "Unknown option '--jsno' for 'cadenza whoami'. Did you mean '--json'? Run 'cadenza whoami --help' for usage.")]
    [TestCase(new[] { "login", "--emial", "a@b.c" }, "Unknown option '--emial' for 'cadenza login'. Did you mean '--email'?")]
    [TestCase(new[] { "whoami", "bob" }, "'cadenza whoami' takes no argument 'bob'. Run 'cadenza whoami --help' for usage.")]
    public async Task A_mistyped_command_line_is_one_line_with_a_suggestion_and_exit_2(string[] args, string expected)
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync(args);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StderrLines, Has.Length.EqualTo(1), result.ToString());
        Assert.That(result.Stderr, Does.StartWith(expected));
        Assert.That(result.Stderr, Does.Not.Contain("Required command was not provided"), "an unknown command is the problem, not a missing one");
        Assert.That(result.Stdout, Is.Empty);
        Assert.That(cli.Server.Requests, Is.Empty);
    }

    [TestCase("emulator")]
    [TestCase("demo")]
    public async Task Commands_without_a_server_or_session_file_do_not_list_those_options(string command)
    {
        using var cli = new CliRunner();

        var help = await cli.RunAsync(command, "--help");

        Assert.That(help.ExitCode, Is.EqualTo(0), help.ToString());
        Assert.That(help.Stdout, Does.Contain("--json"));
        Assert.That(help.Stdout, Does.Not.Contain("--base-url").And.Not.Contain("--session-file"));
    }

    [TestCase("emulator", "--base-url", "https://cadenza.test/")]
    [TestCase("demo", "--session-file", "/tmp/x.json")]
    public async Task Given_before_a_command_that_ignores_it_a_server_option_is_a_usage_error(string command, string option, string value)
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync(option, value, command);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.StartWith($"'{command}' does not use {option}."));
    }

    [TestCase("login", true, true)]
    [TestCase("status", true, true)]
    [TestCase("token", true, true)]
    [TestCase("logout", true, true)]
    [TestCase("signup", true, true)]
    [TestCase("recover", true, false)]
    public async Task Each_command_lists_the_server_options_it_uses(string command, bool baseUrl, bool sessionFile)
    {
        using var cli = new CliRunner();

        var help = await cli.RunAsync(command, "--help");

        Assert.That(help.Stdout.Contains("--base-url", StringComparison.Ordinal), Is.EqualTo(baseUrl), help.Stdout);
        Assert.That(help.Stdout.Contains("--session-file", StringComparison.Ordinal), Is.EqualTo(sessionFile), help.Stdout);
    }

    [Test]
    public async Task Server_options_still_work_before_the_command_name()
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync("--base-url", "https://cadenza.test/gateway", "recover", "--email", FakeCadenza.Email);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(cli.Server.Requests.Single().Uri.AbsoluteUri, Is.EqualTo("https://cadenza.test/gateway/api/v3/auth/recover"));
    }

    [Test]
    public async Task With_json_a_usage_error_is_one_json_object_on_standard_output()
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync("logni", "--json");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Is.Empty);
        var json = JObject.Parse(result.Stdout);
        Assert.That(json.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo(
            """{"ok":false,"error":{"status":null,"errno":null,"code":"USAGE","message":"Unknown command 'logni'. Did you mean 'login'? Run 'cadenza --help' for usage."}}"""));
    }

    [TestCase("logni", "login", 1)]
    [TestCase("login", "login", 0)]
    [TestCase("lgoin", "login", 1)]
    [TestCase("login", "logout", 3)]
    [TestCase("", "abc", 3)]
    public void Edit_distance_counts_a_swap_of_neighbours_as_one(string a, string b, int distance) =>
        Assert.That(TypoSuggestions.Distance(a, b), Is.EqualTo(distance));

    [Test]
    public void Nothing_close_means_no_suggestion() =>
        Assert.That(TypoSuggestions.For("deploy", ["login", "logout", "status"]), Is.Empty);
}
