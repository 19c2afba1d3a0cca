using System;
using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;

namespace Cadenza.Cli.Commands
{
    /// <summary>
    /// <c>cadenza token</c>: prints a valid access token and nothing else, for <c>curl -H "Authorization: Bearer $(cadenza token)"</c>.
    /// The only command that ever prints a token.
    /// </summary>
    internal static class TokenCommand
    {
        public static Command Create(CliHost host)
        {
            var command = host.Globals.WithBaseUrlAndSessionFile(new Command("token", "Print a valid access token (refreshed first when due) and nothing else"));
            command.SetAction(host.Action((parse, context, cancellationToken) =>
                FreshStoredToken.TryRead(context.Settings.SessionFile, context.Settings.BaseAddress, context.Time.GetUtcNow()) is { } fresh
                    ? Task.FromResult(Output(fresh.AccessToken, fresh.ExpiresAt))
                    : ThroughSessionAsync(context, cancellationToken)));
            return command;
        }

        // Due for refresh, or anything the fast path is not sure of: the session decides, refreshes and reports.
        private static async Task<CommandOutput> ThroughSessionAsync(CliContext context, CancellationToken cancellationToken)
        {
            var session = await context.RequireSignedInAsync(cancellationToken).ConfigureAwait(false);
            var token = await session.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
            return Output(token, session.ExpiresAt);
        }

        private static CommandOutput Output(string token, DateTimeOffset? expiresAt) => new CommandOutput(
            json =>
            {
                json.Property("accessToken", token);
                json.Property("expiresAt", expiresAt);
            },
            token);
    }
}
