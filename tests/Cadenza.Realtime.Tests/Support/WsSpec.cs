using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using NSwag;

namespace Cadenza.Realtime.Tests.Support;

/// <summary>The checked-in spec (openapi/cadenza.yaml) as the contract for what goes over the WebSocket.</summary>
internal static class WsSpec
{
    private static readonly Lazy<OpenApiDocument> Document = new(() =>
        OpenApiYamlDocument.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "openapi", "cadenza.yaml")).GetAwaiter().GetResult());

    public static IDictionary<string, JsonSchema> Schemas => Document.Value.Components.Schemas;

    /// <summary>The values of the spec's <c>RpcMethod</c> enum.</summary>
    public static IReadOnlyList<string> RpcMethods => [.. Schema("RpcMethod").Enumeration.Select(v => (string)v!)];

    public static JsonSchema Schema(string name) =>
        Schemas.TryGetValue(name, out var schema) ? schema.ActualSchema : throw new AssertionException($"the spec has no schema {name}");

    /// <summary>
    /// Every way <paramref name="json"/> differs from <paramref name="schemaName"/>: what the JSON Schema validator finds,
    /// and, where <paramref name="strict"/>, any property the schema does not declare (the spec's ws* objects allow
    /// others only where they say so, e.g. a publication's <c>data</c>).
    /// </summary>
    public static IReadOnlyList<string> Problems(JToken json, string schemaName, bool strict)
    {
        var schema = Schema(schemaName);
        // OpenApi3 makes the validator honour `nullable: true`, which plain JSON Schema does not know.
        var problems = new JsonSchemaValidator().Validate(json.ToString(Newtonsoft.Json.Formatting.None), schema, SchemaType.OpenApi3)
            .Select(e => $"{schemaName}: {Describe(e)}").ToList();
        if (strict)
        {
            Undeclared(json, schema, "#", problems);
        }

        return problems;
    }

    private static void Undeclared(JToken json, JsonSchema schema, string path, List<string> problems)
    {
        schema = schema.ActualSchema;
        if (json is JObject obj && schema.ActualProperties.Count > 0 && schema.AdditionalPropertiesSchema is null)
        {
            foreach (var property in obj.Properties())
            {
                if (schema.ActualProperties.TryGetValue(property.Name, out var declared))
                {
                    Undeclared(property.Value, declared.ActualTypeSchema, path + "/" + property.Name, problems);
                }
                else
                {
                    problems.Add($"{path}/{property.Name}: not declared by the spec");
                }
            }
        }
        else if (json is JObject map && schema.AdditionalPropertiesSchema is { } values && values.ActualSchema.ActualProperties.Count > 0)
        {
            foreach (var property in map.Properties())
            {
                Undeclared(property.Value, values, path + "/" + property.Name, problems);
            }
        }
        else if (json is JArray array && schema.Item is { } item)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Undeclared(array[i], item, path + "/" + i, problems);
            }
        }
    }

    private static string Describe(ValidationError error) => error switch
    {
        ChildSchemaValidationError child => $"{error.Kind} at {error.Path} ({string.Join("; ", child.Errors.SelectMany(e => e.Value).Select(Describe))})",
        _ => $"{error.Kind} at {error.Path}",
    };
}
