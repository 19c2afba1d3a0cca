using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Cadenza.Emulator;
using Microsoft.Extensions.Logging;

namespace Cadenza.Cli.Commands
{
    /// <summary><c>cadenza emulator</c>: a local, in-memory Cadenza server on 127.0.0.1, until Ctrl+C.</summary>
    internal static class EmulatorCommand
    {
        public static Command Create(CliHost host)
        {
            var port = new Option<int>("--port")
            {
                Description = "The TCP port on 127.0.0.1 (default: any free port, printed at start)",
                HelpName = "N",
                DefaultValueFactory = _ => 0,
            };
            port.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int>() is < 0 or > 65535)
                {
                    result.AddError("--port must be between 0 and 65535.");
                }
            });
            var lifetime = new Option<int>("--token-lifetime")
            {
                Description = "How long access tokens live, in seconds",
                HelpName = "seconds",
                DefaultValueFactory = _ => 3600,
            };
            lifetime.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int>() < 1)
                {
                    result.AddError("--token-lifetime must be at least 1 second.");
                }
            });

            var reuseInterval = new Option<int>("--refresh-token-reuse-interval")
            {
                Description = "How long a spent refresh token may come back without revoking its session, in seconds (GoTrue's setting; 0: any reuse revokes)",
                HelpName = "seconds",
                DefaultValueFactory = _ => 10,
            };
            reuseInterval.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int>() < 0)
                {
                    result.AddError("--refresh-token-reuse-interval cannot be negative (0 is the strict mode).");
                }
            });

            var command = new Command("emulator", "Run a local, in-memory Cadenza server on 127.0.0.1 until Ctrl+C") { port, lifetime, reuseInterval };
            command.SetAction(async (parse, cancellationToken) =>
            {
                var console = host.Console;
                var json = host.Json;
                var requestedPort = parse.GetValue(port);
                var tokenLifetime = TimeSpan.FromSeconds(parse.GetValue(lifetime));
                var requestLog = new LineLoggerProvider(console.Out, host.Hooks.Time);
                var options = new CadenzaEmulatorOptions
                {
                    Port = requestedPort,
                    TokenLifetime = tokenLifetime,
                    RefreshTokenReuseInterval = TimeSpan.FromSeconds(parse.GetValue(reuseInterval)),
                    TimeProvider = host.Hooks.Time,
                    // With --json, standard output carries the one JSON object only.
                    ConfigureLogging = json ? null : logging => logging.AddProvider(requestLog),
                };

                CadenzaEmulator emulator;
                try
                {
                    emulator = await CadenzaEmulator.StartAsync(options, cancellationToken).ConfigureAwait(false);
                }
                catch (IOException ex)
                {
                    throw new CliFailure(CliErrorCodes.EmulatorNotStarted, $"Cannot start the emulator on 127.0.0.1:{requestedPort}: {FailureReport.OneLine(ex.Message)}");
                }

                await using (emulator.ConfigureAwait(false))
                {
                    requestLog.Enabled = true;
                    new CommandOutput(
                        writer =>
                        {
                            writer.Property("baseAddress", emulator.BaseAddress.AbsoluteUri);
                            writer.Property("tokenLifetime", (long)tokenLifetime.TotalSeconds);
                        },
                        $"Cadenza emulator listening on {emulator.BaseAddress} (tokens live {(int)tokenLifetime.TotalSeconds} s; everything is in memory). Ctrl+C stops it.",
                        $"Point the CLI at it with: export CADENZA_BASE_URL={emulator.BaseAddress}").WriteTo(console.Out, json);

                    try
                    {
                        await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        // Ctrl+C is how this command ends: a success, not a failure.
                    }
                }

                if (!json)
                {
                    console.Out.WriteLine("Emulator stopped.");
                }

                return ExitCodes.Success;
            });
            return command;
        }
    }
}
