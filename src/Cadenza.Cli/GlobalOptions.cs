using System.CommandLine;

namespace Cadenza.Cli
{
    /// <summary>The options every command accepts, before or after the command name.</summary>
    internal sealed class GlobalOptions
    {
        public Option<string?> BaseUrl { get; } = new Option<string?>("--base-url")
        {
            Description = $"The Cadenza server [env: {CliSettings.BaseUrlVariable}; default: {CliSettings.DefaultBaseUrl}]",
            HelpName = "url",
            Recursive = true,
        };

        public Option<string?> SessionFile { get; } = new Option<string?>("--session-file")
        {
            Description = $"Where the session (tokens) is kept between runs [env: {CliSettings.SessionFileVariable}; default: {CliSettings.DefaultSessionFileDescription}]",
            HelpName = "path",
            Recursive = true,
        };

        public Option<bool> Json { get; } = new Option<bool>("--json")
        {
            Description = "Print the result as one JSON object on standard output",
            Recursive = true,
        };

        public void AddTo(RootCommand root)
        {
            root.Add(BaseUrl);
            root.Add(SessionFile);
            root.Add(Json);
        }
    }
}
