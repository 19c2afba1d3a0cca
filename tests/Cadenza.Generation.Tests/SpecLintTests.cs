namespace Cadenza.Generation.Tests;

/// <summary>build/lint-spec.sh with build/redocly.yaml: the repository's spec passes; examples that break their schema, and warnings, fail.</summary>
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
        Assert.That(result.Output, Does.Contain("spec lint: OK — 0 errors, 0 warnings"));
    }

    [Test]
    public async Task An_example_that_does_not_match_its_schema_is_an_error()
    {
        var spec = _scripts.Write("spec.yaml", File.ReadAllText(_scripts.Spec).Replace("          expiresIn: 3600\n", "          expiresIn: an hour\n", StringComparison.Ordinal));

        var result = await _scripts.RunAsync("lint-spec.sh", spec);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.Output, Does.Contain("no-invalid-media-type-examples").Or.Contain("no-invalid-schema-examples"));
            Assert.That(result.Output, Does.Contain("spec lint: FAILED — 1 error(s), 0 warning(s)"));
        });
    }

    [Test]
    public async Task A_warning_fails_too()
    {
        // An operation without any 4xx response is a warning in Redocly's recommended rules.
        var spec = _scripts.Write("spec.yaml", File.ReadAllText(_scripts.Spec).Replace(
            "      responses:\n        '200':\n          description: Simple authentication response\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/AuthLogout200Response'\n        '401':\n          $ref: '#/components/responses/Unauthorized'\n",
            "      responses:\n        '200':\n          description: Simple authentication response\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/AuthLogout200Response'\n",
            StringComparison.Ordinal));

        var result = await _scripts.RunAsync("lint-spec.sh", spec);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.Output, Does.Contain("spec lint: FAILED — 0 error(s), 1 warning(s)"));
        });
    }
}
