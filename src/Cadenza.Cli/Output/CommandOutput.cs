using System.Collections.Generic;
using System.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cadenza.Cli
{
    /// <summary>
    /// What a command prints on success, in both forms: readable lines, and one JSON object for <c>--json</c>.
    /// Commands build both and the host picks one, so no command can forget the JSON form.
    /// </summary>
    internal sealed class CommandOutput
    {
        public CommandOutput(JObject json, params string[] lines)
        {
            Json = json;
            Lines = lines;
        }

        public JObject Json { get; }

        public IReadOnlyList<string> Lines { get; }

        public void WriteTo(TextWriter output, bool json)
        {
            if (json)
            {
                // One line, so `| jq` and line-oriented tools both work.
                output.WriteLine(Json.ToString(Formatting.None));
                return;
            }

            foreach (var line in Lines)
            {
                output.WriteLine(line);
            }
        }
    }
}
