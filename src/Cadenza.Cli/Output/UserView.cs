using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Cadenza.Client;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cadenza.Cli
{
    /// <summary>
    /// How a user and a token expiry are shown, in text and in JSON. Only the fields named here are shown: never a
    /// token, and never the DTO's <c>AdditionalProperties</c> (a server's unknown fields; and a sign-up answered
    /// without tokens puts the session's fields there).
    /// </summary>
    internal static class UserView
    {
        public static void WriteJson(JsonWriter writer, string name, AuthUser? user)
        {
            writer.WritePropertyName(name);
            if (user is null)
            {
                writer.WriteNull();
                return;
            }

            writer.WriteStartObject();
            writer.Property("id", user.Id?.ToString());
            writer.Property("email", user.Email);
            writer.Property("phone", user.Phone);
            writer.Property("role", user.Role);
            writer.Property("emailConfirmedAt", user.EmailConfirmedAt);
            writer.Property("lastSignInAt", user.LastSignInAt);
            writer.Property("createdAt", user.CreatedAt);
            writer.Property("updatedAt", user.UpdatedAt);
            writer.WritePropertyName("userMetadata");
            if (user.UserMetadata is null)
            {
                writer.WriteNull();
            }
            else
            {
                writer.WriteStartObject();
                foreach (var entry in user.UserMetadata.OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(entry.Key);
                    WriteValue(writer, entry.Value);
                }

                writer.WriteEndObject();
            }

            // Only which providers the user signs in with: an identity's own data is the provider's business.
            writer.WritePropertyName("identities");
            writer.WriteStartArray();
            foreach (var identity in user.Identities ?? Array.Empty<AuthUserIdentitiesInner>())
            {
                if (identity?.Provider != null)
                {
                    writer.WriteValue(identity.Provider);
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        public static IEnumerable<string> Describe(AuthUser user)
        {
            yield return "User id:    " + (user.Id?.ToString() ?? "(unknown)");
            yield return "Email:      " + (user.Email ?? "(none)");
            yield return "Role:       " + (user.Role ?? "(none)");
            if (user.UserMetadata is { Count: > 0 } metadata)
            {
                yield return "Metadata:   " + string.Join(", ", metadata.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => m.Key + "=" + FormatValue(m.Value)));
            }
        }

        public static string DescribeExpiry(DateTimeOffset? expiresAt, DateTimeOffset now)
        {
            if (!(expiresAt is DateTimeOffset at))
            {
                // Also what the session makes of a negative, past or absurd expiry: "did not say" would be untrue then.
                return "unknown (the server gave none that can be believed)";
            }

            var left = at - now;
            var relative = left <= TimeSpan.Zero ? "expired"
                : left < TimeSpan.FromMinutes(2) ? $"in {Math.Ceiling(left.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s"
                : left < TimeSpan.FromHours(2) ? $"in {Math.Floor(left.TotalMinutes).ToString(CultureInfo.InvariantCulture)} min"
                : $"in {Math.Floor(left.TotalHours).ToString(CultureInfo.InvariantCulture)} h";
            return $"{FormatInstant(at)} ({relative})";
        }

        public static string FormatInstant(DateTimeOffset value) =>
            value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        // Metadata values arrive as Newtonsoft tokens (objects, arrays, dates kept as sent) or as plain values.
        private static void WriteValue(JsonWriter writer, object? value)
        {
            switch (value)
            {
                case null:
                    writer.WriteNull();
                    break;
                case JToken token:
                    token.WriteTo(writer);
                    break;
                case string or bool or long or int or double or decimal:
                    writer.WriteValue(value);
                    break;
                default:
                    JToken.FromObject(value).WriteTo(writer);
                    break;
            }
        }

        private static string FormatValue(object? value) => value switch
        {
            null => "null",
            string text => text,
            JValue { Value: string text } => text,
            JToken token => token.ToString(Formatting.None),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
        };
    }
}
