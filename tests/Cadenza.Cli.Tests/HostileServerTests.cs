using System.Text.RegularExpressions;
using Cadenza.Cli.Tests.Support;
using Cadenza.Tests.Shared;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cadenza.Cli.Tests;

/// <summary>
/// The command line against Prism in dynamic mode (random, schema-valid answers; five requests in eight ask for an
/// error status, 400, 401, 403, 429 or 500, which Prism answers with a 404 problem document where the spec declares
/// none such for the operation):
/// login, whoami, status, token, refresh, signup and logout, with and without <c>--json</c>, several rounds. Each
/// run must exit 0 or 1 (these command lines are valid, so never 2), print no stack trace or exception type, print
/// exactly one JSON object with <c>--json</c>, never print the password, and print a token only from <c>token</c>.
/// </summary>
public class HostileServerTests
{
    private const string Password = "hostile-Pa55word-q7Xk";
    private static readonly int Rounds = int.Parse(Environment.GetEnvironmentVariable("CADENZA_HOSTILE_ROUNDS") ?? "8", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly int?[] Statuses = [null, null, null, 400, 401, 403, 429, 500];
    private static readonly Regex StackTraceLine = new(@"^\s+at \S", RegexOptions.Multiline);
    private static readonly Regex ExceptionName = new(@"\b\w*Exception\b");

    private static readonly string[][] Commands =
    [
        ["login", "--email", FakeCadenza.Email, "--password-stdin"],
        ["whoami"],
        ["status"],
        ["token"],
        ["refresh"],
        ["signup", "--email", FakeCadenza.Email, "--password-stdin"],
        ["whoami"],
        ["token"],
        ["logout"],
    ];

    private PrismServer _prism = null!;

    [OneTimeSetUp]
    public async Task StartPrismAsync() => _prism = await PrismServer.StartAsync(Repository.Spec, dynamic: true);

    [OneTimeTearDown]
    public void StopPrism() => _prism?.Dispose();

    [Test]
    public async Task Every_command_exits_with_a_documented_code_and_clean_output_whatever_the_server_answers()
    {
        var seed = Random.Shared.Next();
        var random = new Random(seed);
        using var answers = new HostileAnswers { ChooseStatus = _ => Statuses[random.Next(Statuses.Length)] };
        using var runner = new CliRunner { Transport = answers, Clock = TimeProvider.System };
        runner.Environment["CADENZA_BASE_URL"] = _prism.BaseAddress.AbsoluteUri;
        var findings = new List<string>();
        var runs = 0;

        async Task<CliResult> Run(string[] args)
        {
            var served = answers.Answers.Count;
            var result = await runner.RunWithStdinAsync(Password + "\n", args);
            runs++;
            foreach (var problem in Problems(result, args.Contains("--json"), args[0], answers))
            {
                findings.Add($"cadenza {string.Join(' ', args)}: {problem}\n  {result.ToString().Replace("\n", "\n  ", StringComparison.Ordinal)}\n  served:\n    "
                    + string.Join("\n    ", answers.Answers.Skip(served)));
            }

            return result;
        }

        for (var round = 0; round < Rounds; round++)
        {
            foreach (var json in new[] { false, true })
            {
                foreach (var command in Commands)
                {
                    string[] args = json ? [.. command, "--json"] : command;
                    var result = await Run(args);
                    // Most random login answers fail: try again a few times, so that most commands after it have a session.
                    for (var attempt = 1; command[0] == "login" && result.ExitCode != 0 && attempt < 4; attempt++)
                    {
                        result = await Run(args);
                    }
                }
            }
        }

        TestContext.Out.WriteLine($"{runs} runs, {answers.Answers.Count} answers, seed {seed} for the statuses asked for");
        Assert.That(answers.Tokens, Is.Not.Empty, "Prism served no token at all: the secrets check would have checked nothing.");
        Assert.That(findings, Is.Empty, $"seed {seed}; {findings.Count} of {runs} runs:\n" + string.Join("\n", findings));
    }

    private static IEnumerable<string> Problems(CliResult result, bool json, string command, HostileAnswers answers)
    {
        var output = result.Stdout + result.Stderr;
        if (result.ExitCode is not (0 or 1))
        {
            yield return $"exit code {result.ExitCode}";
        }

        if (StackTraceLine.IsMatch(output) || ExceptionName.Match(output) is { Success: true })
        {
            yield return "a stack trace or an exception type in the output";
        }

        foreach (var secret in answers.SecretsIn(result.Stderr, Password).Concat(answers.SecretsIn(result.Stdout, allowAccessTokens: command == "token", Password)))
        {
            yield return $"prints the secret '{secret}'";
        }

        if (json && JsonProblem(result) is { } problem)
        {
            yield return problem;
        }
    }

    private static string? JsonProblem(CliResult result)
    {
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length != 1)
        {
            return $"--json printed {lines.Length} lines on standard output, not one";
        }

        try
        {
            var ok = JObject.Parse(lines[0])["ok"];
            return ok?.Type == JTokenType.Boolean && (bool)ok == (result.ExitCode == 0) ? null : "--json: \"ok\" does not match the exit code";
        }
        catch (JsonReaderException e)
        {
            return "--json printed no single JSON object: " + e.Message;
        }
    }
}
