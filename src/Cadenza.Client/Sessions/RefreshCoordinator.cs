using System;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Cadenza.Client
{
    /// <summary>
    /// When a refresh runs: at most one per rotation at a time (whoever needs one while it runs shares it), never
    /// inside a back-off window after a transient failure (callers then get that failure again at once), and
    /// always with the in-flight slot cleared when it ends, whatever it returned or threw.
    /// </summary>
    internal sealed class RefreshCoordinator
    {
        private readonly object _gate = new object();
        private readonly TokenState _tokens;
        private readonly Func<TokenSet, CancellationToken, Task<RefreshOutcome>> _refresh;
        private readonly RefreshBackoff _backoff;
        private readonly TimeProvider _time;
        private readonly ILogger _logger;
        private readonly CancellationToken _disposal;
        private InFlight? _inFlight;
        private string? _backoffRotation; // the refresh token whose refresh failed: a login or a new rotation starts afresh

        // refresh: one refresh (TokenRefresh.RunAsync), which throws on failure.
        public RefreshCoordinator(TokenState tokens, Func<TokenSet, CancellationToken, Task<RefreshOutcome>> refresh, RefreshBackoff backoff, TimeProvider time, ILogger logger, CancellationToken disposal)
        {
            _tokens = tokens;
            _refresh = refresh;
            _backoff = backoff;
            _time = time;
            _logger = logger;
            _disposal = disposal;
        }

        /// <summary>
        /// A refresh of <paramref name="basis"/>'s rotation to wait for: the one under way, a new one, or at once the
        /// current tokens (someone already refreshed, or logged in again) or, inside a back-off window, the last failure.
        /// The task never faults.
        /// </summary>
        public Task<RefreshOutcome> RefreshAsync(TokenSet basis, RefreshTrigger trigger)
        {
            lock (_gate)
            {
                if (_inFlight != null && basis.SameRotation(_inFlight.Basis))
                {
                    return _inFlight.Task;
                }

                var current = _tokens.Current;
                if (current is null)
                {
                    return Task.FromResult(RefreshOutcome.Failed(ExceptionDispatchInfo.Capture(AccessTokenProvider.NotSignedIn())));
                }

                if (!basis.SameRotation(current))
                {
                    return Task.FromResult(RefreshOutcome.Succeeded(current, null));
                }

                if (InBackoff(current, out var lastFailure))
                {
                    SessionTelemetry.FailedFast();
                    return Task.FromResult(RefreshOutcome.Failed(lastFailure!));
                }

                return Start(current, trigger).Task;
            }
        }

        /// <summary>Starts a background refresh of a token that is still valid, unless one is under way or due later. Never waits.</summary>
        public void RefreshAhead(TokenSet basis)
        {
            if (Volatile.Read(ref _inFlight) != null)
            {
                return; // the common case inside the margin: no lock
            }

            lock (_gate)
            {
                if (_inFlight is null && basis.SameRotation(_tokens.Current) && !InBackoff(basis, out _))
                {
                    Start(basis, RefreshTrigger.Ahead);
                }
            }
        }

        // Callers hold _gate.
        private bool InBackoff(TokenSet basis, out ExceptionDispatchInfo? lastFailure)
        {
            lastFailure = null;
            return string.Equals(_backoffRotation, basis.RefreshToken, StringComparison.Ordinal) && _backoff.IsWaiting(_time.GetUtcNow(), out lastFailure);
        }

        // Callers hold _gate, so the slot is taken before the refresh can end and clear it.
        private InFlight Start(TokenSet basis, RefreshTrigger trigger)
        {
            var flight = new InFlight(basis);
            // Task.Run: the refresh must not run inside this lock, nor on any caller's cancellation token.
            flight.Task = Task.Run(() => RunAsync(flight, trigger));
            _inFlight = flight;
            return flight;
        }

        // Never throws: the outcome carries the failure, for however many callers wait (maybe none).
        private async Task<RefreshOutcome> RunAsync(InFlight flight, RefreshTrigger trigger)
        {
            var started = _time.GetTimestamp();
            var activity = SessionTelemetry.StartRefresh(trigger);
            try
            {
                var outcome = await _refresh(flight.Basis, _disposal).ConfigureAwait(false);
                lock (_gate)
                {
                    if (string.Equals(_backoffRotation, flight.Basis.RefreshToken, StringComparison.Ordinal))
                    {
                        _backoff.Reset();
                        _backoffRotation = null;
                    }
                }

                SessionTelemetry.RefreshEnded(activity, trigger, "success", null, _time.GetElapsedTime(started));
                return outcome;
            }
            catch (Exception ex) when (_disposal.IsCancellationRequested)
            {
                SessionTelemetry.RefreshEnded(activity, trigger, "cancelled", ex.GetType().Name, _time.GetElapsedTime(started));
                return RefreshOutcome.Failed(ExceptionDispatchInfo.Capture(new OperationCanceledException("The session was disposed while its token was being refreshed.", ex, _disposal)));
            }
            catch (CadenzaSessionExpiredException ex)
            {
                // Rejected by the server, or the session ended (logout) while the refresh ran.
                var rejected = ex.StatusCode != 0;
                SessionTelemetry.RefreshEnded(activity, trigger, rejected ? "rejected" : "cancelled", rejected ? ErrorType(ex) : null, _time.GetElapsedTime(started));
                return RefreshOutcome.Failed(ExceptionDispatchInfo.Capture(ex));
            }
            catch (Exception ex)
            {
                var failure = CadenzaApiException.FromRefreshFailure(ex);
                TimeSpan delay;
                lock (_gate)
                {
                    if (!string.Equals(_backoffRotation, flight.Basis.RefreshToken, StringComparison.Ordinal))
                    {
                        _backoff.Reset();
                        _backoffRotation = flight.Basis.RefreshToken;
                    }

                    delay = _backoff.RecordFailure(failure, failure.RetryAfter, _time.GetUtcNow());
                }

                SessionLog.RefreshFailed(_logger, failure, delay);
                SessionTelemetry.BackedOff(delay);
                SessionTelemetry.RefreshEnded(activity, trigger, "failed", ErrorType(failure), _time.GetElapsedTime(started));
                return RefreshOutcome.Failed(ExceptionDispatchInfo.Capture(failure));
            }
            finally
            {
                lock (_gate)
                {
                    if (ReferenceEquals(_inFlight, flight))
                    {
                        _inFlight = null;
                    }
                }
            }
        }

        private static string ErrorType(CadenzaApiException failure) =>
            failure.StatusCode != 0 ? failure.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : failure.InnerException?.GetType().Name ?? nameof(CadenzaApiException);

        private sealed class InFlight
        {
            public InFlight(TokenSet basis) => Basis = basis;

            public TokenSet Basis { get; }

            // Set by Start, under the lock that every reader takes.
            public Task<RefreshOutcome> Task { get; set; } = null!;
        }
    }
}
