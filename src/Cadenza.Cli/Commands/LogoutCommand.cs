using System;
using System.CommandLine;
using Cadenza.Client;
using Newtonsoft.Json;

namespace Cadenza.Cli.Commands
{
    /// <summary><c>cadenza logout</c>: ends the session on the server and removes it from the session file.</summary>
    internal static class LogoutCommand
    {
        public static Command Create(CliHost host)
        {
            var command = host.Globals.WithBaseUrlAndSessionFile(new Command("logout", "Log out: end the session on the server and forget it here"));
            command.SetAction(host.Action(async (parse, context, cancellationToken) =>
            {
                // Signed out already (or an unreadable session file, which must stay for inspection): nothing to do.
                if (!await context.RestoreAsync(cancellationToken).ConfigureAwait(false))
                {
                    return new CommandOutput(json => SignedOut(json, wasSignedIn: false), "Not signed in; nothing to do.");
                }

                var session = context.Session;
                try
                {
                    await session.LogoutAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!(ex is OperationCanceledException) && session.State == CadenzaSessionState.SignedOut)
                {
                    // The SDK clears the local session even when the server call fails; say both halves.
                    var reason = FailureReport.Describe(ex, context.Settings.BaseAddress).Message;
                    throw new CliFailure(CliErrorCodes.LogoutNotConfirmed, "Signed out locally, but the server did not confirm the logout: " + reason, ex);
                }

                return new CommandOutput(json => SignedOut(json, wasSignedIn: true), "Signed out.");
            }));
            return command;
        }

        private static void SignedOut(JsonWriter json, bool wasSignedIn)
        {
            json.Property("signedOut", true);
            json.Property("wasSignedIn", wasSignedIn);
        }
    }
}
