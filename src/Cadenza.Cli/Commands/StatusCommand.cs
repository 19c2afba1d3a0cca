using System;
using System.CommandLine;

namespace Cadenza.Cli.Commands
{
    /// <summary>
    /// <c>cadenza status</c>: signed in or not, to which server, as whom, until when; read from the session file
    /// alone, with no network call. Exit 1 when signed out, so scripts can ask <c>cadenza status &gt;/dev/null</c>.
    /// </summary>
    internal static class StatusCommand
    {
        public static Command Create(CliHost host)
        {
            var command = host.Globals.WithBaseUrlAndSessionFile(new Command(
                "status", "Show whether you are signed in, to which server, as whom and until when (from the session file; no network call)"));
            command.SetAction(host.Action(async (parse, context, cancellationToken) =>
            {
                var server = context.Settings.BaseAddress;
                var file = context.Settings.SessionFile;
                var stored = await context.Store.LoadAsync(cancellationToken).ConfigureAwait(false);
                context.WarnIfUnreadable();
                if (stored is null)
                {
                    throw new CliFailure(CliErrorCodes.NotSignedIn, $"Not signed in to {server} (no session in {file}): run 'cadenza login --email <address>'.");
                }

                // The session's own rule: a session stored for another server is never used for this one.
                if (stored.BaseAddress is { } other && Uri.Compare(other, server, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) != 0)
                {
                    throw new CliFailure(
                        CliErrorCodes.NotSignedIn,
                        $"Not signed in to {server}: the session in {file} is for {other.AbsoluteUri} (give --base-url {other.AbsoluteUri}, or log in to {server}).");
                }

                var now = context.Time.GetUtcNow();
                var user = stored.User;
                var expired = stored.ExpiresAt is DateTimeOffset at && at <= now;
                return new CommandOutput(
                    json =>
                    {
                        json.Property("signedIn", true);
                        json.Property("server", server.AbsoluteUri);
                        json.Property("sessionFile", file);
                        UserView.WriteJson(json, "user", user);
                        json.Property("expiresAt", stored.ExpiresAt);
                        json.Property("expired", expired);
                    },
                    $"Signed in to {server} as {user?.Email ?? "(unknown email)"} (user id {user?.Id?.ToString() ?? "unknown"}).",
                    "Token expires: " + UserView.DescribeExpiry(stored.ExpiresAt, now) + (expired ? "; the next command that needs it refreshes it" : string.Empty),
                    "Session file: " + file);
            }));
            return command;
        }
    }
}
