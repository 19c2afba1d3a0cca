using System.CommandLine;
using System.Linq;

namespace Cadenza.Cli.Commands
{
    /// <summary><c>cadenza whoami</c>: asks the server who the stored session belongs to (so it also proves the session works).</summary>
    internal static class WhoamiCommand
    {
        public static Command Create(CliHost host)
        {
            var command = host.Globals.WithBaseUrlAndSessionFile(new Command("whoami", "Show the signed-in user (asks the server) and when the token expires"));
            command.SetAction(host.Action(async (parse, context, cancellationToken) =>
            {
                var session = await context.RequireSignedInAsync(cancellationToken).ConfigureAwait(false);
                var user = await session.GetUserAsync(cancellationToken).ConfigureAwait(false);
                // Read after the call: the call may have refreshed the token.
                var expiresAt = session.ExpiresAt;
                return new CommandOutput(
                    json =>
                    {
                        UserView.WriteJson(json, "user", user);
                        json.Property("expiresAt", expiresAt);
                    },
                    UserView.Describe(user).Append("Token expires: " + UserView.DescribeExpiry(expiresAt, context.Time.GetUtcNow())).ToArray());
            }));
            return command;
        }
    }
}
