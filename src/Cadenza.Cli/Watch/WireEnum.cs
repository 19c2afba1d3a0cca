using System;
using System.Linq;
using System.Reflection;
using System.Runtime.Serialization;

namespace Cadenza.Cli.Watch
{
    /// <summary>Reads a value of one of the spec's string enums as the user types it: its wire value (<c>BINANCE</c>, <c>1m</c>), any case.</summary>
    internal static class WireEnum
    {
        /// <exception cref="UsageException">Not a value the spec lists; the message lists them.</exception>
        public static TEnum Parse<TEnum>(string text, string what)
            where TEnum : struct, Enum
        {
            var values = typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Select(f => (Field: f, Wire: f.GetCustomAttribute<EnumMemberAttribute>()?.Value))
                .Where(v => v.Wire != null)
                .ToList();
            // Intervals differ only in case (1m is a minute, 1M a month): an exact match wins over a case-insensitive one.
            var match = values.FirstOrDefault(v => v.Wire == text);
            if (match.Field is null)
            {
                var folded = values.Where(v => string.Equals(v.Wire, text, StringComparison.OrdinalIgnoreCase)).ToList();
                match = folded.Count == 1 ? folded[0] : default;
            }

            if (match.Field is null)
            {
                throw new UsageException($"Unknown {what} '{FailureReport.OneLine(text)}': one of {string.Join(", ", values.Select(v => v.Wire))}.");
            }

            return (TEnum)match.Field.GetValue(null)!;
        }

        /// <summary>The spec's spelling of <paramref name="value"/> (SNAPSHOT, BINANCE, 1m), not the C# member name; the member name for a value the spec does not list.</summary>
        public static string Name<TEnum>(TEnum value)
            where TEnum : struct, Enum
        {
            var name = Enum.GetName(typeof(TEnum), value);
            return (name is null ? null : typeof(TEnum).GetField(name)?.GetCustomAttribute<EnumMemberAttribute>()?.Value) ?? name ?? value.ToString();
        }
    }
}
