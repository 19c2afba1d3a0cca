using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using Cadenza.Tests.Shared;

namespace Cadenza.Generation.Tests;

/// <summary>
/// Each liquid template in build/templates overrides one of NSwag's, copied from the NSwag version the build uses and
/// changed. build/templates/originals.sha256 records the hash of each original as copied: when an NSwag upgrade changes
/// an original, our copy would silently drop that change, so this test fails until the override is redone from the new
/// original and its hash recorded again.
/// </summary>
public sealed class TemplateOriginalsTests
{
    private static readonly string Templates = Repository.Combine("build", "templates");

    private static readonly string[] TemplateAssemblies = ["NSwag.CodeGeneration.CSharp", "NJsonSchema.CodeGeneration.CSharp"];

    public static IEnumerable<string> Overrides() =>
        Directory.EnumerateFiles(Repository.Combine("build", "templates"), "*.liquid").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    [TestCaseSource(nameof(Overrides))]
    public void The_original_of_each_override_is_the_one_it_was_copied_from(string template)
    {
        var recorded = RecordedHashes();
        Assert.That(recorded.ContainsKey(template), Is.True,
            $"build/templates/originals.sha256 has no hash for {template}: record the SHA-256 of the NSwag original it was copied from.");

        var original = EmbeddedOriginal(template);
        Assert.That(original, Is.Not.Null, $"NSwag {NSwagVersion()} no longer has a template named {template}: the override does nothing now.");
        Assert.That(Convert.ToHexStringLower(SHA256.HashData(original!)), Is.EqualTo(recorded[template]),
            $"NSwag {NSwagVersion()} changed its original of {template}. Copy the new original, re-apply the changes build/templates/README.md lists, and record its hash in originals.sha256.");
    }

    [Test]
    public void Every_recorded_hash_belongs_to_an_override()
    {
        Assert.That(RecordedHashes().Keys, Is.EquivalentTo(Overrides()));
    }

    private static Dictionary<string, string> RecordedHashes() =>
        File.ReadAllLines(Path.Combine(Templates, "originals.sha256"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split("  ", 2))
            .ToDictionary(parts => parts[1].Trim(), parts => parts[0].Trim(), StringComparer.Ordinal);

    private static byte[]? EmbeddedOriginal(string template)
    {
        var tools = Path.Combine(NSwagMSBuildPath(), "tools", "Net100");
        foreach (var assembly in TemplateAssemblies)
        {
            if (Resource(Path.Combine(tools, assembly + ".dll"), $"{assembly}.Templates.{template}") is { } bytes)
            {
                return bytes;
            }
        }

        return null;
    }

    // Read from the file's metadata: nothing of NSwag is loaded into the test process.
    private static byte[]? Resource(string assemblyPath, string name)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var metadata = pe.GetMetadataReader();
        var resources = pe.PEHeaders.CorHeader!.ResourcesDirectory;
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (!resource.Implementation.IsNil || metadata.GetString(resource.Name) != name)
            {
                continue;
            }

            var reader = pe.GetSectionData(resources.RelativeVirtualAddress).GetReader((int)resource.Offset, resources.Size - (int)resource.Offset);
            return reader.ReadBytes(reader.ReadInt32());
        }

        return null;
    }

    private static string NSwagMSBuildPath() =>
        typeof(TemplateOriginalsTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NSwagMSBuildPath").Value
        ?? throw new InvalidOperationException("The test project does not know where NSwag.MSBuild is.");

    private static string NSwagVersion() => Path.GetFileName(NSwagMSBuildPath().TrimEnd(Path.DirectorySeparatorChar));
}
