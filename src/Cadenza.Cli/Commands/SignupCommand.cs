using System.CommandLine;

namespace Cadenza.Cli.Commands
{
    /// <summary><c>cadenza signup</c>: creates an account. Like the API, it does not log in.</summary>
    internal static class SignupCommand
    {
        public static Command Create(CliHost host)
        {
            var email = CommonOptions.Email("The email address of the new account", required: true);
            var passwordStdin = CommonOptions.PasswordStdin($"Read the password from the first line of standard input (else {CliSettings.PasswordVariable}, else a prompt)");
            var metadata = MetadataOption.Create("User metadata to store with the account");
            var command = host.Globals.WithBaseUrl(new Command("signup", "Create an account (does not log in)") { email, passwordStdin, metadata });
            command.SetAction(host.Action(async (parse, context, cancellationToken) =>
            {
                var address = parse.GetRequiredValue(email).Trim();
                // A new password is typed twice: a typo here would lock the user out of the new account.
                var password = PasswordReader.Read(context, parse.GetValue(passwordStdin), confirmPrompt: true);
                var user = await context.Session.SignUpAsync(address, password, parse.GetValue(metadata), cancellationToken).ConfigureAwait(false);
                return new CommandOutput(
                    json => UserView.WriteJson(json, "user", user),
                    $"Account created for {user.Email ?? address} (user id {user.Id?.ToString() ?? "unknown"}).",
                    $"Log in with: cadenza login --email {address}");
            }));
            return command;
        }
    }
}
