using System.IO;
using Newtonsoft.Json;

namespace Cadenza.Cli
{
    /// <summary>
    /// A failed command, as the user sees it: the exit code and one line; with <c>--json</c>, one object on standard
    /// output instead, <c>{"ok":false,"error":{"status":…,"errno":…,"code":…,"message":…}}</c>.
    /// </summary>
    /// <param name="ExitCode">1 for a failure, 2 for a usage error.</param>
    /// <param name="Message">One line, free of secrets.</param>
    /// <param name="Status">The HTTP status, when a response said so.</param>
    /// <param name="Errno">The envelope's <c>errno</c>, when the server sent one.</param>
    /// <param name="Code">The server's <c>details.code</c>, else the CLI's own code (see <see cref="CliErrorCodes"/>).</param>
    internal sealed record CliError(int ExitCode, string Message, int? Status = null, int? Errno = null, string? Code = null)
    {
        public void WriteTo(CliConsole console, bool json)
        {
            if (!json)
            {
                console.Error.WriteLine(Message);
                return;
            }

            JsonLine.Write(console.Out, writer =>
            {
                writer.Property("ok", false);
                writer.WritePropertyName("error");
                writer.WriteStartObject();
                writer.Property("status", Status);
                writer.Property("errno", Errno);
                writer.Property("code", Code);
                writer.Property("message", Message);
                writer.WriteEndObject();
            });
        }
    }
}
