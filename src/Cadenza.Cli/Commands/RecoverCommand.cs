using System.CommandLine;

namespace Cadenza.Cli.Commands
{
    /// <summary><c>cadenza recover</c>: asks the server to email a password-recovery link. Needs no session.</summary>
    internal static class RecoverCommand
    {
        public static Command Create(CliHost host)
        {
            var email = CommonOptions.Email("The account's email address", required: true);
            var command = host.Globals.WithBaseUrl(new Command("recover", "Ask for a password-recovery email") { email });
            command.SetAction(host.Action(async (parse, context, cancellationToken) =>
            {
                var address = parse.GetRequiredValue(email).Trim();
                var acknowledgement = await context.Session.RecoverAsync(address, cancellationToken).ConfigureAwait(false);
                return new CommandOutput(
                    json =>
                    {
                        json.Property("email", address);
                        json.Property("result", acknowledgement);
                    },
                    $"Password recovery requested for {address}: if the account exists, an email is on its way.");
            }));
            return command;
        }
    }
}
