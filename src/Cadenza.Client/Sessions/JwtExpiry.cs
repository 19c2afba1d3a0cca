using System;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cadenza.Client
{
    /// <summary>Reads the <c>exp</c> claim of an access token that is a JWT, without checking its signature (only the expiry is wanted).</summary>
    internal static class JwtExpiry
    {
        /// <summary>The <c>exp</c> claim in Unix seconds, or null when the token is not a JWT or has no usable <c>exp</c>.</summary>
        public static long? Read(string? token)
        {
            var parts = token?.Split('.');
            if (parts is null || parts.Length != 3 || parts[1].Length == 0 || parts[1].Length > 16 * 1024)
            {
                return null;
            }

            try
            {
                var payload = Encoding.UTF8.GetString(Base64UrlDecode(parts[1]));
                if (!payload.TrimStart().StartsWith("{", StringComparison.Ordinal) || !(JObject.Parse(payload)["exp"] is JValue exp))
                {
                    return null;
                }

                switch (exp.Type)
                {
                    case JTokenType.Integer when exp.Value is long seconds:
                        return seconds;
                    case JTokenType.Float when exp.Value is double seconds && Math.Abs(seconds) < 9e18:
                        return (long)Math.Floor(seconds);
                    default:
                        return null; // a string, or an integer too large for a long
                }
            }
            catch (Exception ex) when (ex is FormatException || ex is JsonException || ex is ArgumentException)
            {
                return null;
            }
        }

        private static byte[] Base64UrlDecode(string text)
        {
            var base64 = new StringBuilder(text.Length + 3).Append(text).Replace('-', '+').Replace('_', '/');
            base64.Append('=', (4 - (text.Length % 4)) % 4);
            return Convert.FromBase64String(base64.ToString());
        }
    }
}
