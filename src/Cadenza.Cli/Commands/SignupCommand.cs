using System.CommandLine;

namespace Cadenza.Cli.Commands
{
    /// <summary><c>cadenza signup</c>: creates an account, and keeps the session when the server signs the new user in.</summary>
    internal static class SignupCommand
    {
        public static Command Create(CliHost host)
        {
            var email = CommonOptions.Email("The email address of the new account", required: true);
            var passwordStdin = CommonOptions.PasswordStdin($"Read the password from the first line of standard input (else {CliSettings.PasswordVariable}, else a prompt)");
            var metadata = MetadataOption.Create("User metadata to store with the account");
            var command = host.Globals.WithBaseUrlAndSessionFile(new Command("signup", "Create an account (signed in at once unless the server wants the address confirmed)") { email, passwordStdin, metadata });
            command.SetAction(host.Action(async (parse, context, cancellationToken) =>
            {
                var address = parse.GetRequiredValue(email).Trim();
                // A new password is typed twice: a typo here would lock the user out of the new account.
                var password = PasswordReader.Read(context, parse.GetValue(passwordStdin), confirmPrompt: true);
                var result = await context.Session.SignUpAsync(address, password, parse.GetValue(metadata), cancellationToken).ConfigureAwait(false);
                var created = $"Account created for {result.User.Email ?? address} (user id {result.User.Id?.ToString() ?? "unknown"})";
                var expiresAt = result.SignedIn ? context.Session.ExpiresAt : null;
                void Json(Newtonsoft.Json.JsonWriter json)
                {
                    UserView.WriteJson(json, "user", result.User);
                    json.Property("signedIn", result.SignedIn);
                    json.Property("expiresAt", expiresAt);
                }

                return result.SignedIn
                    ? new CommandOutput(Json, created + " and signed in.", "Token expires: " + UserView.DescribeExpiry(expiresAt, context.Time.GetUtcNow()))
                    : new CommandOutput(Json, created + "; not signed in: the server wants the address confirmed first.", $"After confirming, log in with: cadenza login --email {address}");
            }));
            return command;
        }
    }
}
