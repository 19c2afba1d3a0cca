using Cadenza.Tests.Shared;

namespace Cadenza.Generation.Tests;

/// <summary>When the test setup considers the pinned npm tools installed, and so skips its own <c>npm ci</c>.</summary>
public sealed class NpmToolsTests
{
    private const string Lock = """
        { "lockfileVersion": 3, "packages": {
            "": { "devDependencies": { "@redocly/cli": "2.77.0", "left-pad": "1.3.0" } },
            "node_modules/@redocly/cli": { "version": "2.77.0" },
            "node_modules/left-pad": { "version": "1.3.0" } } }
        """;

    private string _build = null!;

    [SetUp]
    public void CreateBuildFolder()
    {
        _build = Directory.CreateTempSubdirectory("cadenza-npm-tools-").FullName;
        File.WriteAllText(Path.Combine(_build, "package-lock.json"), Lock);
        File.SetLastWriteTimeUtc(Path.Combine(_build, "package-lock.json"), DateTime.UtcNow.AddMinutes(-10));
    }

    [TearDown]
    public void DeleteBuildFolder() => Directory.Delete(_build, recursive: true);

    [Test]
    public void Tools_at_the_pinned_versions_after_the_lock_file_changed_are_installed()
    {
        Install("@redocly/cli", "2.77.0");
        Install("left-pad", "1.3.0");

        Assert.That(NpmTools.IsInstalled(_build), Is.True);
    }

    [Test]
    public void Nothing_installed_is_not_installed() => Assert.That(NpmTools.IsInstalled(_build), Is.False);

    [Test]
    public void A_tool_missing_from_node_modules_is_not_installed()
    {
        Install("@redocly/cli", "2.77.0");

        Assert.That(NpmTools.IsInstalled(_build), Is.False);
    }

    [Test]
    public void A_tool_at_another_version_is_not_installed()
    {
        Install("@redocly/cli", "2.76.0");
        Install("left-pad", "1.3.0");

        Assert.That(NpmTools.IsInstalled(_build), Is.False);
    }

    [Test]
    public void An_install_older_than_the_lock_file_is_not_current()
    {
        Install("@redocly/cli", "2.77.0");
        Install("left-pad", "1.3.0");
        File.SetLastWriteTimeUtc(Path.Combine(_build, "node_modules", ".package-lock.json"), DateTime.UtcNow.AddMinutes(-20));

        Assert.That(NpmTools.IsInstalled(_build), Is.False);
    }

    [Test]
    public void The_repository_tools_are_installed_once_a_test_required_them()
    {
        NpmTools.Require(Path.Combine("@stoplight", "prism-cli", "dist", "index.js"));

        Assert.That(NpmTools.IsInstalled(Repository.Combine("build")), Is.True);
    }

    private void Install(string name, string version)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_build, "node_modules", name)).FullName;
        File.WriteAllText(Path.Combine(folder, "package.json"), $$"""{ "name": "{{name}}", "version": "{{version}}" }""");
        File.WriteAllText(Path.Combine(_build, "node_modules", ".package-lock.json"), "{}");
    }
}
