using Cadenza.Tests.Shared;

namespace Cadenza.Generation.Tests;

/// <summary>build/check-breaking.sh: Optic's verdict, and acknowledgements that must name the change and give a reason.</summary>
public class BreakingCheckTests
{
    private BuildScripts _scripts = null!;
    private string _base = null!;

    [SetUp]
    public void CopyScripts()
    {
        _scripts = BuildScripts.Create();
        _base = _scripts.Write("released.yaml", Repository.ReadSpec());
    }

    [TearDown]
    public void DeleteCopy() => _scripts?.Dispose();

    [Test]
    public async Task A_renamed_response_field_fails_and_the_last_line_names_it()
    {
        var head = _scripts.Write("head.yaml", SpecEdits.RenameRefreshToken(Repository.ReadSpec()));

        var result = await _scripts.RunAsync("check-breaking.sh", "--base", _base, head);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.Output, Does.Contain("[prevent removing response property] cannot remove response property 'refreshToken'. This is a breaking change."), "Optic's own report is shown");
            Assert.That(LastLine(result), Is.EqualTo($"breaking-change check: FAILED — breaking change vs {_base}: POST /api/v3/auth/login: cannot remove response property 'refreshToken' (and 2 more)"));
        });
    }

    [Test]
    public async Task Breaking_changes_listed_with_a_reason_pass()
    {
        var head = _scripts.Write("head.yaml", SpecEdits.RenameRefreshToken(Repository.ReadSpec()));
        var acks = _scripts.Write("acks.md", """
# Acknowledged

    - `POST /api/v3/auth/login: cannot remove response property 'refreshToken'` — an indented line is an example, not an entry
- `POST /api/v3/auth/login: cannot remove response property 'refreshToken'` — upstream renamed it; v4 ships the rename
- `POST /api/v3/auth/token/refresh: *` — the same rename
""");

        var result = await _scripts.RunAsync("check-breaking.sh", "--base", _base, "--ack", acks, head);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.Output, Does.Contain("acknowledged: POST /api/v3/auth/login: cannot remove response property 'refreshToken' — upstream renamed it; v4 ships the rename"));
            Assert.That(LastLine(result), Does.StartWith("breaking-change check: OK — 3 breaking change(s) vs "));
        });
    }

    [Test]
    public async Task An_acknowledgement_without_a_reason_does_not_count()
    {
        var head = _scripts.Write("head.yaml", SpecEdits.RenameRefreshToken(Repository.ReadSpec()));
        var acks = _scripts.Write("acks.md", """
- `POST /api/v3/auth/login: cannot remove response property 'refreshToken'`
- `POST /api/v3/auth/token/refresh: *` — the same rename
""");

        var result = await _scripts.RunAsync("check-breaking.sh", "--base", _base, "--ack", acks, head);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.Output, Does.Contain("NOT acknowledged: POST /api/v3/auth/login: cannot remove response property 'refreshToken' (listed without a reason)"));
        });
    }

    [Test]
    public async Task A_new_operation_and_an_optional_field_do_not_break_callers()
    {
        var head = _scripts.Write("head.yaml", SpecEdits.AddIsAnonymousToAuthUser(SpecEdits.AddListFactorsOperation(Repository.ReadSpec())));

        var result = await _scripts.RunAsync("check-breaking.sh", "--base", _base, head);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.Output, Does.Contain("GET /api/v3/auth/factors: added"));
            Assert.That(LastLine(result), Is.EqualTo($"breaking-change check: OK — no breaking change vs {_base}"));
        });
    }

    [Test]
    public async Task A_spec_Optic_cannot_read_fails_the_check()
    {
        var head = _scripts.Write("head.yaml", "openapi: 3.0.3\npaths: [\n");

        var result = await _scripts.RunAsync("check-breaking.sh", "--base", _base, head);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(LastLine(result), Does.StartWith("breaking-change check: FAILED — Optic could not compare the specs"));
        });
    }

    private static string LastLine(ChildProcess.Result result) => result.Output.TrimEnd().Split('\n')[^1];
}
