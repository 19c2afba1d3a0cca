using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cadenza.Client.Realtime.Protocol
{
    /// <summary>Cuts a JSON value out of the line being read, as the server wrote it, without building a DOM.</summary>
    internal static class RawJson
    {
        /// <summary>The raw text of the value the reader is on; the reader ends on the value's last token.</summary>
        public static string Read(LineReader reader)
        {
            if (reader.TokenType != JsonToken.StartObject && reader.TokenType != JsonToken.StartArray)
            {
                // A bare value (string, number, true, false, null): rare for a payload; re-written compactly.
                return JToken.ReadFrom(reader).ToString(Formatting.None);
            }

            // A line holds no raw newline (the protocol's separator), so LinePosition is the offset within the line:
            // just past '{' or '[' when the value starts, just past the matching '}' or ']' when it ends.
            var first = reader.LinePosition - 1;
            reader.Skip();
            return reader.Line.Substring(first, reader.LinePosition - first);
        }
    }
}
