using System;
using System.Reflection;
using System.Runtime.Serialization;

namespace Cadenza.Client.Realtime
{
    /// <summary>
    /// The value a generated string enum member stands for on the wire: its <see cref="EnumMemberAttribute"/> (from the
    /// spec's enum), so <c>KlineInterval.Minute1</c> is <c>1m</c> and <c>Venue.BinanceUat</c> is <c>BINANCE_UAT</c>.
    /// </summary>
    internal static class WireNames
    {
        /// <summary>The wire value of <paramref name="value"/>.</summary>
        /// <exception cref="ArgumentException">The value is <c>Unrecognized</c> or not a member of its enum: it cannot be sent.</exception>
        public static string Of<TEnum>(TEnum value, string parameterName)
            where TEnum : struct, Enum
        {
            var name = Enum.GetName(typeof(TEnum), value);
            var member = name is null || name == UnrecognizedEnumConverter.MemberName ? null : typeof(TEnum).GetField(name, BindingFlags.Public | BindingFlags.Static);
            var wire = member?.GetCustomAttribute<EnumMemberAttribute>()?.Value ?? name;
            if (member is null || string.IsNullOrEmpty(wire))
            {
                throw new ArgumentException($"{parameterName} must be one of the {typeof(TEnum).Name} values the spec lists, not {value}.", parameterName);
            }

            return wire!;
        }
    }
}
