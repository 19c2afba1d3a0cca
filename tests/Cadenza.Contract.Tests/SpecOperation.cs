using NJsonSchema;
using NSwag;

namespace Cadenza.Contract.Tests;

/// <summary>One REST operation of openapi/cadenza.yaml, as the contract tests need it: where, who may call it, and what it takes.</summary>
public sealed class SpecOperation
{
    private static readonly Lazy<IReadOnlyList<SpecOperation>> FromSpec = new(Load);

    private SpecOperation(string method, string path, OpenApiOperation operation, bool anonymous)
    {
        Method = method.ToUpperInvariant();
        Path = path;
        Operation = operation;
        Anonymous = anonymous;
    }

    /// <summary>Every operation of the spec the tests run against (the list a test case source enumerates).</summary>
    public static IReadOnlyList<SpecOperation> All => FromSpec.Value;

    public string Method { get; }

    public string Path { get; }

    public OpenApiOperation Operation { get; }

    public string OperationId => Operation.OperationId;

    public string Tag => Operation.Tags.First();

    /// <summary>True when the spec lets it through without a bearer token (<c>security: []</c>).</summary>
    public bool Anonymous { get; }

    public JsonSchema? RequestBody => Operation.RequestBody?.Content.TryGetValue("application/json", out var media) == true ? media.Schema : null;

    public IEnumerable<OpenApiParameter> Parameters => Operation.ActualParameters.Where(p => p.Kind is OpenApiParameterKind.Query or OpenApiParameterKind.Path);

    public override string ToString() => $"{Method} {Path}";

    private static IReadOnlyList<SpecOperation> Load()
    {
        var document = OpenApiYamlDocument.FromFileAsync(Cadenza.Tests.Shared.Repository.Spec).GetAwaiter().GetResult();
        // NSwag's model turns `security: []` into an empty list and no security into null: empty means anonymous.
        var globalAnonymous = document.Security is null || document.Security.Count == 0;
        return document.Paths
            .SelectMany(path => path.Value.Select(operation => new SpecOperation(
                operation.Key, path.Key, operation.Value, operation.Value.Security is { } own ? own.Count == 0 : globalAnonymous)))
            .OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal)
            .ToList();
    }
}
