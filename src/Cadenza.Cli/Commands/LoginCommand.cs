using System.CommandLine;

namespace Cadenza.Cli.Commands
{
    /// <summary><c>cadenza login</c>: logs in and keeps the tokens in the session file.</summary>
    internal static class LoginCommand
    {
        public static Command Create(CliHost host)
        {
            var email = CommonOptions.Email("The account's email address", required: true);
            var passwordStdin = CommonOptions.PasswordStdin($"Read the password from the first line of standard input (else {CliSettings.PasswordVariable}, else a prompt)");
            var command = host.Globals.WithBaseUrlAndSessionFile(new Command("login", "Log in and keep the session in the session file") { email, passwordStdin });
            command.SetAction(host.Action(async (parse, context, cancellationToken) =>
            {
                var address = parse.GetRequiredValue(email).Trim();
                var password = PasswordReader.Read(context, parse.GetValue(passwordStdin), confirmPrompt: false);
                var session = context.Session;
                var login = await session.LoginAsync(address, password, cancellationToken).ConfigureAwait(false);
                var user = session.User ?? login.User;
                return new CommandOutput(
                    json =>
                    {
                        UserView.WriteJson(json, "user", user);
                        json.Property("expiresAt", session.ExpiresAt);
                    },
                    $"Signed in as {user?.Email ?? address} (user id {user?.Id?.ToString() ?? "unknown"}).",
                    "Token expires: " + UserView.DescribeExpiry(session.ExpiresAt, context.Time.GetUtcNow()));
            }));
            return command;
        }
    }
}
