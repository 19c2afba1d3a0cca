using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.Threading;
using System.Threading.Tasks;
using Cadenza.Cli.Commands;

namespace Cadenza.Cli
{
    /// <summary>
    /// The <c>cadenza</c> command line, runnable in-process: console and environment are parameters, so tests run
    /// real commands without spawning a process.
    /// </summary>
    public static class CadenzaCli
    {
        /// <summary>Runs one command line.</summary>
        /// <param name="args">The arguments, without the program name.</param>
        /// <param name="console">Standard input, output and error.</param>
        /// <param name="environment">The environment variables (CADENZA_BASE_URL, CADENZA_SESSION_FILE, CADENZA_PASSWORD, CADENZA_DEBUG, HOME…).</param>
        /// <returns>The exit code: 0 success, 1 failure, 2 usage error.</returns>
        public static Task<int> RunAsync(string[] args, CliConsole console, IDictionary<string, string?> environment) =>
            RunAsync(args, console, environment, new CliHooks(), CancellationToken.None);

        internal static async Task<int> RunAsync(string[] args, CliConsole console, IDictionary<string, string?> environment, CliHooks hooks, CancellationToken cancellationToken)
        {
            var host = new CliHost(console, environment, hooks);
            try
            {
                var parse = CreateRootCommand(host).Parse(args);
                host.ReadJsonOption(parse);
                if (parse.Action is ParseErrorAction)
                {
                    var usage = UsageReport.Describe(parse);
                    usage.WriteTo(console, host.Json);
                    return usage.ExitCode;
                }

                var invocation = new InvocationConfiguration
                {
                    Output = console.Out,
                    Error = console.Error,
                    // Failures are ours to report: one line, never System.CommandLine's stack trace.
                    EnableDefaultExceptionHandler = false,
                    ProcessTerminationTimeout = hooks.HandleTermination ? TimeSpan.FromSeconds(2) : null,
                };
                return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                var failure = FailureReport.Describe(ex, host.Server);
                failure.WriteTo(console, host.Json);
                if (CliSettings.IsDebug(environment))
                {
                    console.Error.WriteLine(ex.ToString());
                }

                return failure.ExitCode;
            }
        }

        internal static RootCommand CreateRootCommand(CliHost host)
        {
            var root = new RootCommand("The Cadenza command line: sign up, log in, inspect and use the session of the Cadenza trading API.");
            host.Globals.AddTo(root);
            root.Add(SignupCommand.Create(host));
            root.Add(LoginCommand.Create(host));
            root.Add(StatusCommand.Create(host));
            root.Add(WhoamiCommand.Create(host));
            root.Add(TokenCommand.Create(host));
            root.Add(RefreshCommand.Create(host));
            root.Add(UpdateUserCommand.Create(host));
            root.Add(RecoverCommand.Create(host));
            root.Add(LogoutCommand.Create(host));
            root.Add(EmulatorCommand.Create(host));
            root.Add(WatchCommand.Create(host));
            root.Add(DemoCommand.Create(host));
            host.Globals.RejectWhereUnused(root);
            return root;
        }
    }
}
