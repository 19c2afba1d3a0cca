using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Cadenza.Client;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cadenza.Cli
{
    /// <summary>How a user and a token expiry are shown, in text and in JSON. Never includes a token.</summary>
    internal static class UserView
    {
        /// <summary>
        /// The fields this tool names, as the spec spells them. Never the whole object: a server's unknown fields land in
        /// AdditionalProperties, and a sign-up answered without tokens puts the session's fields there.
        /// </summary>
        public static JObject ToJson(AuthUser user) => new JObject
        {
            ["id"] = user.Id?.ToString(),
            ["email"] = user.Email,
            ["phone"] = user.Phone,
            ["role"] = user.Role,
            ["emailConfirmedAt"] = ToJson(user.EmailConfirmedAt),
            ["lastSignInAt"] = ToJson(user.LastSignInAt),
            ["createdAt"] = ToJson(user.CreatedAt),
            ["updatedAt"] = ToJson(user.UpdatedAt),
            ["userMetadata"] = user.UserMetadata is { } metadata ? JObject.FromObject(metadata) : null,
            ["identities"] = new JArray((user.Identities ?? Array.Empty<AuthUserIdentitiesInner>()).Select(i => i.Provider).Where(p => p != null)),
        };

        public static JToken ToJson(DateTimeOffset? instant) =>
            instant is DateTimeOffset value ? new JValue(FormatInstant(value)) : JValue.CreateNull();

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
                return "unknown (the server did not say)";
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
