using Cadenza.Tests.Shared;

namespace Cadenza.Generation.Tests;

/// <summary>
/// build/check-breaking.sh: Optic's verdict, acknowledgements that must name the change and give a reason, and a
/// tool failure that is not a verdict. The specs are openapi/cadenza.yaml cut down to its Authentication paths (with
/// every component): Optic takes ~4× longer on all 61 operations, and these tests are about the script, not the size.
/// </summary>
[Parallelizable(ParallelScope.All)]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public class BreakingCheckTests
{
    private BuildScripts _scripts = null!;
    private string _authentication = null!;
    private string _base = null!;

    [SetUp]
    public void CopyScripts()
    {
        _scripts = BuildScripts.Create();
        _authentication = SpecEdits.KeepOnlyPaths(Repository.ReadSpec(), "/api/v3/auth/");
        _base = _scripts.Write("released.yaml", _authentication);
    }

    [TearDown]
    public void DeleteCopy() => _scripts?.Dispose();

    [Test]
    public async Task A_renamed_field_fails_and_the_last_line_names_the_first_break()
    {
        var head = _scripts.Write("head.yaml", RenameRefreshToken(_authentication));

        var result = await _scripts.RunAsync("check-breaking.sh", "--base", _base, head);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.Output, Does.Contain("[prevent removing response property] cannot remove response property 'refreshToken'. This is a breaking change."), "Optic's own report is shown");
            Assert.That(result.Output, Does.Contain("NOT acknowledged: POST /api/v3/auth/token/refresh: cannot add a required request property 'refresh_token' to an existing operation"));
            Assert.That(BuildScripts.LastLine(result), Is.EqualTo($"breaking-change check: FAILED — breaking change vs {_base}: POST /api/v3/auth/login: cannot remove response property 'refreshToken' (and 3 more)"));
        });
    }

    [Test]
    public async Task Breaking_changes_listed_with_a_reason_pass()
    {
        var head = _scripts.Write("head.yaml", RenameRefreshToken(_authentication));
        var acks = _scripts.Write("acks.md", """
# Acknowledged

    - `POST /api/v3/auth/login: cannot remove response property 'refreshToken'` — an indented line is an example, not an entry
- `POST /api/v3/auth/login: cannot remove response property 'refreshToken'` — upstream renamed it; v4 ships the rename
- `POST /api/v3/auth/signup: cannot remove response property 'refreshToken'` — the same rename
- `POST /api/v3/auth/token/refresh: *` — the same rename, in the request too
""");

        var result = await _scripts.RunAsync("check-breaking.sh", "--base", _base, "--ack", acks, head);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.Output, Does.Contain("acknowledged: POST /api/v3/auth/login: cannot remove response property 'refreshToken' — upstream renamed it; v4 ships the rename"));
            Assert.That(result.Output, Does.Contain("acknowledged: POST /api/v3/auth/token/refresh: cannot add a required request property 'refresh_token' to an existing operation — the same rename, in the request too"));
            Assert.That(BuildScripts.LastLine(result), Is.EqualTo($"breaking-change check: OK — 4 breaking change(s) vs {_base}, all acknowledged in {Path.GetFileName(acks)}"));
        });
    }

    [Test]
    public async Task An_acknowledgement_without_a_reason_does_not_count()
    {
        var head = _scripts.Write("head.yaml", RenameRefreshToken(_authentication));
        var acks = _scripts.Write("acks.md", """
- `POST /api/v3/auth/login: cannot remove response property 'refreshToken'`
- `POST /api/v3/auth/signup: *` — the same rename
- `POST /api/v3/auth/token/refresh: *` — the same rename
""");

        var result = await _scripts.RunAsync("check-breaking.sh", "--base", _base, "--ack", acks, head);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.Output, Does.Contain("NOT acknowledged: POST /api/v3/auth/login: cannot remove response property 'refreshToken' (listed without a reason)"));
            Assert.That(BuildScripts.LastLine(result), Does.EndWith("POST /api/v3/auth/login: cannot remove response property 'refreshToken'"));
        });
    }

    [Test]
    public async Task A_new_operation_and_an_optional_field_do_not_break_callers()
    {
        var head = _scripts.Write("head.yaml", SpecEdits.AddIsAnonymousToAuthUser(AddListFactorsOperation(_authentication)));

        var result = await _scripts.RunAsync("check-breaking.sh", "--base", _base, head);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.Output, Does.Contain("GET /api/v3/auth/factors: added").And.Contain("properties/isAnonymous: added"));
            Assert.That(BuildScripts.LastLine(result), Is.EqualTo($"breaking-change check: OK — no breaking change vs {_base}"));
        });
    }

    [Test]
    public async Task A_spec_Optic_cannot_read_is_a_tool_failure_not_a_verdict()
    {
        var head = _scripts.Write("head.yaml", "openapi: 3.0.3\npaths: [\n");

        var result = await _scripts.RunAsync("check-breaking.sh", "--base", _base, head);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), "2 = the check could not run: " + result);
            Assert.That(BuildScripts.LastLine(result), Does.StartWith("breaking-change check: FAILED — Optic could not compare the specs"));
        });
    }

    /// <summary>Renames refreshToken to refresh_token in AuthSession and AuthRefreshTokenRequest (openapi/cadenza.yaml's style): breaks every caller.</summary>
    private static string RenameRefreshToken(string spec) =>
        SpecEdits.Replace(
            SpecEdits.Replace(spec, "        refreshToken:\n          description: Refresh token", "        refresh_token:\n          description: Refresh token", count: 2),
            "      required:\n        - refreshToken\n", "      required:\n        - refresh_token\n", count: 1);

    /// <summary>A new bearer operation, GET /api/v3/auth/factors, at the end of the paths (openapi/cadenza.yaml's style).</summary>
    private static string AddListFactorsOperation(string spec) =>
        SpecEdits.InsertBefore(spec, "components:\n", """
  /api/v3/auth/factors:
    get:
      description: The multi-factor authentication factors of the current user
      operationId: authListFactors
      responses:
        '200':
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/BaseResponse'
          description: The user's factors
        '401':
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/BaseResponse'
          description: Unauthorized - Authentication required
      summary: List the user's MFA factors
      tags:
        - Authentication

""");
}
