using System;
using System.IO;
using Newtonsoft.Json;

namespace Cadenza.Cli
{
    /// <summary>
    /// The fast path of <c>cadenza token</c>: reads the access token, its expiry and its server straight from the
    /// session file, without creating a <see cref="Cadenza.Client.CadenzaSession"/> (an HTTP stack, a serializer,
    /// a logger), so that <c>$(cadenza token)</c> in a loop starts about as fast as a hello-world program.
    /// </summary>
    /// <remarks>
    /// It answers only when the answer is certain: a token for this server that the session itself would hand out
    /// without refreshing. Anything else (no file, a file it does not understand, a token that is due, another
    /// server) returns null, and the command takes the ordinary path through the session, which refreshes, warns
    /// and fails exactly as every other command does.
    /// </remarks>
    internal sealed class FreshStoredToken
    {
        /// <summary>The session's default refresh margin (<c>CadenzaSessionOptions.RefreshMargin</c>, which the CLI does not change).</summary>
        internal static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(60);

        private FreshStoredToken(string accessToken, DateTimeOffset expiresAt)
        {
            AccessToken = accessToken;
            ExpiresAt = expiresAt;
        }

        public string AccessToken { get; }

        public DateTimeOffset ExpiresAt { get; }

        public static FreshStoredToken? TryRead(string sessionFile, Uri server, DateTimeOffset now)
        {
            try
            {
                if (!File.Exists(sessionFile))
                {
                    return null;
                }

                using var reader = new JsonTextReader(new StreamReader(sessionFile)) { DateParseHandling = DateParseHandling.None };
                return Read(reader, server, now);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is JsonException || ex is FormatException || ex is UriFormatException)
            {
                return null; // the session path reads the file again, and reports what is wrong with it
            }
        }

        private static FreshStoredToken? Read(JsonTextReader reader, Uri server, DateTimeOffset now)
        {
            string? accessToken = null, baseAddress = null;
            DateTimeOffset? receivedAt = null, expiresAt = null;
            if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
            {
                switch ((string)reader.Value!)
                {
                    case "accessToken":
                        accessToken = reader.ReadAsString();
                        break;
                    case "baseAddress":
                        baseAddress = reader.ReadAsString();
                        break;
                    case "receivedAt":
                        receivedAt = reader.ReadAsDateTimeOffset();
                        break;
                    case "expiresAt":
                        expiresAt = reader.ReadAsDateTimeOffset();
                        break;
                    default:
                        reader.Read();
                        reader.Skip();
                        break;
                }
            }

            if (reader.TokenType != JsonToken.EndObject || string.IsNullOrEmpty(accessToken) || receivedAt is null || expiresAt is null || baseAddress is null
                || Uri.Compare(new Uri(baseAddress, UriKind.Absolute), server, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) != 0)
            {
                return null;
            }

            // The session's own rule: refresh within the margin of expiry, or half-way for a token that lives less than twice the margin.
            var lifetime = expiresAt.Value - receivedAt.Value;
            var margin = lifetime > TimeSpan.Zero && lifetime.Ticks / 2 < RefreshMargin.Ticks ? TimeSpan.FromTicks(lifetime.Ticks / 2) : RefreshMargin;
            return now < expiresAt.Value - margin ? new FreshStoredToken(accessToken!, expiresAt.Value) : null;
        }
    }
}
