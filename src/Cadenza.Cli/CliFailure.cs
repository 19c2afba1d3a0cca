using System;

namespace Cadenza.Cli
{
    /// <summary>A failure the CLI itself detected, already worded for the user (exit code 1).</summary>
    internal sealed class CliFailure : Exception
    {
        public CliFailure(string code, string message, Exception? cause = null)
            : base(message, cause)
        {
            Code = code;
        }

        /// <summary>One of <see cref="CliErrorCodes"/>.</summary>
        public string Code { get; }
    }
}
