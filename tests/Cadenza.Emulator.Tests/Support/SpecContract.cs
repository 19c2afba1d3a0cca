using System.Globalization;
using NJsonSchema;
using NJsonSchema.Validation;
using NSwag;

namespace Cadenza.Emulator.Tests.Support;

/// <summary>Checks a response against what openapi/cadenza.yaml declares for its operation and status.</summary>
public static class SpecContract
{
    private static readonly Lazy<Task<OpenApiDocument>> Spec = new(() =>
        OpenApiYamlDocument.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "openapi", "cadenza.yaml")));

    /// <summary>Every way the response differs from the spec; empty when it conforms.</summary>
    public static async Task<IReadOnlyList<string>> ValidateAsync(RecordedResponse response)
    {
        var spec = await Spec.Value;
        if (!spec.Paths.TryGetValue(response.Path, out var pathItem))
        {
            return [$"{response}: the spec has no path {response.Path}"];
        }

        if (!pathItem.TryGetValue(response.Method.ToLowerInvariant(), out var operation))
        {
            return [$"{response}: the spec has no {response.Method} on {response.Path}"];
        }

        if (!operation.ActualResponses.TryGetValue(response.StatusCode.ToString(CultureInfo.InvariantCulture), out var declared))
        {
            return [$"{response}: the spec does not declare HTTP {response.StatusCode} for {operation.OperationId}"];
        }

        if (response.MediaType != "application/json")
        {
            return [$"{response}: Content-Type is '{response.MediaType}', not application/json"];
        }

        var schema = declared.ActualResponse.Schema?.ActualSchema;
        if (schema is null)
        {
            return [$"{response}: the spec declares no body schema"];
        }

        try
        {
            // OpenApi3 makes the validator honour `nullable: true`, which plain JSON Schema does not know.
            var errors = new JsonSchemaValidator().Validate(response.Body, schema, SchemaType.OpenApi3);
            return errors.Select(e => $"{response}: {Describe(e)}").ToList();
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return [$"{response}: the body is not JSON"];
        }
    }

    private static string Describe(ValidationError error) => error switch
    {
        ChildSchemaValidationError child => $"{error.Kind} at {error.Path} ({string.Join("; ", child.Errors.SelectMany(e => e.Value).Select(Describe))})",
        _ => $"{error.Kind} at {error.Path}",
    };
}
