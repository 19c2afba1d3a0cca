using System.CommandLine;
using Newtonsoft.Json.Linq;

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
            var command = new Command("token", "Print a valid access token (refreshed first when due) and nothing else");
            command.SetAction(host.Action(async (parse, context, cancellationToken) =>
            {
                var session = await context.RequireSignedInAsync(cancellationToken).ConfigureAwait(false);
                var token = await session.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
                return new CommandOutput(
                    new JObject { ["accessToken"] = token, ["expiresAt"] = UserView.ToJson(session.ExpiresAt) },
                    token);
            }));
            return command;
        }
    }
}
