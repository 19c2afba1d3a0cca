using System;
using System.Threading;
using System.Threading.Tasks;
using Cadenza.Client.Realtime.Protocol;

namespace Cadenza.Client.Realtime
{
    /// <summary>What ended one connection attempt, and so what the loop does next.</summary>
    internal enum OutcomeKind
    {
        /// <summary>Lost or refused for a passing reason: reconnect after a delay.</summary>
        Transient,

        /// <summary>Error 109: the server says the token expired; refresh it and reconnect.</summary>
        TokenExpired,

        /// <summary>3500 or error 101: the server does not accept the token; refresh once, then give up.</summary>
        TokenRejected,

        /// <summary>The server asked not to reconnect, or the session is over: end everything with the error.</summary>
        Fatal,

        /// <summary>The owner stopped the loop.</summary>
        Stopped,
    }

    /// <summary>The reconnect policy: one attempt after another, and what each outcome leads to.</summary>
    internal sealed partial class ConnectionLoop
    {
        private async Task RunAsync()
        {
            var refreshedForRejection = false;
            var refreshedForExpiry = false;
            while (!_stopping.IsCancellationRequested)
            {
                var outcome = await ConnectOnceAsync().ConfigureAwait(false);
                if (outcome.Connected)
                {
                    refreshedForRejection = refreshedForExpiry = false;
                }

                try
                {
                    switch (outcome.Classify())
                    {
                        case OutcomeKind.Stopped:
                            return;
                        case OutcomeKind.Fatal:
                            End(outcome.Error!);
                            return;
                        case OutcomeKind.TokenExpired:
                            // Refreshed already and still "expired" (a server clock ahead of ours): do not hammer it.
                            if (refreshedForExpiry)
                            {
                                await Timing.DelayAsync(_options.TimeProvider, _backoff.Next(), _stopping.Token).ConfigureAwait(false);
                            }

                            refreshedForExpiry = true;
                            await _session.RefreshAsync(_stopping.Token).ConfigureAwait(false);
                            continue;
                        case OutcomeKind.TokenRejected when refreshedForRejection:
                            End(new CadenzaSessionExpiredException($"The WebSocket server rejected the session's access token ({outcome.Code} {outcome.Reason}), even after a refresh. Log in again."));
                            return;
                        case OutcomeKind.TokenRejected:
                            refreshedForRejection = true;
                            await _session.RefreshAsync(_stopping.Token).ConfigureAwait(false);
                            continue;
                    }

                    var delay = _backoff.Next();
                    RealtimeLog.Lost(_logger, outcome.Code, outcome.Reason ?? "connection failed", delay, outcome.Error);
                    await Timing.DelayAsync(_options.TimeProvider, delay, _stopping.Token).ConfigureAwait(false);
                }
                catch (CadenzaSessionExpiredException ex)
                {
                    End(ex);
                    return;
                }
                catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // a refresh that failed for a passing reason (network, 5xx): wait and try again
                catch (Exception ex)
                {
                    var delay = _backoff.Next();
                    RealtimeLog.Lost(_logger, 0, "the token could not be refreshed", delay, ex);
                    await Timing.DelayAsync(_options.TimeProvider, delay, CancellationToken.None).ConfigureAwait(false);
                }
#pragma warning restore CA1031
            }
        }

