using System;

namespace Cadenza.Cli
{
    /// <summary>A failure the CLI itself detected, already worded for the user (exit code 1).</summary>
    internal sealed class CliFailure : Exception
    {
        public CliFailure(string message)
            : base(message)
        {
        }
    }
}
