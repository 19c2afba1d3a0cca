using System.CommandLine;
using System.Linq;

namespace Cadenza.Cli
{
    /// <summary>
    /// The options shared by several commands. <c>--json</c> applies to every command. <c>--base-url</c> and
    /// <c>--session-file</c> belong to the commands that use them, so each command's help lists only what it uses;
    /// they are also accepted before the command name (<c>cadenza --base-url URL login …</c>), and refused there for
    /// a command that would ignore them (<c>emulator</c>, <c>demo</c>).
    /// </summary>
    internal sealed class GlobalOptions
    {
        public Option<string?> BaseUrl { get; } = new Option<string?>("--base-url")
        {
            Description = $"The Cadenza server [env: {CliSettings.BaseUrlVariable}; default: {CliSettings.DefaultBaseUrl}]",
            HelpName = "url",
        };

        public Option<string?> SessionFile { get; } = new Option<string?>("--session-file")
        {
            Description = $"Where the session (tokens) is kept between runs [env: {CliSettings.SessionFileVariable}; default: {CliSettings.DefaultSessionFileDescription}]",
            HelpName = "path",
        };

        public Option<bool> Json { get; } = new Option<bool>("--json")
        {
            Description = "Print the result, or the failure, as one JSON object on standard output",
            Recursive = true,
        };

        public void AddTo(RootCommand root)
        {
            root.Add(BaseUrl);
            root.Add(SessionFile);
            root.Add(Json);
        }

        /// <summary>For a command that talks to the server.</summary>
        public Command WithBaseUrl(Command command)
        {
            command.Add(BaseUrl);
            return command;
        }

        /// <summary>For a command that talks to the server with the stored session.</summary>
        public Command WithBaseUrlAndSessionFile(Command command)
        {
            command.Add(BaseUrl);
            command.Add(SessionFile);
            return command;
        }

        /// <summary>Given before the name of a command that does not use it, <c>--base-url</c> or <c>--session-file</c> is a usage error.</summary>
        public void RejectWhereUnused(RootCommand root)
        {
            foreach (var command in root.Subcommands)
            {
                var unused = new Option[] { BaseUrl, SessionFile }.Where(o => !command.Options.Contains(o)).ToList();
                if (unused.Count == 0)
                {
                    continue;
                }

                command.Validators.Add(result =>
                {
                    foreach (var option in unused.Where(o => result.GetResult(o) is { Implicit: false }))
                    {
                        result.AddError($"'{command.Name}' does not use {option.Name}.");
                    }
                });
            }
        }
    }
}