        private async Task<Outcome> ConnectOnceAsync()
        {
            RealtimeSocket? socket = null;
            Task? reading = null;
            var connected = false;
            try
            {
                var token = await _session.GetAccessTokenAsync(_stopping.Token).ConfigureAwait(false);
                using (var timeout = Timing.CancelAfter(_options.TimeProvider, _options.ConnectTimeout))
                using (var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _stopping.Token))
                {
                    socket = await RealtimeSocket.OpenAsync(_options.ServerUri, _options.TimeProvider, linked.Token).ConfigureAwait(false);
                    socket.Pushed += _channels.OnPush;
                    reading = socket.RunAsync();
                    var reply = await socket.CallAsync(id => CommandWriter.Connect(id, token, _options.ClientName, ClientVersion), linked.Token).ConfigureAwait(false);
                    if (reply.Error is { } refused)
                    {
                        socket.Abort("connect refused");
                        return Outcome.Refused(refused);
                    }

                    var result = reply.Connect ?? new ConnectResult();
                    socket.Token = token;
                    socket.WatchPings(result.Ping, _options.MaxServerPingDelay, result.Pong);
                    Connected(socket, result);
                    connected = true;
                }

                await reading.ConfigureAwait(false);
                return Outcome.Closed(socket.CloseCode, socket.CloseReason ?? socket.AbortReason, connected);
            }
            catch (CadenzaSessionExpiredException ex)
            {
                return new Outcome(OutcomeKind.Fatal, 0, ex.Message, ex, connected);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return new Outcome(OutcomeKind.Stopped, 0, null, null, connected);
            }
#pragma warning disable CA1031 // network down, DNS, TLS, a timeout, a 5xx while refreshing: all reasons to try again later
            catch (Exception ex) when (socket?.CloseCode > 0)
            {
                // The server closed while the connect command waited: its close code says what to do.
                return Outcome.Closed(socket.CloseCode, socket.CloseReason ?? ex.Message, connected);
            }
            catch (Exception ex)
            {
                var reason = ex is OperationCanceledException ? $"no connect reply within {Timing.Describe(_options.ConnectTimeout)}" : ex.Message;
                return new Outcome(OutcomeKind.Transient, socket?.CloseCode ?? 0, reason, ex, connected);
            }
#pragma warning restore CA1031
            finally
            {
                if (socket != null)
                {
                    socket.Abort("ended");
                    if (reading != null)
                    {
                        await reading.ConfigureAwait(false);
                    }

                    Disconnected(socket, Outcome.Closed(socket.CloseCode, socket.CloseReason ?? socket.AbortReason, connected));
                    socket.Dispose();
                }
            }
        }

        /// <summary>How a connection attempt ended.</summary>
        private readonly struct Outcome
        {
            public Outcome(OutcomeKind kind, int code, string? reason, Exception? error, bool connected)
            {
                Kind = kind;
                Code = code;
                Reason = reason;
                Error = error;
                Connected = connected;
            }

            public OutcomeKind Kind { get; }

            public int Code { get; }

            public string? Reason { get; }

            public Exception? Error { get; }

            /// <summary>Whether the connect command had succeeded before the connection ended.</summary>
            public bool Connected { get; }

            /// <summary>An error reply to the connect command.</summary>
            public static Outcome Refused(ReplyError error)
            {
                var kind = error.Code == 109 ? OutcomeKind.TokenExpired
                    : error.Code == 101 ? OutcomeKind.TokenRejected
                    : error.Temporary || error.Code < 100 ? OutcomeKind.Transient
                    : OutcomeKind.Fatal;
                var exception = kind == OutcomeKind.Fatal
                    ? new CadenzaRealtimeException($"The WebSocket server refused the connection: {error.Message} ({error.Code}).", error.Code, isTemporary: false)
                    : null;
                return new Outcome(kind, error.Code, error.Message, exception, connected: false);
            }

            /// <summary>The connection closed, with the server's code and reason when it gave them.</summary>
            public static Outcome Closed(int code, string? reason, bool connected)
            {
                // Codes 3500-3999 and 4500-4999 mean "do not reconnect" in the Centrifugo protocol; 3500 is "invalid token".
                var terminal = (code >= 3500 && code < 4000) || (code >= 4500 && code < 5000);
                var kind = code == 3500 ? OutcomeKind.TokenRejected : terminal ? OutcomeKind.Fatal : OutcomeKind.Transient;
                var exception = kind == OutcomeKind.Fatal
                    ? new CadenzaRealtimeException($"The WebSocket server closed the connection and asked not to reconnect: {reason} ({code}).", code, isTemporary: false)
                    : null;
                return new Outcome(kind, code, reason, exception, connected);
            }

            public OutcomeKind Classify() => Kind;
        }
    }
}
