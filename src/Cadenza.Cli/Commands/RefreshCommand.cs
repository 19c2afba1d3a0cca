using System.CommandLine;

namespace Cadenza.Cli.Commands
{
    /// <summary><c>cadenza refresh</c>: refreshes the access token now, whether or not it is due.</summary>
    internal static class RefreshCommand
    {
        public static Command Create(CliHost host)
        {
            var command = host.Globals.WithBaseUrlAndSessionFile(new Command("refresh", "Refresh the access token now"));
            command.SetAction(host.Action(async (parse, context, cancellationToken) =>
            {
                var session = await context.RequireSignedInAsync(cancellationToken).ConfigureAwait(false);
                await session.RefreshAsync(cancellationToken).ConfigureAwait(false);
                return new CommandOutput(
                    json =>
                    {
                        json.Property("refreshed", true);
                        json.Property("expiresAt", session.ExpiresAt);
                    },
                    "Token refreshed; it expires " + UserView.DescribeExpiry(session.ExpiresAt, context.Time.GetUtcNow()) + ".");
            }));
            return command;
        }
    }
}
