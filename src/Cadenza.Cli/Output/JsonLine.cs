using System;
using System.IO;
using Newtonsoft.Json;

namespace Cadenza.Cli
{
    /// <summary>One JSON object on one line of output, so `| jq` and line-oriented tools both work.</summary>
    internal static class JsonLine
    {
        public static void Write(TextWriter output, Action<JsonWriter> writeProperties)
        {
            var line = new StringWriter();
            using (var writer = new JsonTextWriter(line) { Formatting = Formatting.None, DateFormatHandling = DateFormatHandling.IsoDateFormat })
            {
                writer.WriteStartObject();
                writeProperties(writer);
                writer.WriteEndObject();
            }

            output.WriteLine(line.ToString());
        }

        public static void Property(this JsonWriter writer, string name, string? value)
        {
            writer.WritePropertyName(name);
            writer.WriteValue(value);
        }

        public static void Property(this JsonWriter writer, string name, bool value)
        {
            writer.WritePropertyName(name);
            writer.WriteValue(value);
        }

        public static void Property(this JsonWriter writer, string name, long? value)
        {
            writer.WritePropertyName(name);
            writer.WriteValue(value);
        }

        /// <summary>An instant as the CLI always shows it: UTC, to the second, e.g. <c>2026-01-01T13:00:00Z</c>; null when unknown.</summary>
        public static void Property(this JsonWriter writer, string name, DateTimeOffset? value) =>
            writer.Property(name, value is DateTimeOffset instant ? UserView.FormatInstant(instant) : null);
    }
}
