using System.Collections;
using Cadenza.Tests.Shared;

namespace Cadenza.Generation.Tests;

/// <summary>
/// The README's adopt-an-upstream-revision loop, for real, on a scratch copy of the generation setup: import an
/// upstream document with a new tag and operation, a new model field, a renamed tag and a new enum value → a build
/// on CI (CI=true) fails on the undeclared API, a local build passes with warnings naming it, with no C# edit → the
/// one command (build/update-public-api.sh) updates PublicAPI.Unshipped.txt → the CI build passes without generating
/// again → the compiled assembly has the new API, and the session authenticates the new client.
/// Builds target net8.0 only, to keep this quick; the listing command builds both target frameworks.
/// </summary>
public class RegenerationLoopTests
{
    private const string NewClientMethod = "virtual Cadenza.Client.RiskLimitsClient.ListRiskLimitsAsync(System.Threading.CancellationToken cancellationToken = default(System.Threading.CancellationToken)) -> System.Threading.Tasks.Task<Cadenza.Client.ListRiskLimits200Response!>!";
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(10);

    private BuildScripts _copy = null!;
    private ChildProcess.Result _import = null!;
    private ChildProcess.Result _ciBuild = null!;
    private ChildProcess.Result _localBuild = null!;
    private ChildProcess.Result _listingUpdate = null!;
    private ChildProcess.Result _ciBuildAfterUpdate = null!;
    private string[] _unshippedBefore = null!;
    private string[] _unshippedAfter = null!;

    private string ClientProject => Path.Combine(_copy.Root, "src", "Cadenza.Client", "Cadenza.Client.csproj");

    private string Unshipped => Path.Combine(_copy.Root, "src", "Cadenza.Client", "PublicAPI.Unshipped.txt");

    [OneTimeSetUp]
    public async Task ImportAnUpstreamRevisionAndRunTheLoopAsync()
    {
        _copy = BuildScripts.Create();
        _copy.AddClientProject();
        var revision = SpecEdits.AddRiskLimitsOperation(File.ReadAllText(_copy.Upstream));
        revision = SpecEdits.AddKrakenVenue(SpecEdits.RenameMarketSubscriptionTag(SpecEdits.AddIsAnonymousToAuthUser(revision)));
        _import = await _copy.RunAsync("import-spec.sh", [_copy.Write("upstream.yaml", revision)], Steps(ci: false));
        if (_import.ExitCode is not (0 or 2))
        {
            Assert.Fail("The import failed, so the loop cannot run: " + _import);
        }

        _unshippedBefore = await File.ReadAllLinesAsync(Unshipped);
        _ciBuild = await BuildAsync(ci: true);  // a fresh clone on CI: generates, then fails on the undeclared API
        _localBuild = await BuildAsync(ci: false);
        _listingUpdate = await _copy.RunAsync("update-public-api.sh", [], Steps(ci: false));
        _unshippedAfter = await File.ReadAllLinesAsync(Unshipped);
        _ciBuildAfterUpdate = await BuildAsync(ci: true, "-p:CopyLocalLockFileAssemblies=true");  // the dependencies next to the dll, to load it
    }

    [OneTimeTearDown]
    public void DeleteTheCopy()
    {
        if (TestContext.CurrentContext.Result.FailCount == 0)
        {
            _copy?.Dispose();
        }
        else if (_copy != null)
        {
            TestContext.Progress.WriteLine($"RegenerationLoopTests: the scratch copy is kept for inspection at {_copy.Root}");
        }
    }

