using System.Globalization;
using NJsonSchema;
using Newtonsoft.Json.Linq;

namespace Cadenza.Contract.Tests;

/// <summary>
/// A value that satisfies a schema of the spec, for requests Prism must accept: the schema's own example where it has
/// one, else the first enum value, else a value of the right type and format. Optional properties are left out, so
/// every operation is called with the least a caller must send.
/// </summary>
internal static class ExampleValues
{
    public static JToken For(JsonSchema schema) => For(schema, propertyName: null, depth: 0);

    private static JToken For(JsonSchema schema, string? propertyName, int depth)
    {
        var actual = schema.ActualSchema;
        if (schema.Example is { } own)
        {
            return JToken.FromObject(own);
        }

        if (actual.Example is { } example)
        {
            return JToken.FromObject(example);
        }

        if (actual.IsEnumeration)
        {
            return JToken.FromObject(actual.Enumeration.First(v => v is not null and not "")!);
        }

        if (actual.Type.HasFlag(JsonObjectType.Object) || actual.AllOf.Count > 0 || actual.ActualProperties.Count > 0)
        {
            var body = new JObject();
            foreach (var part in new[] { actual }.Concat(actual.AllOf.Select(a => a.ActualSchema)))
            {
                foreach (var name in part.RequiredProperties.Where(part.ActualProperties.ContainsKey))
                {
                    body[name] = depth > 5 ? JValue.CreateNull() : For(part.ActualProperties[name], name, depth + 1);
                }
            }

            return body;
        }

        if (actual.Type.HasFlag(JsonObjectType.Array))
        {
            return actual.Item is { } item ? new JArray(For(item, propertyName, depth + 1)) : new JArray();
        }

        if (actual.Type.HasFlag(JsonObjectType.Integer) || actual.Type.HasFlag(JsonObjectType.Number))
        {
            return actual.Minimum is { } minimum ? new JValue(minimum) : new JValue(1);
        }

        if (actual.Type.HasFlag(JsonObjectType.Boolean))
        {
            return new JValue(false);
        }

        return new JValue(actual.Format switch
        {
            "uuid" or "guid" => "3fa85f64-5717-4562-b3fc-2c963f66afa6",
            "email" => "trader@example.com",
            "date-time" => "2026-01-02T03:04:05Z",
            "date" => "2026-01-02",
            _ => (propertyName ?? "value").PadRight(Math.Max(actual.MinLength ?? 0, 1), 'x'),
        });
    }

    /// <summary>The example as the C# parameter type a generated method takes for a query or path parameter.</summary>
    public static object? ForParameter(JsonSchema schema, Type type)
    {
        var token = For(schema);
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target.IsEnum)
        {
            var value = token.Value<string>();
            var field = target.GetFields().First(f => f.GetCustomAttributes(typeof(System.Runtime.Serialization.EnumMemberAttribute), false)
                .Cast<System.Runtime.Serialization.EnumMemberAttribute>().Any(a => a.Value == value));
            return field.GetValue(null);
        }

        if (target == typeof(Guid))
        {
            return Guid.Parse(token.Value<string>()!, CultureInfo.InvariantCulture);
        }

        if (target == typeof(DateTimeOffset))
        {
            return DateTimeOffset.Parse(token.Value<string>()!, CultureInfo.InvariantCulture);
        }

        return token.ToObject(type);
    }
}
