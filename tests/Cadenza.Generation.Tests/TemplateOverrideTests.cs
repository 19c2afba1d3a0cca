using System.Reflection;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Cadenza.Tests.Shared;

namespace Cadenza.Generation.Tests;

/// <summary>
/// build/templates overrides some of NSwag's own templates, each copied from the NSwag.MSBuild version the build uses.
/// When an upgrade changes an original, the copy would silently keep the old template: this fails first.
/// </summary>
public class TemplateOverrideTests
{
    private static readonly string TemplatesFolder = Repository.Combine("build", "templates");

    public static IEnumerable<TestCaseData> Overrides() =>
        File.ReadAllLines(Path.Combine(TemplatesFolder, "README.md"))
            .Select(line => Regex.Match(line, @"^\| `(?<file>[^`]+\.liquid)` \| (?<assembly>[A-Za-z.]+) \| `(?<hash>[0-9a-f]{64})`"))
            .Where(m => m.Success)
            .Select(m => new TestCaseData(m.Groups["file"].Value, m.Groups["assembly"].Value, m.Groups["hash"].Value).SetArgDisplayNames(m.Groups["file"].Value));

    [Test]
    public void Every_template_in_the_folder_is_listed_with_its_original()
    {
        var listed = Overrides().Select(o => (string)o.Arguments[0]!);

        Assert.That(Directory.GetFiles(TemplatesFolder, "*.liquid").Select(Path.GetFileName), Is.EquivalentTo(listed));
    }

    [TestCaseSource(nameof(Overrides))]
    public void The_original_is_still_the_one_the_override_was_copied_from(string template, string assemblyName, string recordedHash)
    {
        var dll = Path.Combine(NSwagTools(), assemblyName + ".dll");
        var context = new AssemblyLoadContext("NSwag templates", isCollectible: true);
        try
        {
            var assembly = context.LoadFromAssemblyPath(dll);
            var resource = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith(".Templates." + template, StringComparison.Ordinal));
            Assert.That(resource, Is.Not.Null, $"{assemblyName} no longer has {template}: the override in build/templates replaces nothing");
            using var stream = assembly.GetManifestResourceStream(resource!)!;
            var hash = Convert.ToHexStringLower(SHA256.HashData(stream));

            Assert.That(hash, Is.EqualTo(recordedHash),
                $"NSwag's {template} changed: copy the new original into build/templates, redo the edit build/templates/README.md describes, and record the new hash.");
        }
        finally
        {
            context.Unload();
        }
    }

    private static string NSwagTools()
    {
        var packages = XDocument.Load(Repository.Combine("Directory.Packages.props"));
        var version = packages.Descendants("PackageVersion").Single(p => (string?)p.Attribute("Include") == "NSwag.MSBuild").Attribute("Version")!.Value;
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var tools = Path.Combine(root, "nswag.msbuild", version, "tools", "Net100");
        return Directory.Exists(tools) ? tools : throw new DirectoryNotFoundException($"NSwag.MSBuild {version} is not in {root} (restore first).");
    }
}
