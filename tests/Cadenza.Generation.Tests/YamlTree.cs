using Newtonsoft.Json.Linq;
using YamlDotNet.Serialization;

namespace Cadenza.Generation.Tests;

/// <summary>An OpenAPI document as written, as a JSON tree (scalars as strings, $refs not resolved), for asserting on what a rule did.</summary>
internal static class YamlTree
{
    public static JObject Load(string path)
    {
        using var reader = File.OpenText(path);
        return (JObject)JToken.FromObject(new DeserializerBuilder().Build().Deserialize(reader)!);
    }

    /// <summary>components/schemas/<paramref name="name"/>.</summary>
    public static JObject Schema(this JObject document, string name) =>
        (JObject?)document["components"]?["schemas"]?[name] ?? throw new AssertionException($"The document has no schema '{name}'.");

    /// <summary>Every object in the tree, depth first.</summary>
    public static IEnumerable<JObject> Objects(this JContainer node) => node.DescendantsAndSelf().OfType<JObject>();

    /// <summary>"METHOD /path" of every operation under paths.</summary>
    public static IEnumerable<string> Operations(this JObject document) =>
        ((JObject?)document["paths"] ?? new JObject()).Properties()
            .SelectMany(path => ((JObject)path.Value).Properties()
                .Where(p => p.Name is "get" or "put" or "post" or "delete" or "patch" or "head" or "options" or "trace")
                .Select(method => $"{method.Name.ToUpperInvariant()} {path.Name}"));
}
