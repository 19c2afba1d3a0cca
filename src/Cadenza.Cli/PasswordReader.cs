using System;

namespace Cadenza.Cli
{
    /// <summary>
    /// Where a password comes from, in order: standard input with <c>--password-stdin</c>, the CADENZA_PASSWORD
    /// variable, a no-echo prompt on a terminal. Never a command-line argument: those end up in shell history and
    /// in every other user's <c>ps</c>.
    /// </summary>
    internal static class PasswordReader
    {
        public static string Read(CliContext context, bool fromStdin, bool confirmPrompt)
        {
            if (fromStdin)
            {
                return ReadStdin(context);
            }

            if (CliSettings.Variable(context.Environment, CliSettings.PasswordVariable) is { } fromEnvironment)
            {
                return fromEnvironment;
            }

            if (!context.Console.CanPrompt)
            {
                throw new UsageException(
                    $"No password: standard input is not a terminal. Pipe it with --password-stdin, or set {CliSettings.PasswordVariable}.");
            }

            var password = context.Console.ReadSecret("Password: ");
            if (string.IsNullOrEmpty(password))
            {
                throw new UsageException("No password was entered.");
            }

            if (confirmPrompt && !string.Equals(password, context.Console.ReadSecret("Repeat password: "), StringComparison.Ordinal))
            {
                throw new UsageException("The passwords do not match.");
            }

            return password;
        }

        /// <summary>The first line of standard input, without its line break (like <c>docker login --password-stdin</c>).</summary>
        public static string ReadStdin(CliContext context)
        {
            var line = context.Console.In.ReadLine();
            if (string.IsNullOrEmpty(line))
            {
                throw new UsageException("--password-stdin was given, but standard input has no password.");
            }

            return line;
        }
    }
}
