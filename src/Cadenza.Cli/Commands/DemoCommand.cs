using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Cadenza.Client;
using Cadenza.Emulator;

namespace Cadenza.Cli.Commands
{
    /// <summary>
    /// <c>cadenza demo</c>: starts an emulator in this process and walks one <see cref="CadenzaSession"/> through
    /// its whole life, including an automatic token refresh, printing ✓ or ✗ per step. Exit 0 only when every step
    /// behaved as expected. It never touches the user's own session file or server.
    /// </summary>
    internal static class DemoCommand
    {
        public static Command Create(CliHost host)
        {
            var command = new Command(
                "demo",
                "Start an in-process emulator and run signup, login, whoami, an automatic token refresh, a real-time order book, update-user and logout against it");
            command.SetAction((parse, cancellationToken) => new DemoScript(host.Console, host.Hooks, host.Json).RunAsync(cancellationToken));
            return command;
        }

        private sealed class DemoScript
        {
            // Short enough to see a refresh within seconds; the margin is below the lifetime so the token is
            // first used unrefreshed, then refreshed by the session on its own once the margin is reached.
            private static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(2);
            private static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(1);

            private readonly CliConsole _console;
            private readonly TimeProvider _time;
            private readonly bool _json;
            private readonly List<(string Step, bool Ok, string Detail)> _steps = new List<(string Step, bool Ok, string Detail)>();
            private int _refreshes;

            public DemoScript(CliConsole console, CliHooks hooks, bool json)
            {
                _console = console;
                _time = hooks.Time;
                _json = json;
            }

            public async Task<int> RunAsync(CancellationToken cancellationToken)
            {
                // A folder of its own under the temp directory: the user's real session file is never read or written.
                var folder = Path.Combine(Path.GetTempPath(), "cadenza-demo-" + Guid.NewGuid().ToString("N"));
                var sessionFile = Path.Combine(folder, "session.json");
                bool allPassed;
                Uri address;
                try
                {
                    await using var emulator = await CadenzaEmulator.StartAsync(
                        new CadenzaEmulatorOptions { TokenLifetime = TokenLifetime, TimeProvider = _time, PasswordHashIterations = 10_000 },
                        cancellationToken).ConfigureAwait(false);
                    address = emulator.BaseAddress;
                    Say($"Cadenza demo against an in-process emulator at {address} (tokens live {TokenLifetime.TotalSeconds} s, refreshed {RefreshMargin.TotalSeconds} s before expiry).");
                    Say($"Session file: {sessionFile} (temporary, deleted at the end).");

                    using var session = new CadenzaSession(new CadenzaSessionOptions
                    {
                        BaseAddress = address,
                        Store = new FileSessionStore(sessionFile),
                        RefreshMargin = RefreshMargin,
                        TimeProvider = _time,
                        RefreshInBackground = false, // the demo shows the refresh happening before the call
                    });
                    session.Changed += (_, change) =>
                    {
                        if (change.Change == CadenzaSessionChange.TokenRefreshed)
                        {
                            Interlocked.Increment(ref _refreshes);
                        }
                    };

                    allPassed = await RunStepsAsync(session, emulator, sessionFile, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    DeleteQuietly(folder);
                }

                if (_json)
                {
                    WriteJson(address, allPassed);
                }
                else
                {
                    _console.Out.WriteLine(allPassed
                        ? $"All {_steps.Count} steps behaved as expected."
                        : $"The demo stopped at a step that did not behave as expected ({_steps.Count} run).");
                }

                return allPassed ? ExitCodes.Success : ExitCodes.Failure;
            }

            private async Task<bool> RunStepsAsync(CadenzaSession session, CadenzaEmulator emulator, string sessionFile, CancellationToken cancellationToken)
            {
                var email = "demo-" + Guid.NewGuid().ToString("N").Substring(0, 8) + "@example.com";
                var password = "demo-" + Guid.NewGuid().ToString("N");

                return await StepAsync("signup", async () =>
                    {
                        var result = await session.SignUpAsync(email, password, new Dictionary<string, object> { ["source"] = "cadenza demo" }, cancellationToken).ConfigureAwait(false);
                        Expect(result.SignedIn && session.State == CadenzaSessionState.SignedIn, "the emulator answered the sign-up without a session");
                        return $"created {result.User.Email} (user id {result.User.Id}), signed in";
                    }).ConfigureAwait(false)
                    && await StepAsync("login", async () =>
                    {
                        await session.LoginAsync(email, password, cancellationToken).ConfigureAwait(false);
                        Expect(File.Exists(sessionFile), "the session file was not written");
                        var mode = OperatingSystem.IsWindows() ? string.Empty : $", mode {Convert.ToString((int)File.GetUnixFileMode(sessionFile), 8)}";
                        Expect(OperatingSystem.IsWindows() || File.GetUnixFileMode(sessionFile) == (UnixFileMode.UserRead | UnixFileMode.UserWrite), "the session file is readable by others");
                        return $"signed in; token expires {Expiry(session)}; session saved{mode}";
                    }).ConfigureAwait(false)
                    && await StepAsync("whoami", async () =>
                    {
                        var user = await session.GetUserAsync(cancellationToken).ConfigureAwait(false);
                        Expect(string.Equals(user.Email, email, StringComparison.OrdinalIgnoreCase), $"the server says {user.Email}, not {email}");
                        return $"{user.Email}, role {user.Role}, user id {user.Id}";
                    }).ConfigureAwait(false)
                    && await StepAsync("token refresh", () => AutomaticRefreshAsync(session, cancellationToken)).ConfigureAwait(false)
                    && await StepAsync("real-time", () => DemoRealtimeStep.RunAsync(session, emulator, _time, cancellationToken)).ConfigureAwait(false)
                    && await StepAsync("update-user", async () =>
                    {
                        var user = await session.UpdateUserAsync(
                            new AuthUpdateUserRequest { Metadata = new Dictionary<string, object> { ["desk"] = "rates" } }, cancellationToken).ConfigureAwait(false);
                        Expect(user.UserMetadata?.TryGetValue("desk", out var desk) == true && Convert.ToString(desk, CultureInfo.InvariantCulture) == "rates", "the metadata did not change");
                        return "metadata desk=rates saved on the server";
                    }).ConfigureAwait(false)
                    && await StepAsync("logout", async () =>
                    {
                        await session.LogoutAsync(cancellationToken).ConfigureAwait(false);
                        Expect(session.State == CadenzaSessionState.SignedOut, "the session is still signed in");
                        Expect(!File.Exists(sessionFile), "the session file is still there");
                        return "signed out; the session file is gone";
                    }).ConfigureAwait(false)
                    && await StepAsync("whoami after logout", async () =>
                    {
                        try
                        {
                            var user = await session.GetUserAsync(cancellationToken).ConfigureAwait(false);
                            throw new CliFailure(CliErrorCodes.DemoFailed, $"the server still answered for {user.Email}");
                        }
                        catch (CadenzaSessionExpiredException expired)
                        {
                            return "refused with CadenzaSessionExpiredException, as it should be: " + FailureReport.OneLine(expired.Message);
                        }
                    }).ConfigureAwait(false);
            }

            // Waits until the session's refresh point has passed (but the token has not yet expired), then makes an
            // ordinary bearer call: the session must refresh on its own before sending it.
            private async Task<string> AutomaticRefreshAsync(CadenzaSession session, CancellationToken cancellationToken)
            {
                var refreshesBefore = Volatile.Read(ref _refreshes);
                var expiresAt = session.ExpiresAt ?? throw new CliFailure(CliErrorCodes.DemoFailed, "the login did not say when the token expires");

                // Past any refresh point: the margin is at least half the token's life, i.e. more than 250 ms here.
                var wait = expiresAt - TimeSpan.FromMilliseconds(250) - _time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    Say($"  … waiting {wait.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s, until the token is due for refresh");
                    await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                }

                var user = await session.GetUserAsync(cancellationToken).ConfigureAwait(false);
                Expect(Volatile.Read(ref _refreshes) > refreshesBefore, "no TokenRefreshed event: the session did not refresh by itself");
                Expect(session.ExpiresAt > expiresAt, "the refreshed token does not expire later than the old one");
                return $"the bearer call (whoami as {user.Email}) refreshed the token first (TokenRefreshed event); new expiry {Expiry(session)}";
            }

