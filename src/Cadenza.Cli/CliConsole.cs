using System;
using System.IO;
using System.Text;

namespace Cadenza.Cli
{
    /// <summary>
    /// The streams the CLI talks through. The real console in production; strings in tests, so a whole command can run
    /// in-process and its output be asserted.
    /// </summary>
    public sealed class CliConsole
    {
        private readonly Func<string, string?>? _readSecret;
        private readonly Func<TextReader> _openInput;
        private TextReader? _input;

        /// <summary>Creates a console over the given streams.</summary>
        /// <param name="input">Standard input (passwords with <c>--password-stdin</c>).</param>
        /// <param name="output">Standard output: results only, so scripts can capture them.</param>
        /// <param name="error">Standard error: warnings, prompts and the one-line failure message.</param>
        /// <param name="isInputRedirected">False when standard input is an interactive terminal (prompting is then allowed).</param>
        /// <param name="readSecret">Shows a prompt and reads a line without echoing it; null when there is no terminal.</param>
        public CliConsole(TextReader input, TextWriter output, TextWriter error, bool isInputRedirected = true, Func<string, string?>? readSecret = null)
            : this(() => input, output, error, isInputRedirected, readSecret)
        {
            if (input is null)
            {
                throw new ArgumentNullException(nameof(input));
            }
        }

        private CliConsole(Func<TextReader> openInput, TextWriter output, TextWriter error, bool isInputRedirected, Func<string, string?>? readSecret)
        {
            _openInput = openInput;
            Out = output ?? throw new ArgumentNullException(nameof(output));
            Error = error ?? throw new ArgumentNullException(nameof(error));
            IsInputRedirected = isInputRedirected;
            _readSecret = readSecret;
        }

        /// <summary>Standard input, opened on first use (setting up the terminal costs start-up time that most commands need not pay).</summary>
        public TextReader In => _input ??= _openInput();

        /// <summary>Standard output.</summary>
        public TextWriter Out { get; }

        /// <summary>Standard error.</summary>
        public TextWriter Error { get; }

        /// <summary>False when standard input is an interactive terminal.</summary>
        public bool IsInputRedirected { get; }

        /// <summary>Whether a password can be asked for without echo.</summary>
        public bool CanPrompt => !IsInputRedirected && _readSecret != null;

        /// <summary>The process's own console.</summary>
        /// <returns>A console over standard input, output and error.</returns>
        public static CliConsole FromSystemConsole() =>
            new CliConsole(() => Console.In, Console.Out, Console.Error, Console.IsInputRedirected, ReadSecretFromTerminal);

        /// <summary>Shows <paramref name="prompt"/> and reads a line without echo.</summary>
        /// <param name="prompt">The prompt, written to standard error so standard output stays clean.</param>
        /// <returns>The line, or null when no terminal is available.</returns>
        public string? ReadSecret(string prompt) => CanPrompt ? _readSecret!(prompt) : null;

        // Console.ReadLine would echo the password; reading key by key with intercept keeps it off the screen.
        private static string? ReadSecretFromTerminal(string prompt)
        {
            Console.Error.Write(prompt);
            var secret = new StringBuilder();
            while (true)
            {
                var key = Console.ReadKey(intercept: true);
                if (key.Key == ConsoleKey.Enter)
                {
                    break;
                }

                if (key.Key == ConsoleKey.Backspace)
                {
                    if (secret.Length > 0)
                    {
                        secret.Length--;
                    }

                    continue;
                }

                if (!char.IsControl(key.KeyChar))
                {
                    secret.Append(key.KeyChar);
                }
            }

            Console.Error.WriteLine();
            return secret.ToString();
        }
    }
}
