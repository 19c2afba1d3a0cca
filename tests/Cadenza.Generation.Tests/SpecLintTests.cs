using Cadenza.Tests.Shared;

namespace Cadenza.Generation.Tests;

/// <summary>build/lint-spec.sh with build/redocly.yaml: the repository's spec passes; examples that break their schema, and warnings, fail.</summary>
[Parallelizable(ParallelScope.All)]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public class SpecLintTests
{
    private BuildScripts _scripts = null!;

    [SetUp]
    public void CopyScripts() => _scripts = BuildScripts.Create();

    [TearDown]
    public void DeleteCopy() => _scripts?.Dispose();

    [Test]
    public async Task The_spec_has_no_errors_and_no_warnings()
    {
        var result = await _scripts.RunAsync("lint-spec.sh");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(BuildScripts.LastLine(result), Does.StartWith("spec lint: OK — 0 errors, 0 warnings (openapi/cadenza.yaml, Redocly "));
    }

    [Test]
    public async Task An_example_that_does_not_match_its_schema_is_an_error()
    {
        // AuthSession.expiresIn is an integer.
        var spec = _scripts.Write("spec.yaml", SpecEdits.Replace(Repository.ReadSpec(),
            "        expiresIn:\n          description: Token expiry in seconds\n          example: 3600\n",
            "        expiresIn:\n          description: Token expiry in seconds\n          example: an hour\n", count: 1));

        var result = await _scripts.RunAsync("lint-spec.sh", spec);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.Output, Does.Contain("no-invalid-schema-examples"));
            Assert.That(BuildScripts.LastLine(result), Is.EqualTo("spec lint: FAILED — 1 error(s), 0 warning(s), 0 ignored (spec.yaml)"));
        });
    }

    [Test]
    public async Task A_warning_fails_too()
    {
        // Without its 400 answer, the health check has no 4xx response: a warning in Redocly's recommended rules.
        const string Ok = "          description: Health check response with system status (200 = healthy, 503 = unhealthy)\n";
        const string BadRequest = "        '400':\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/BaseResponse'\n          description: Bad request\n";
        var spec = _scripts.Write("spec.yaml", SpecEdits.Replace(Repository.ReadSpec(), Ok + BadRequest + "        '503':\n", Ok + "        '503':\n", count: 1));

        var result = await _scripts.RunAsync("lint-spec.sh", spec);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.Output, Does.Contain("operation-4xx-response"));
            Assert.That(BuildScripts.LastLine(result), Is.EqualTo("spec lint: FAILED — 0 error(s), 1 warning(s), 0 ignored (spec.yaml)"));
        });
    }
}
