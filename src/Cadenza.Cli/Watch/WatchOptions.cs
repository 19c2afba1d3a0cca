using System.CommandLine;

namespace Cadenza.Cli.Watch
{
    /// <summary>The options every <c>watch</c> subcommand takes (given before or after the subcommand's name).</summary>
    internal sealed class WatchOptions
    {
        public Option<string?> WebSocketUrl { get; } = new Option<string?>("--ws-url")
        {
            Description = $"The WebSocket server [env: {WebSocketAddress.Variable}; default: the one paired with --base-url, or the emulator's own]",
            HelpName = "url",
            Recursive = true,
        };

        public Option<int?> Count { get; } = CreateCount();

        private static Option<int?> CreateCount()
        {
            var count = new Option<int?>("--count") { Description = "Stop after this many updates (default: until Ctrl+C)", HelpName = "N", Recursive = true };
            count.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int?>() is < 1)
                {
                    result.AddError("--count must be at least 1.");
                }
            });
            return count;
        }
    }
}
