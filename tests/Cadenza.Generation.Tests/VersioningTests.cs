using Cadenza.Tests.Shared;

namespace Cadenza.Generation.Tests;

/// <summary>
/// Package versions from git tags (MinVer, set up in Directory.Build.targets), checked in a scratch git repository
/// that has the repository's build settings and one packable project: v1.2.0 builds 1.2.0, anything else a pre-release.
/// </summary>
public sealed class VersioningTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private string _root = null!;

    [OneTimeSetUp]
    public async Task CreateRepositoryAsync()
    {
        if (ChildProcess.FindOnPath("git") is null)
        {
            Assert.Ignore("git is not on PATH.");
        }

        _root = Directory.CreateTempSubdirectory("cadenza-versioning-").FullName;
        foreach (var file in new[] { "global.json", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.Copy(Repository.Combine(file), Path.Combine(_root, file));
        }

        File.WriteAllText(Path.Combine(_root, "Package.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>netstandard2.0</TargetFramework><IsPackable>true</IsPackable></PropertyGroup>
            </Project>
            """);
        await GitAsync("init", "--quiet");
        await GitAsync("add", ".");
        await CommitAsync("first");
    }

    [OneTimeTearDown]
    public void DeleteRepository()
    {
        if (_root != null)
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Test, Order(1)]
    public async Task Before_any_tag_the_version_is_a_pre_release_of_0_0_0() =>
        Assert.That(await VersionAsync(), Is.EqualTo("0.0.0-alpha.0"), "the first commit has height 0");

    [Test, Order(2)]
    public async Task A_commit_tagged_v1_2_0_is_1_2_0()
    {
        await GitAsync("tag", "v1.2.0");

        Assert.That(await VersionAsync(), Is.EqualTo("1.2.0"));
    }

    [Test, Order(3)]
    public async Task A_commit_after_the_tag_is_a_pre_release_of_the_next_patch()
    {
        await CommitAsync("second");
        await GitAsync("tag", "release-9"); // not a version tag: ignored

        Assert.That(await VersionAsync(), Is.EqualTo("1.2.1-alpha.0.1"));
    }

    [Test, Order(4)]
    public async Task A_pre_release_tag_is_that_pre_release()
    {
        await GitAsync("tag", "v1.3.0-rc.1");

        Assert.That(await VersionAsync(), Is.EqualTo("1.3.0-rc.1"));
    }

    private async Task<string> VersionAsync()
    {
        var result = await ChildProcess.RunAsync(
            "dotnet", ["msbuild", "Package.csproj", "-restore", "-t:MinVer", "-getProperty:PackageVersion", "-nologo"], _root, Timeout,
            new Dictionary<string, string?> { ["MSBUILDDISABLENODEREUSE"] = "1", ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0" });
        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        return result.Output.Trim().Split('\n').Last().Trim();
    }

    private Task CommitAsync(string message) =>
        GitAsync("-c", "user.name=Cadenza Tests", "-c", "user.email=tests@example.com", "-c", "commit.gpgsign=false", "commit", "--quiet", "--allow-empty", "-m", message);

    private async Task GitAsync(params string[] arguments)
    {
        var result = await ChildProcess.RunAsync("git", arguments, _root, Timeout);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
    }
}
