using System;

namespace Cadenza.Cli
{
    /// <summary>The command line asked for something impossible or incomplete (exit code 2): nothing was sent.</summary>
    internal sealed class UsageException : Exception
    {
        public UsageException(string message)
            : base(message)
        {
        }
    }
}
