using System;
using System.Collections.Generic;
using System.IO;
using Newtonsoft.Json;

namespace Cadenza.Cli
{
    /// <summary>
    /// What a command prints on success, in both forms: readable lines, and one JSON object for <c>--json</c>.
    /// Commands give both and the host picks one, so no command can forget the JSON form. The JSON is written only
    /// when asked for: building it would load JSON machinery that <c>cadenza token</c> in a loop does not need.
    /// </summary>
    internal sealed class CommandOutput
    {
        private readonly Action<JsonWriter> _writeJson;

        /// <param name="writeJson">Writes the properties after <c>"ok": true</c> (the host writes the braces).</param>
        /// <param name="lines">The text form.</param>
        public CommandOutput(Action<JsonWriter> writeJson, params string[] lines)
        {
            _writeJson = writeJson;
            Lines = lines;
        }

        public IReadOnlyList<string> Lines { get; }

        public void WriteTo(TextWriter output, bool json)
        {
            if (json)
            {
                JsonLine.Write(output, writer =>
                {
                    writer.WritePropertyName("ok");
                    writer.WriteValue(true);
                    _writeJson(writer);
                });
                return;
            }

            foreach (var line in Lines)
            {
                output.WriteLine(line);
            }
        }
    }
}
