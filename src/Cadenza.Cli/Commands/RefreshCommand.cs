using System.CommandLine;
using Newtonsoft.Json.Linq;

namespace Cadenza.Cli.Commands
{
    /// <summary><c>cadenza refresh</c>: refreshes the access token now, whether or not it is due.</summary>
    internal static class RefreshCommand
    {
        public static Command Create(CliHost host)
        {
            var command = new Command("refresh", "Refresh the access token now");
            command.SetAction(host.Action(async (parse, context, cancellationToken) =>
            {
                var session = await context.RequireSignedInAsync(cancellationToken).ConfigureAwait(false);
                await session.RefreshAsync(cancellationToken).ConfigureAwait(false);
                return new CommandOutput(
                    new JObject { ["refreshed"] = true, ["expiresAt"] = UserView.ToJson(session.ExpiresAt) },
                    "Token refreshed; it expires " + UserView.DescribeExpiry(session.ExpiresAt, context.Time.GetUtcNow()) + ".");
            }));
            return command;
        }
    }
}
