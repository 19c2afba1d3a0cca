namespace Cadenza.Cli
{
    /// <summary>The process exit codes; scripts branch on these, so they never change meaning.</summary>
    internal static class ExitCodes
    {
        public const int Success = 0;

        /// <summary>The call was made and failed: HTTP error, network problem, not signed in.</summary>
        public const int Failure = 1;

        /// <summary>The command line was wrong; nothing was sent.</summary>
        public const int Usage = 2;
    }
}
