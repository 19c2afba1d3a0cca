using System.Reflection;
using System.Runtime.Loader;
using Cadenza.Tests.Shared;

namespace Cadenza.Generation.Tests;

/// <summary>
/// The README's regenerate-on-spec-change loop, for real, on a copy of the repository's spec and generation
/// setup: edit the spec (a new operation, a new field, a removed field) → `dotnet build` regenerates and the
/// public API check names what changed → the one documented command (build/update-public-api.sh) updates
/// PublicAPI.Unshipped.txt → the build passes, without regenerating again → the compiled assembly has the
/// new method and property.
/// </summary>
public class RegenerationLoopTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(5);

    private string _root = null!;
    private ChildProcess.Result _firstBuild = null!;
    private ChildProcess.Result _listingUpdate = null!;
    private ChildProcess.Result _secondBuild = null!;
    private string _unshippedBefore = null!;
    private string _unshippedAfter = null!;

    private string ClientProject => Path.Combine(_root, "src", "Cadenza.Client", "Cadenza.Client.csproj");

    private string Unshipped => Path.Combine(_root, "src", "Cadenza.Client", "PublicAPI.Unshipped.txt");

    [OneTimeSetUp]
    public async Task EditTheSpecAndRunTheLoopAsync()
    {
        if (ChildProcess.FindOnPath("bash") is null)
        {
            NpmTools.Unavailable("The listing command, build/update-public-api.sh, needs bash.");
        }

        _root = Directory.CreateTempSubdirectory("cadenza-regenerate-").FullName;
        CopyGenerationSetup(Repository.Root, _root);

        var spec = Path.Combine(_root, "openapi", "cadenza.yaml");
        var edited = SpecEdits.AddListFactorsOperation(await File.ReadAllTextAsync(spec));
        edited = SpecEdits.RemoveProvidedFromBaseResponseDetails(SpecEdits.AddIsAnonymousToAuthUser(edited));
        await File.WriteAllTextAsync(spec, edited);
        _unshippedBefore = await File.ReadAllTextAsync(Unshipped);

        // Only net8.0 is built here, to keep this quick; the listing command builds both target frameworks.
        _firstBuild = await DotnetAsync("build", ClientProject, "-f", "net8.0", "--disable-build-servers");
        _listingUpdate = await ChildProcess.RunAsync("bash", [Path.Combine(_root, "build", "update-public-api.sh")], _root, StepTimeout, NoBuildServers);
        _unshippedAfter = await File.ReadAllTextAsync(Unshipped);
        _secondBuild = await DotnetAsync("build", ClientProject, "-f", "net8.0", "--disable-build-servers");
    }

    [OneTimeTearDown]
    public void DeleteTheCopy()
    {
        if (_root != null && TestContext.CurrentContext.Result.FailCount == 0)
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Test]
    public void The_first_build_regenerates_and_the_public_API_check_names_what_is_new()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_firstBuild.Output, Does.Contain("Cadenza: generating the client from"), _firstBuild.ToString());
            Assert.That(_firstBuild.ExitCode, Is.Not.Zero, "an API change must not build until the listing says so");
            Assert.That(_firstBuild.Output, Does.Contain("RS0016").And.Contain("AuthListFactorsAsync").And.Contain("IsAnonymous"), _firstBuild.ToString());
            Assert.That(_firstBuild.Output, Does.Contain("RS0017: Symbol 'Cadenza.Client.BaseResponseDetails.Provided.get"), _firstBuild.ToString());
        });
    }

    [Test]
    public void The_documented_command_records_the_API_change_in_PublicAPI_Unshipped()
    {
        var added = _unshippedAfter.Split('\n').Except(_unshippedBefore.Split('\n')).ToList();

        Assert.That(_listingUpdate.ExitCode, Is.Zero, _listingUpdate.ToString());
        Assert.That(_listingUpdate.Output, Does.Contain("public API listing: updated"));
        Assert.That(added, Does.Contain("Cadenza.Client.AuthUser.IsAnonymous.get -> bool?")
            .And.Contain("*REMOVED*Cadenza.Client.BaseResponseDetails.Provided.get -> System.Collections.Generic.ICollection<string!>?")
            .And.Contain("Cadenza.Client.AuthFactor.FactorType.get -> string?")
            .And.Contain("Cadenza.Client.AuthListFactors200Response.Data.get -> System.Collections.Generic.ICollection<Cadenza.Client.AuthFactor!>?")
            .And.Some.StartsWith("virtual Cadenza.Client.AuthenticationClient.AuthListFactorsAsync(System.Threading.CancellationToken cancellationToken = default(System.Threading.CancellationToken)) -> System.Threading.Tasks.Task<Cadenza.Client.AuthListFactors200Response!>!"));
    }

    [Test]
    public void The_next_build_passes_without_generating_again()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_secondBuild.ExitCode, Is.Zero, _secondBuild.ToString());
            Assert.That(_secondBuild.Output, Does.Not.Contain("Cadenza: generating"), "an unchanged spec must not regenerate");
        });
    }

    [Test]
    public void The_compiled_client_has_the_new_operation_and_field()
    {
        Assume.That(_secondBuild.ExitCode, Is.Zero, "the build failed; see the other tests");
        var dll = Path.Combine(_root, "src", "Cadenza.Client", "bin", "Debug", "net8.0", "Cadenza.Client.dll");
        var context = new AssemblyLoadContext("regenerated Cadenza.Client", isCollectible: true);
        try
        {
            var assembly = context.LoadFromAssemblyPath(dll);
            var client = assembly.GetType("Cadenza.Client.AuthenticationClient", throwOnError: true)!;
            var listFactors = client.GetMethod("AuthListFactorsAsync", [typeof(CancellationToken)]);
            var isAnonymous = assembly.GetType("Cadenza.Client.AuthUser", throwOnError: true)!.GetProperty("IsAnonymous");
            var factorType = assembly.GetType("Cadenza.Client.AuthFactor", throwOnError: true)!.GetProperty("FactorType");

            Assert.Multiple(() =>
            {
                Assert.That(listFactors, Is.Not.Null, "AuthenticationClient.AuthListFactorsAsync(CancellationToken)");
                Assert.That(listFactors!.ReturnType.ToString(), Is.EqualTo("System.Threading.Tasks.Task`1[Cadenza.Client.AuthListFactors200Response]"));
                Assert.That(listFactors.IsVirtual, Is.True);
                Assert.That(isAnonymous?.PropertyType, Is.EqualTo(typeof(bool?)), "AuthUser.IsAnonymous");
                Assert.That(factorType?.PropertyType, Is.EqualTo(typeof(string)), "AuthFactor.FactorType");
            });
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>What generation needs, and nothing the build left behind (bin/, obj/).</summary>
    private static void CopyGenerationSetup(string from, string to)
    {
        foreach (var file in new[] { "nswag.json", "global.json", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", Path.Combine("openapi", "cadenza.yaml") })
        {
            CopyFile(Path.Combine(from, file), Path.Combine(to, file));
        }

        foreach (var file in Directory.GetFiles(Path.Combine(from, "build"), "*.targets").Append(Path.Combine(from, "build", "tools.sh")).Append(Path.Combine(from, "build", "update-public-api.sh")))
        {
            CopyFile(file, Path.Combine(to, "build", Path.GetFileName(file)));
        }

        // The NSwag template overrides: without them NSwag fails on the missing templateDirectory.
        foreach (var file in Directory.GetFiles(Path.Combine(from, "build", "templates")))
        {
            CopyFile(file, Path.Combine(to, "build", "templates", Path.GetFileName(file)));
        }

        // The client, and the source generator it runs at build time (retry classification, page walkers).
        foreach (var project in new[] { "Cadenza.Client", "Cadenza.Client.Generators" })
        {
            var folder = Path.Combine(from, "src", project);
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(folder, file);
                var top = relative.Split(Path.DirectorySeparatorChar)[0];
                if (top is "bin" or "obj")
                {
                    continue;
                }

                CopyFile(file, Path.Combine(to, "src", project, relative));
            }
        }
    }

    private static void CopyFile(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to);
    }

    // No build servers: they would outlive the step, holding its output pipes open.
    private static Dictionary<string, string?> NoBuildServers => new()
    {
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
        ["UseSharedCompilation"] = "false",
    };

    private Task<ChildProcess.Result> DotnetAsync(params string[] arguments) =>
        ChildProcess.RunAsync("dotnet", arguments, _root, StepTimeout, NoBuildServers);
}
