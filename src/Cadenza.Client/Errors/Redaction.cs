using System.Text;
using System.Text.RegularExpressions;

namespace Cadenza.Client
{
    /// <summary>
    /// Masks tokens and passwords in text that may reach an exception message or a log: the exact values the SDK
    /// holds (<see cref="KnownSecrets"/>), then anything shaped like a secret.
    /// </summary>
    internal static class Redaction
    {
        public const string Mask = "***";

        // A JSON string value (possibly cut off by truncation) of any key that names a secret.
        private static readonly Regex SecretJsonValue = new Regex(
            "(\"[A-Za-z_]*(?:token|password|secret|authorization)[A-Za-z_]*\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*(?:\"|$)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        // Anything shaped like a JWT, wherever it appears (HTML error pages echo headers).
        private static readonly Regex Jwt = new Regex(
            "eyJ[A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]*){0,2}",
            RegexOptions.CultureInvariant);

        private static readonly Regex Bearer = new Regex(
            "(Bearer\\s+)[^\\s\"',;]+",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        public static string Redact(string text) => RedactPatterns(KnownSecrets.Mask(text));

        private static string RedactPatterns(string text)
        {
            text = SecretJsonValue.Replace(text, "$1\"" + Mask + "\"");
            text = Jwt.Replace(text, Mask);
            return Bearer.Replace(text, "$1" + Mask);
        }

        /// <summary>The text on one line, secrets masked, at most <paramref name="maxLength"/> characters.</summary>
        public static string OneLine(string text, int maxLength)
        {
            // Known values first, while they still appear exactly as sent (before whitespace is folded).
            text = KnownSecrets.Mask(text);
            var line = new StringBuilder(text.Length);
            var lastWasSpace = false;
            foreach (var c in text)
            {
                var space = char.IsWhiteSpace(c) || char.IsControl(c);
                if (space && lastWasSpace)
                {
                    continue;
                }

                line.Append(space ? ' ' : c);
                lastWasSpace = space;
            }

            // Redact before cutting, so a cut cannot turn a recognisable secret into an unrecognisable prefix.
            var redacted = RedactPatterns(line.ToString().Trim());
            return redacted.Length <= maxLength ? redacted : redacted.Substring(0, maxLength) + "…";
        }

        /// <summary>A quoted, one-line, redacted excerpt of a response body.</summary>
        public static string Excerpt(string body, int maxLength) => "\"" + OneLine(body, maxLength) + "\"";
    }
}
