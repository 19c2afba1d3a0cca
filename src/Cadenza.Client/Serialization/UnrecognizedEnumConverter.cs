using System;
using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;

namespace Cadenza.Client
{
    /// <summary>
    /// Reads the generated string enums like <see cref="StringEnumConverter"/>, except that a value the spec does not
    /// list becomes the enum's <c>Unrecognized</c> member (added to every generated string enum by
    /// build/templates/Enum.liquid): a server that learns a new venue or order status must not make responses unreadable.
    /// </summary>
    internal sealed class UnrecognizedEnumConverter : StringEnumConverter
    {
        public const string MemberName = "Unrecognized";

        // The value as sent, from ReadJson to the UnrecognizedEnumValueKeeper that stores it a moment later on the same
        // thread (Newtonsoft deserializes synchronously: it sets the property right after converting its value).
        [ThreadStatic]
        private static string? _lastUnrecognized;

        private readonly bool _keepValue;

        private UnrecognizedEnumConverter(bool keepValue) => _keepValue = keepValue;

        /// <summary>For an enum property: the value as sent goes to the owner's AdditionalProperties.</summary>
        public static UnrecognizedEnumConverter KeepingValue { get; } = new UnrecognizedEnumConverter(keepValue: true);

        /// <summary>For the items of an enum array: an unknown item is Unrecognized, and its value is not kept.</summary>
        public static UnrecognizedEnumConverter ForItems { get; } = new UnrecognizedEnumConverter(keepValue: false);

        public static bool Handles(Type type) => UnrecognizedMember(Nullable.GetUnderlyingType(type) ?? type) != null;

        public static bool IsUnrecognized(object? value) =>
            value is Enum member && UnrecognizedMember(member.GetType()) is { } unrecognized && member.Equals(unrecognized.GetValue(null));

        public static string? TakeLastUnrecognized()
        {
            var value = _lastUnrecognized;
            _lastUnrecognized = null;
            return value;
        }

        public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
        {
            try
            {
                return base.ReadJson(reader, objectType, existingValue, serializer);
            }
            catch (JsonSerializationException) when (reader.TokenType == JsonToken.String && UnrecognizedMember(Nullable.GetUnderlyingType(objectType) ?? objectType) is { } unrecognized)
            {
                if (_keepValue)
                {
                    _lastUnrecognized = (string?)reader.Value;
                }

                return unrecognized.GetValue(null);
            }
        }

        public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
        {
            if (IsUnrecognized(value))
            {
                throw new JsonSerializationException(
                    $"{value!.GetType().Name}.{MemberName} stands for a value this version of the SDK does not know; it cannot be sent. Use a listed member.");
            }

            base.WriteJson(writer, value, serializer);
        }

        private static FieldInfo? UnrecognizedMember(Type type) =>
            type.IsEnum && type.Assembly == typeof(UnrecognizedEnumConverter).Assembly
                ? type.GetField(MemberName, BindingFlags.Public | BindingFlags.Static)
                : null;
    }
}
