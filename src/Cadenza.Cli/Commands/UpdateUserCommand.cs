using System.CommandLine;
using System.Linq;
using Cadenza.Client;

namespace Cadenza.Cli.Commands
{
    /// <summary><c>cadenza update-user</c>: changes the signed-in user's email, password or metadata.</summary>
    internal static class UpdateUserCommand
    {
        public static Command Create(CliHost host)
        {
            var email = CommonOptions.Email("A new email address", required: false);
            var passwordStdin = CommonOptions.PasswordStdin("Read a new password from the first line of standard input");
            var metadata = MetadataOption.Create("User metadata to set");
            var command = host.Globals.WithBaseUrlAndSessionFile(new Command("update-user", "Change the signed-in user's email, password or metadata") { email, passwordStdin, metadata });
            command.SetAction(host.Action(async (parse, context, cancellationToken) =>
            {
                var update = new AuthUpdateUserRequest
                {
                    Email = parse.GetValue(email)?.Trim(),
                    Metadata = parse.GetValue(metadata),
                };
                var changesPassword = parse.GetValue(passwordStdin);
                if (update.Email is null && update.Metadata is null && !changesPassword)
                {
                    throw new UsageException("Nothing to update: give --email, --password-stdin or --metadata.");
                }

                // The new password comes only from stdin: CADENZA_PASSWORD holds the current one, for login.
                var session = await context.RequireSignedInAsync(cancellationToken).ConfigureAwait(false);
                update.Password = changesPassword ? PasswordReader.ReadStdin(context) : null;
                var user = await session.UpdateUserAsync(update, cancellationToken).ConfigureAwait(false);
                return new CommandOutput(
                    json => UserView.WriteJson(json, "user", user),
                    new[] { "User updated." }.Concat(UserView.Describe(user)).ToArray());
            }));
            return command;
        }
    }
}