            private async Task<bool> StepAsync(string name, Func<Task<string>> step)
            {
                string detail;
                bool passed;
                try
                {
                    detail = await step().ConfigureAwait(false);
                    passed = true;
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    detail = FailureReport.Describe(ex, server: null).Message;
                    passed = false;
                }

                _steps.Add((name, passed, detail));
                Say($"{(passed ? "✓" : "✗")} {name,-20} {detail}");
                return passed;
            }

            // A failed demo is a failure like any other: {"ok":false,"error":{…}}, with the steps beside it.
            private void WriteJson(Uri emulator, bool allPassed) => JsonLine.Write(_console.Out, writer =>
            {
                writer.Property("ok", allPassed);
                if (!allPassed)
                {
                    var failed = _steps.Find(s => !s.Ok);
                    writer.WritePropertyName("error");
                    writer.WriteStartObject();
                    writer.Property("status", (long?)null);
                    writer.Property("errno", (long?)null);
                    writer.Property("code", CliErrorCodes.DemoFailed);
                    writer.Property("message", $"The demo step '{failed.Step}' did not behave as expected: {failed.Detail}");
                    writer.WriteEndObject();
                }

                writer.Property("emulator", emulator.AbsoluteUri);
                writer.WritePropertyName("steps");
                writer.WriteStartArray();
                foreach (var (step, ok, detail) in _steps)
                {
                    writer.WriteStartObject();
                    writer.Property("step", step);
                    writer.Property("ok", ok);
                    writer.Property("detail", detail);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            });

            private string Expiry(CadenzaSession session) => UserView.DescribeExpiry(session.ExpiresAt, _time.GetUtcNow());

            private void Say(string line)
            {
                if (!_json)
                {
                    _console.Out.WriteLine(line);
                }
            }

            private static void Expect(bool condition, string failure)
            {
                if (!condition)
                {
                    throw new CliFailure(CliErrorCodes.DemoFailed, failure);
                }
            }

            private static void DeleteQuietly(string folder)
            {
                try
                {
                    if (Directory.Exists(folder))
                    {
                        Directory.Delete(folder, recursive: true);
                    }
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    // Only a temporary folder with a signed-out session in it; not worth failing the demo for.
                }
            }
        }
    }
}
