using System;
using System.CommandLine;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Cadenza.Client;
using Newtonsoft.Json.Linq;

namespace Cadenza.Cli.Watch
{
    /// <summary>
    /// One <c>cadenza watch</c>: checks the arguments, connects with the stored session, then prints each update until
    /// Ctrl+C (exit 0) or <c>--count</c>. Connection changes and gaps go to standard error in text; with <c>--json</c>,
    /// standard output carries only JSON objects: one per update, one per gap (the consumer must re-snapshot).
    /// </summary>
    internal sealed class WatchRun
    {
        /// <summary>How long the first connection may take, retries included, before the watch gives up.</summary>
        private static readonly TimeSpan FirstConnectTimeout = TimeSpan.FromSeconds(20);

        private readonly CliHost _host;
        private readonly WatchOptions _options;
        private readonly ParseResult _parse;
        private readonly Func<CadenzaRealtime, ParseResult, WatchTarget> _target;
        private string? _lastProblem;
        private bool _connectedBefore;

        public WatchRun(CliHost host, WatchOptions options, ParseResult parse, Func<CadenzaRealtime, ParseResult, WatchTarget> target)
        {
            _host = host;
            _options = options;
            _parse = parse;
            _target = target;
        }

        private CliConsole Console => _host.Console;

        public async Task<int> RunAsync(CancellationToken cancellationToken)
        {
            using var context = new CliContext(Console, _host.Environment, _host.Hooks, _host.ResolveSettings(_parse), _host.Json);
            var server = WebSocketAddress.Resolve(_parse.GetValue(_options.WebSocketUrl), _host.Environment, context.Settings.BaseAddress);
            await using var realtime = new CadenzaRealtime(context.Session, new CadenzaRealtimeOptions
            {
                ServerUri = server,
                TimeProvider = _host.Hooks.Time,
                LoggerFactory = context.LoggerFactory,
            });
            var target = Target(realtime); // bad arguments are usage errors, found before anything is sent
            await context.RequireSignedInAsync(cancellationToken).ConfigureAwait(false);

            realtime.StateChanged += OnStateChanged;
            await ConnectAsync(realtime, server, cancellationToken).ConfigureAwait(false);
            var updates = await PrintAsync(realtime.SubscribeRawAsync(target.Channel), target, cancellationToken).ConfigureAwait(false);
            if (!_host.Json && updates.Stopped)
            {
                Console.Error.WriteLine($"Stopped after {updates.Count} update{(updates.Count == 1 ? "" : "s")}.");
            }

            return ExitCodes.Success;
        }

        private WatchTarget Target(CadenzaRealtime realtime)
        {
            try
            {
                return _target(realtime, _parse);
            }
            catch (ArgumentException ex)
            {
                // The SDK's own check of a symbol or account id: its message without " (Parameter 'symbol')".
                var message = ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty);
                throw new UsageException(message);
            }
        }

        private async Task ConnectAsync(CadenzaRealtime realtime, Uri server, CancellationToken cancellationToken)
        {
            using var timeout = new CancellationTokenSource(FirstConnectTimeout, _host.Hooks.Time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            try
            {
                await realtime.ConnectAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new CliFailure(
                    CliErrorCodes.Unreachable,
                    $"Cannot connect to {server.AbsoluteUri} within {FirstConnectTimeout.TotalSeconds:0} s: {_lastProblem ?? "no answer"}.");
            }
        }

        private async Task<(long Count, bool Stopped)> PrintAsync(CadenzaSubscription<CadenzaPublication> subscription, WatchTarget target, CancellationToken cancellationToken)
        {
            var limit = _parse.GetValue(_options.Count);
            subscription.Gap += OnGap;
            long count = 0;
            try
            {
                await foreach (var publication in subscription.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    if (Print(publication, target) && ++count == limit)
                    {
                        return (count, false);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return (count, true); // Ctrl+C is how a watch ends: a success, not a failure
            }

            throw new CliFailure(CliErrorCodes.Unexpected, $"The subscription to {target.Channel} ended.");
        }

        private bool Print(CadenzaPublication publication, WatchTarget target)
        {
            if (_host.Json)
            {
                JsonLine.Write(Console.Out, writer =>
                {
                    writer.Property("channel", publication.Channel);
                    writer.Property("offset", publication.Offset);
                    writer.Property("time", publication.Time);
                    writer.WritePropertyName("data");
                    publication.GetData().WriteTo(writer); // re-written on one line, whatever spacing the server used
                });
                return true;
            }

            string line;
            try
            {
                line = target.Line(publication);
            }
            catch (CadenzaRealtimeException ex)
            {
                Console.Error.WriteLine("warning: skipped: " + FailureReport.OneLine(ex.Message));
                return false;
            }

            Console.Out.WriteLine(_host.Hooks.Time.GetUtcNow().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) + " " + line);
            return true;
        }

        private void OnGap(object? sender, CadenzaGapEventArgs gap)
        {
            if (!_host.Json)
            {
                var lost = gap.Lost is { } n ? $"{n} update{(n == 1 ? "" : "s")} lost" : "updates may be lost";
                Console.Error.WriteLine($"warning: gap on {gap.Channel} ({gap.Reason}): {lost}{(gap.Detail is { } d ? "; " + d : "")}; the next snapshot makes it whole.");
                return;
            }

            JsonLine.Write(Console.Out, writer =>
            {
                writer.Property("channel", gap.Channel);
                writer.WritePropertyName("gap");
                new JObject { ["reason"] = gap.Reason.ToString(), ["lost"] = gap.Lost, ["detail"] = gap.Detail }.WriteTo(writer);
            });
        }

        private void OnStateChanged(object? sender, CadenzaRealtimeStateChangedEventArgs change)
        {
            var problem = change.Error is { } error ? FailureReport.OneLine(error.Message)
                : change.Reason is { Length: > 0 } reason ? $"{FailureReport.OneLine(reason)} ({change.Code})"
                : null;
            _lastProblem = problem ?? _lastProblem;
            // Standard error in both modes: these notes are for a person; standard output stays the updates.
            var note = change.State switch
            {
                CadenzaRealtimeState.Connected => _connectedBefore ? "Reconnected." : "Connected.",
                CadenzaRealtimeState.Connecting when _connectedBefore => "Connection lost" + (problem is null ? "" : ": " + problem) + "; reconnecting.",
                CadenzaRealtimeState.Closed when problem != null => "Connection closed: " + problem + ".",
                _ => null,
            };
            _connectedBefore |= change.State == CadenzaRealtimeState.Connected;
            if (note != null)
            {
                Console.Error.WriteLine(note);
            }
        }
    }
}
