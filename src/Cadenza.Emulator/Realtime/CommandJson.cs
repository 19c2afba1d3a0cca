using System.Text.Json;

namespace Cadenza.Emulator.Realtime;

/// <summary>Reads a command line's parts without throwing on a missing or mistyped field (they read as absent).</summary>
internal static class CommandJson
{
    /// <summary>The one command a line carries; Centrifugo's snake_case spellings are accepted beside the spec's camelCase.</summary>
    public static (string? Name, JsonElement Body) Command(JsonElement root)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name != "id")
            {
                var name = property.Name switch { "presence_stats" => "presenceStats", "sub_refresh" => "subRefresh", var other => other };
                return (name, property.Value);
            }
        }

        return (null, default);
    }

    public static JsonElement Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    public static string? Text(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static bool Flag(JsonElement element, string name) => Property(element, name).ValueKind == JsonValueKind.True;

    public static long? Number(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : null;
}
