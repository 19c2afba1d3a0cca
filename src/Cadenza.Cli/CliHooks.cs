using System;
using System.Net.Http;

namespace Cadenza.Cli
{
    /// <summary>
    /// What tests replace: the HTTP transport (MockHttp, never the internet) and the clock. Internal on purpose:
    /// the tool's users have no reason to swap these, and the public surface stays the command line.
    /// </summary>
    internal sealed class CliHooks
    {
        /// <summary>The innermost HTTP handler; null for a real connection pool.</summary>
        public HttpMessageHandler? Transport { get; init; }

        /// <summary>The clock used for token expiry.</summary>
        public TimeProvider Time { get; init; } = TimeProvider.System;

        /// <summary>
        /// Whether Ctrl+C / SIGTERM cancel the running command (System.CommandLine's handler). Off in tests, where
        /// many runs share one process and must not register process-wide signal handlers.
        /// </summary>
        public bool HandleTermination { get; init; } = true;
    }
}
