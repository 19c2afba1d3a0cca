using Cadenza.Tests.Shared;
using Newtonsoft.Json.Linq;

namespace Cadenza.Generation.Tests;

/// <summary>
/// build/import-spec.sh on a scratch copy: an upstream revision goes in verbatim and comes out by the import rules
/// (each visible in the result); --check guards openapi/cadenza.yaml against hand edits; bad input, a refusing rule
/// and a failing tool exit 1 and write nothing; a breaking revision is written and exits 2.
/// </summary>
[Parallelizable(ParallelScope.All)]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public class SpecImportTests
{
    private BuildScripts _scripts = null!;

    [SetUp]
    public void CopyScripts() => _scripts = BuildScripts.Create();

    [TearDown]
    public void DeleteCopy() => _scripts?.Dispose();

    [Test]
    public async Task Check_passes_on_the_repository_as_checked_in()
    {
        var result = await _scripts.RunAsync("import-spec.sh", "--check");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(BuildScripts.LastLine(result), Does.StartWith("spec import check: OK — openapi/cadenza.yaml is exactly what the import rules make of"));
    }

    [Test]
    public async Task Check_fails_after_a_hand_edit_of_the_spec_and_says_why_in_one_line()
    {
        var edited = SpecEdits.Replace(File.ReadAllText(_scripts.Spec), "  title: Algo724 Cadenza Fermata API\n", "  title: Our Cadenza API\n", count: 1);
        File.WriteAllText(_scripts.Spec, edited);

        var result = await _scripts.RunAsync("import-spec.sh", "--check");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.Output, Does.Contain("-  title: Our Cadenza API"), "the diff shows the hand edit");
            Assert.That(BuildScripts.LastLine(result), Is.EqualTo("spec import: FAILED — openapi/cadenza.yaml differs from the import of openapi/upstream/cadenza-v3.yaml (above, first 40 lines): never edit it by hand; run build/import-spec.sh"));
            Assert.That(File.ReadAllText(_scripts.Spec), Is.EqualTo(edited), "--check writes nothing");
        });
    }

    [Test]
    public async Task A_new_upstream_revision_goes_in_verbatim_and_comes_out_by_every_rule()
    {
        var revision = SpecEdits.AddIsAnonymousToAuthUser(SpecEdits.AddRiskLimitsOperation(File.ReadAllText(_scripts.Upstream)));
        var path = _scripts.Write("upstream.yaml", revision);

        var result = await _scripts.RunAsync("import-spec.sh", path);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.Output, Does.Contain("spec lint: OK — 0 errors, 0 warnings").And.Contain("breaking-change check: OK — no breaking change vs the previous openapi/cadenza.yaml"));
            Assert.That(result.Output, Does.Contain("Wrote openapi/upstream/cadenza-v3.yaml (verbatim) and openapi/cadenza.yaml: 62 REST operations of 63"));
            Assert.That(BuildScripts.LastLine(result), Is.EqualTo("spec import: OK — next: dotnet build, then build/update-public-api.sh"));
            Assert.That(File.ReadAllText(_scripts.Upstream), Is.EqualTo(revision), "the upstream document is checked in verbatim");
        });
        AssertEveryRuleApplied(YamlTree.Load(path), YamlTree.Load(_scripts.Spec));
    }

    [TestCase(null, "Optic is not installed", TestName = "A missing Optic is a tool failure: exit 1, nothing written")]
    [TestCase("#!/bin/sh\necho 'optic: internal error: cannot load the spec parser' >&2\nexit 1\n", "Optic could not compare the specs (exit 1", TestName = "A crashing Optic is a tool failure: exit 1, nothing written")]
    public async Task A_tool_failure_is_not_a_breaking_change(string? optic, string reason)
    {
        _scripts.ReplaceOptic(optic);
        var spec = File.ReadAllText(_scripts.Spec);
        var upstream = File.ReadAllText(_scripts.Upstream);

        var result = await _scripts.RunAsync("import-spec.sh", _scripts.Write("upstream.yaml", SpecEdits.AddIsAnonymousToAuthUser(upstream)));

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.Output, Does.Contain("breaking-change check: FAILED — " + reason));
            Assert.That(result.Output, Does.Not.Contain("BREAKS EXISTING CALLERS"));
            Assert.That(BuildScripts.LastLine(result), Is.EqualTo("spec import: FAILED — the breaking-change check could not run (see above); nothing was written"));
            Assert.That(File.ReadAllText(_scripts.Spec), Is.EqualTo(spec));
            Assert.That(File.ReadAllText(_scripts.Upstream), Is.EqualTo(upstream));
        });
    }

    [Test]
    public async Task A_document_without_a_REST_operation_is_refused_and_nothing_is_written()
    {
        var spec = File.ReadAllText(_scripts.Spec);
        var path = _scripts.Write("websocket-only.yaml", SpecEdits.KeepOnlyPaths(File.ReadAllText(_scripts.Upstream), "/connection/websocket"));

        var result = await _scripts.RunAsync("import-spec.sh", path);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(BuildScripts.LastLine(result), Is.EqualTo($"spec import: FAILED — {path} has no REST operation"));
            Assert.That(File.ReadAllText(_scripts.Spec), Is.EqualTo(spec));
        });
    }

    [Test]
    public async Task A_rule_that_refuses_stops_the_import_with_its_reason_and_nothing_is_written()
    {
        var spec = File.ReadAllText(_scripts.Spec);
        var path = _scripts.Write("upstream.yaml", SpecEdits.AddSchemaNamedLikeAuthUser(File.ReadAllText(_scripts.Upstream)));

        var result = await _scripts.RunAsync("import-spec.sh", path);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(BuildScripts.LastLine(result), Is.EqualTo($"spec import: FAILED — an import rule refused {path}: schemas 'authUser' and 'auth_user' would both be named 'AuthUser'"));
            Assert.That(File.ReadAllText(_scripts.Spec), Is.EqualTo(spec));
        });
    }

    [Test]
    public async Task A_file_that_does_not_exist_is_refused_in_one_line()
    {
        var result = await _scripts.RunAsync("import-spec.sh", "no-such-upstream.yaml");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Output.TrimEnd(), Is.EqualTo("spec import: FAILED — no such file: no-such-upstream.yaml"));
    }

    /// <summary>The done-when: the seed's upstream, then the newest again, each imported as documented.</summary>
    [Test]
    public async Task Importing_the_January_then_the_May_upstream_brings_back_the_checked_in_spec_byte_for_byte()
    {
        var january = UpstreamDocuments.Path("cadenza-v3-2026-01-27.yaml");
        var may = UpstreamDocuments.Path("cadenza-v3-2026-05-09.yaml");

        var first = await _scripts.RunAsync("import-spec.sh", january);
        var januaryUpstream = File.ReadAllBytes(_scripts.Upstream);
        var second = await _scripts.RunAsync("import-spec.sh", may);

        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.EqualTo(2), "the January document removes operations the May one has: " + first);
            Assert.That(BuildScripts.LastLine(first), Does.StartWith("spec import: DONE, BUT IT BREAKS EXISTING CALLERS"));
            Assert.That(januaryUpstream, Is.EqualTo(File.ReadAllBytes(january)), "written even so, for review");
            Assert.That(second.ExitCode, Is.EqualTo(0).Or.EqualTo(2), second.ToString());
            Assert.That(BuildScripts.LastLine(second), Does.StartWith("spec import: OK").Or.StartWith("spec import: DONE, BUT IT BREAKS EXISTING CALLERS"));
            Assert.That(File.ReadAllBytes(_scripts.Upstream), Is.EqualTo(File.ReadAllBytes(Repository.Combine("openapi", "upstream", "cadenza-v3.yaml"))));
            Assert.That(File.ReadAllBytes(_scripts.Spec), Is.EqualTo(File.ReadAllBytes(Repository.Spec)), "openapi/cadenza.yaml, byte for byte");
        });
    }

    private static void AssertEveryRuleApplied(JObject upstream, JObject imported)
    {
        var schemas = ((JObject)imported["components"]!["schemas"]!).Properties().Select(p => p.Name).ToList();
        var tags = ((JArray)imported["tags"]!).Cast<JObject>().ToDictionary(t => (string)t["name"]!, t => (string?)t["x-displayName"]);
        var riskLimits = imported["paths"]!["/api/v3/risk/limit/list"]!["get"]!;
        var stringEnums = imported.Objects().Where(o => o["enum"] is JArray && (string?)o["type"] == "string").ToList();

        Assert.Multiple(() =>
        {
            // websocket-out-of-paths: the WebSocket "operation" leaves paths for x-websocket-api; its schemas stay.
            Assert.That(upstream["paths"]!["/connection/websocket"], Is.Not.Null, "the test's premise");
            Assert.That(imported["paths"]!["/connection/websocket"], Is.Null);
            Assert.That(imported["x-websocket-api"]?["/connection/websocket"]?["post"]?["operationId"]?.ToString(), Is.EqualTo("websocketConnect"));
            Assert.That(schemas, Does.Contain("WsRPCRequest").And.Contain("WsRPCResult").And.Contain("WsMarketOrderBookUpdate").And.Contain("RpcHealthCheckResult"));

            // open-undiscriminated-oneof: no oneOf without a discriminator is left; wsRPCRequest_data is an open object naming its alternatives.
            Assert.That(upstream.Schema("wsRPCRequest_data")["oneOf"], Is.Not.Null, "the test's premise");
            Assert.That(imported.Objects().Where(o => o["oneOf"] != null && o["discriminator"] == null), Is.Empty);
            var requestData = imported.Schema("WsRPCRequestData");
            Assert.That((string?)requestData["type"], Is.EqualTo("object"));
            Assert.That(requestData["additionalProperties"], Is.InstanceOf<JObject>().And.Empty);
            Assert.That((string?)requestData["description"], Does.Contain("One of (not told apart on the wire, so not typed here): rpcGetSystemInfoParams, rpcHealthCheckParams"));

            // free-form-objects-as-dictionaries: `additionalProperties: true` becomes `{}`.
            Assert.That((string?)upstream.Schema("authUser")["properties"]!["userMetadata"]!["additionalProperties"], Is.EqualTo("true"), "the test's premise");
            Assert.That(imported.Schema("AuthUser")["properties"]!["userMetadata"]!["additionalProperties"], Is.InstanceOf<JObject>().And.Empty);

            // required-properties-defined: tradeOrder requires cost and filled, which it does not define.
            Assert.That(upstream.Schema("tradeOrder")["required"]!.Values<string>(), Does.Contain("cost").And.Contain("filled"), "the test's premise");
            Assert.That(imported.Schema("TradeOrder")["required"]!.Values<string>(), Does.Not.Contain("cost").And.Not.Contain("filled").And.Contain("tradeOrderId"));

            // pascal-case-schema-names: keys and every $ref, the new schemas included.
            Assert.That(schemas, Does.Contain("ListRiskLimits200Response").And.Contain("RiskLimit").And.Contain("AuthSignup200Response").And.Contain("BaseResponseDetails"));
            Assert.That(schemas.Where(name => name.Contains('_') || char.IsLower(name[0])), Is.Empty);
            Assert.That(schemas, Has.Count.EqualTo(((JObject)upstream["components"]!["schemas"]!).Count), "no schema lost");
            Assert.That((string?)riskLimits["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"], Is.EqualTo("#/components/schemas/ListRiskLimits200Response"));
            Assert.That(imported.Objects().Select(o => (string?)o["$ref"]).Where(r => r != null && r.Contains('_')), Is.Empty);

            // pascal-case-tags: no spaces; the original is the display name; operations follow.
            Assert.That(tags, Does.ContainKey("RiskLimits").WithValue("Risk Limits").And.ContainKey("TradingAccountPortfolio").WithValue("Trading Account Portfolio"));
            Assert.That(tags.Keys.Where(name => name.Contains(' ')), Is.Empty);
            Assert.That(riskLimits["tags"]!.Values<string>(), Is.EqualTo(new[] { "RiskLimits" }));

            // enum-member-names: every string enum has x-enumNames, one per value.
            Assert.That(stringEnums, Is.Not.Empty);
            Assert.That(stringEnums.Where(o => (o["x-enumNames"] as JArray)?.Count != ((JArray)o["enum"]!).Count), Is.Empty);
            Assert.That(imported.Schema("Venue")["x-enumNames"]!.Values<string>(), Does.Contain("Binance").And.Contain("BinanceUat").And.Contain("B2C2"));

            // drop-invalid-examples: the examples that break their schema go (upstream's and the new one), valid ones stay.
            Assert.That(upstream.Schema("riskLimit")["example"], Is.Not.Null, "the test's premise");
            Assert.That(imported.Schema("RiskLimit")["example"], Is.Null, "maxNotional: 'a lot' is not a number");
            Assert.That(imported.Schema("AuthUser")["example"], Is.Null, "email: 'email' is not an email");
            Assert.That(imported.Schema("BaseResponse")["example"], Is.Not.Null);

            // And the new field is there.
            Assert.That((string?)imported.Schema("AuthUser")["properties"]!["isAnonymous"]!["type"], Is.EqualTo("boolean"));
        });
    }
}
