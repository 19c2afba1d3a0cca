using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;

namespace Cadenza.Cli
{
    /// <summary>One run of the CLI: the console, the environment, the test hooks and the options the commands share.</summary>
    internal sealed class CliHost
    {
        public CliHost(CliConsole console, IDictionary<string, string?> environment, CliHooks hooks)
        {
            Console = console;
            Environment = environment;
            Hooks = hooks;
        }

        public CliConsole Console { get; }

        public IDictionary<string, string?> Environment { get; }

        public CliHooks Hooks { get; }

        public GlobalOptions Globals { get; } = new GlobalOptions();

        /// <summary>The server of the command being run, once known: failures name it.</summary>
        public Uri? Server { get; private set; }

        /// <summary>Whether <c>--json</c> was given: results and failures are then one JSON object on standard output.</summary>
        public bool Json { get; private set; }

        public void ReadJsonOption(ParseResult parse)
        {
            try
            {
                Json = parse.GetResult(Globals.Json) != null && parse.GetValue(Globals.Json);
            }
            catch (InvalidOperationException)
            {
                Json = false; // `--json` itself did not parse: report in text
            }
        }

        public CliSettings ResolveSettings(ParseResult parse)
        {
            var settings = CliSettings.Resolve(parse.GetValue(Globals.BaseUrl), parse.GetValue(Globals.SessionFile), Environment);
            Server = settings.BaseAddress;
            return settings;
        }

        /// <summary>
        /// The action of an ordinary command: run it, make sure its session change reached the file, then print
        /// the result (text or JSON). Failures propagate to <see cref="CadenzaCli"/>, which maps them to an exit code.
        /// </summary>
        public Func<ParseResult, CancellationToken, Task<int>> Action(Func<ParseResult, CliContext, CancellationToken, Task<CommandOutput>> command) =>
            async (parse, cancellationToken) =>
            {
                using var context = new CliContext(Console, Environment, Hooks, ResolveSettings(parse), Json);
                var output = await command(parse, context, cancellationToken).ConfigureAwait(false);
                context.ThrowIfSessionNotSaved();
                output.WriteTo(Console.Out, Json);
                return ExitCodes.Success;
            };
    }
}