    [Test]
    public void The_import_reports_the_new_enum_value_as_a_break_and_writes_the_spec()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_import.ExitCode, Is.EqualTo(2), "a new value of a response enum breaks strict callers (ours read it as Unrecognized): " + _import);
            Assert.That(_import.Output, Does.Contain("NOT acknowledged: GET /api/v3/market/ticker/get: cannot add enum option 'KRAKEN' from 'venue' property"));
            Assert.That(File.ReadAllText(_copy.Spec), Does.Contain("  /api/v3/risk/limit/list:\n").And.Contain("    name: MarketDataSubscription\n"));
        });
    }

    [Test]
    public void On_CI_the_build_regenerates_and_fails_on_the_undeclared_API()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_ciBuild.Output, Does.Contain("Cadenza: generating the client from"), _ciBuild.ToString());
            Assert.That(_ciBuild.ExitCode, Is.Not.Zero, "CI=true: an API change does not build until the listing says so");
            Assert.That(_ciBuild.Output, Does.Contain($"error RS0016: Symbol '{NewClientMethod}' is not part of the declared public API"));
            Assert.That(_ciBuild.Output, Does.Contain("error RS0017: Symbol 'Cadenza.Client.MarketSubscriptionClient' is part of the declared API, but is either not public or could not be found"));
            Assert.That(_ciBuild.Output, Does.Not.Contain("error CS"), "the generated code compiles with no C# edit");
        });
    }

    [Test]
    public void Locally_the_same_build_passes_with_warnings_that_name_the_new_API()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_localBuild.ExitCode, Is.Zero, _localBuild.ToString());
            Assert.That(_localBuild.Output, Does.Contain($"warning RS0016: Symbol '{NewClientMethod}' is not part of the declared public API"));
            Assert.That(_localBuild.Output, Does.Contain("warning RS0016: Symbol 'Cadenza.Client.AuthUser.IsAnonymous.get -> bool?'")
                .And.Contain("warning RS0016: Symbol 'Cadenza.Client.Venue.Kraken = 26 -> Cadenza.Client.Venue'")
                .And.Contain("warning RS0016: Symbol 'Cadenza.Client.MarketDataSubscriptionClient'")
                .And.Contain("warning RS0017: Symbol 'Cadenza.Client.MarketSubscriptionClient'"));
            Assert.That(_localBuild.Output, Does.Not.Contain("error "));
        });
    }

    [Test]
    public void The_listing_command_records_the_API_change_in_PublicAPI_Unshipped()
    {
        var added = _unshippedAfter.Except(_unshippedBefore).ToList();
        var removed = _unshippedBefore.Except(_unshippedAfter).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(_listingUpdate.ExitCode, Is.Zero, _listingUpdate.ToString());
            Assert.That(BuildScripts.LastLine(_listingUpdate), Is.EqualTo($"public API listing: updated — {added.Count} line(s) added, {removed.Count} removed in src/Cadenza.Client/PublicAPI.Unshipped.txt (review with git diff)"));
            Assert.That(added, Does.Contain(NewClientMethod)
                .And.Contain("Cadenza.Client.RiskLimitsClient.RiskLimitsClient(System.Net.Http.HttpClient! httpClient) -> void")
                .And.Contain("Cadenza.Client.ListRiskLimits200Response.Data.get -> System.Collections.Generic.ICollection<Cadenza.Client.RiskLimit!>?")
                .And.Contain("Cadenza.Client.RiskLimit.MaxNotional.get -> double?")
                .And.Contain("Cadenza.Client.AuthUser.IsAnonymous.get -> bool?")
                .And.Contain("Cadenza.Client.Venue.Kraken = 26 -> Cadenza.Client.Venue")
                .And.Contain("Cadenza.Client.MarketDataSubscriptionClient"));
            Assert.That(removed, Does.Contain("Cadenza.Client.MarketSubscriptionClient")
                .And.Contain("virtual Cadenza.Client.MarketSubscriptionClient.SubscribeMarketOrderBookAsync(Cadenza.Client.SubscribeMarketOrderBookRequest? body = null, System.Threading.CancellationToken cancellationToken = default(System.Threading.CancellationToken)) -> System.Threading.Tasks.Task<Cadenza.Client.SubscribeTradingAccount200Response!>!"));
            Assert.That(_unshippedAfter.Where(line => line.Contains("MarketSubscriptionClient", StringComparison.Ordinal)), Is.Empty, "nothing was shipped, so a removal just loses its line");
            Assert.That(_unshippedAfter[0], Is.EqualTo("#nullable enable"));
            Assert.That(_unshippedAfter.Skip(1), Is.Ordered.Using((IComparer)StringComparer.OrdinalIgnoreCase), "in the analyzer's code-fix order");
        });
    }

    [Test]
    public void On_CI_the_next_build_passes_without_generating_again()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_ciBuildAfterUpdate.ExitCode, Is.Zero, _ciBuildAfterUpdate.ToString());
            Assert.That(_ciBuildAfterUpdate.Output, Does.Not.Contain("Cadenza: generating"), "an unchanged spec does not regenerate");
            Assert.That(_ciBuildAfterUpdate.Output, Does.Not.Contain("RS0016").And.Not.Contain("RS0017"));
        });
    }

    [Test]
    public void The_compiled_assembly_has_the_new_client_field_enum_value_and_renamed_client()
    {
        using var assembly = LoadBuiltAssembly();
        var listRiskLimits = assembly.Type("RiskLimitsClient").GetMethod("ListRiskLimitsAsync", [typeof(CancellationToken)]);

        Assert.Multiple(() =>
        {
            Assert.That(listRiskLimits?.ReturnType.ToString(), Is.EqualTo("System.Threading.Tasks.Task`1[Cadenza.Client.ListRiskLimits200Response]"));
            Assert.That(listRiskLimits?.IsVirtual, Is.True);
            Assert.That(assembly.Type("AuthUser").GetProperty("IsAnonymous")?.PropertyType, Is.EqualTo(typeof(bool?)));
            Assert.That(Enum.GetNames(assembly.Type("Venue")), Does.Contain("Kraken").And.Contain("Binance").And.Contain("Unrecognized"));
            Assert.That(assembly.Client.GetType("Cadenza.Client.MarketDataSubscriptionClient"), Is.Not.Null);
            Assert.That(assembly.Client.GetType("Cadenza.Client.MarketSubscriptionClient"), Is.Null);
        });
    }

    [Test]
    public async Task The_session_authenticates_the_new_client_and_not_the_anonymous_operations()
    {
        using var assembly = LoadBuiltAssembly();
        var accessToken = "regenerate-loop-" + Guid.NewGuid().ToString("N");
        using var transport = new RecordingTransport(accessToken);
        var options = assembly.Create("CadenzaSessionOptions");
        options.GetType().GetProperty("BaseAddress")!.SetValue(options, new Uri("https://cadenza.test/"));
        using var session = (IDisposable)assembly.Create("CadenzaSession", options, transport);

        await RegeneratedAssembly.CallAsync(session, "LoginAsync", "trader@example.com", "correct horse battery staple", CancellationToken.None);
        var http = (HttpClient)RegeneratedAssembly.Get(session, "HttpClient")!;
        var riskLimits = await RegeneratedAssembly.CallAsync(assembly.Create("RiskLimitsClient", http), "ListRiskLimitsAsync", CancellationToken.None);
        await RegeneratedAssembly.CallAsync(assembly.Create("UtilityClient", http), "HealthAsync", CancellationToken.None);

        var limit = ((IEnumerable)RegeneratedAssembly.Get(riskLimits!, "Data")!).Cast<object>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(transport.Requests, Is.EqualTo(new[]
            {
                ("POST /api/v3/auth/login", (string?)null),
                ("GET /api/v3/risk/limit/list", "Bearer " + accessToken),
                ("GET /api/v3/health", null),
            }));
            Assert.That(RegeneratedAssembly.Get(limit, "Venue")?.ToString(), Is.EqualTo("Kraken"));
            Assert.That(RegeneratedAssembly.Get(limit, "MaxNotional"), Is.EqualTo(250000.5));
        });
    }

    private RegeneratedAssembly LoadBuiltAssembly()
    {
        Assume.That(_ciBuildAfterUpdate.ExitCode, Is.Zero, "the last build failed; see the other tests");
        return new RegeneratedAssembly(Path.Combine(_copy.Root, "src", "Cadenza.Client", "bin", "Debug", "net8.0"));
    }

    private Task<ChildProcess.Result> BuildAsync(bool ci, params string[] properties) =>
        ChildProcess.RunAsync("dotnet", ["build", ClientProject, "-f", "net8.0", "--disable-build-servers", "-tl:off", .. properties], _copy.Root, StepTimeout, Steps(ci));

    /// <summary>CI set or not, whatever runs the tests; and no build servers, which would outlive the step holding its output pipes open.</summary>
    private static Dictionary<string, string?> Steps(bool ci) => new()
    {
        ["CI"] = ci ? "true" : null,
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
        ["UseSharedCompilation"] = "false",
    };
}
