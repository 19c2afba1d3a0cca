namespace Cadenza.Cli
{
    /// <summary>
    /// The <c>error.code</c> of a failure the CLI itself detected, in the server's style (upper snake case). A failure
    /// the server reported carries the server's <c>details.code</c> instead.
    /// </summary>
    internal static class CliErrorCodes
    {
        /// <summary>The command line was wrong (exit code 2).</summary>
        public const string Usage = "USAGE";

        /// <summary>No stored session for this server.</summary>
        public const string NotSignedIn = "NOT_SIGNED_IN";

        /// <summary>The session ended: logged out, or the refresh token was rejected.</summary>
        public const string SessionExpired = "SESSION_EXPIRED";

        /// <summary>No connection to the server, or no answer in time.</summary>
        public const string Unreachable = "UNREACHABLE";

        /// <summary>The command was cancelled (Ctrl+C).</summary>
        public const string Cancelled = "CANCELLED";

        /// <summary>The session file could not be written.</summary>
        public const string SessionNotSaved = "SESSION_NOT_SAVED";

        /// <summary>Signed out here, but the server did not confirm the logout.</summary>
        public const string LogoutNotConfirmed = "LOGOUT_NOT_CONFIRMED";

        /// <summary>The emulator could not start (for example, the port is in use).</summary>
        public const string EmulatorNotStarted = "EMULATOR_NOT_STARTED";

        /// <summary>A step of <c>cadenza demo</c> did not behave as expected.</summary>
        public const string DemoFailed = "DEMO_FAILED";

        /// <summary>A failure of any other kind (set CADENZA_DEBUG=1 for its details).</summary>
        public const string Unexpected = "UNEXPECTED";
    }
}
