using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Cadenza.Client
{
    /// <summary>
    /// Keeps a refresh lease from lapsing while the refresh request is out. The request cannot be unsent, and a lease
    /// that lapses under it lets the next holder present the same refresh token: at the server that is reuse, and the
    /// whole session is revoked for everyone. So the lease is extended every third of its duration until the answer
    /// is in and stored. A store that cannot extend its leases gets the request bounded instead: it is cancelled
    /// shortly before the lease would lapse.
    /// </summary>
    internal sealed class LeaseKeepAlive
    {
        // Without renewal the request must be over this far into the lease: the rest is for the stopwatch starting a
        // round trip after the store granted the lease, and for the store's write of the answer.
        private const int BoundPercent = 80;

        private readonly CadenzaRefreshLease _lease;
        private readonly ILogger _logger;
        private readonly CancellationToken _caller;
        private readonly CancellationTokenSource _stop;
        private readonly TimeSpan? _bound;
        private readonly Task _loop;
        private int _stopped;

        private LeaseKeepAlive(CadenzaRefreshLease lease, ILogger logger, CancellationToken caller, TimeSpan? bound)
        {
            _lease = lease;
            _logger = logger;
            _caller = caller;
            _bound = bound;
            if (bound is TimeSpan left)
            {
                _stop = CancellationTokenSource.CreateLinkedTokenSource(caller);
                _stop.CancelAfter(left);
                RequestToken = _stop.Token;
                _loop = Task.CompletedTask;
            }
            else
            {
                _stop = new CancellationTokenSource();
                RequestToken = caller;
                _loop = KeepAsync(_stop.Token);
            }
        }

        /// <summary>The token the refresh request runs on: the caller's, and without renewal also the lease's deadline.</summary>
        public CancellationToken RequestToken { get; }

        /// <summary>
        /// Extends the lease once, right before the request is sent, and keeps extending it from then on. When the store
        /// cannot extend it (false on this first try), bounds the request by the time left on the lease instead. A store
        /// that fails to extend is a transient failure: a store failing now may fail to take the answer too, and a spent
        /// refresh token whose successor is lost is the next holder's reuse.
        /// </summary>
        // held: how long the lease has been held already.
        public static async Task<LeaseKeepAlive> StartAsync(CadenzaRefreshLease lease, TimeSpan held, ILogger logger, CancellationToken cancellationToken)
        {
            bool renewable;
            try
            {
                renewable = await lease.TryExtendAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                SessionLog.StoreFailed(logger, ex);
                throw CadenzaApiException.RefreshNotAttempted("the shared session store could not extend its refresh lease (" + ex.GetType().Name + ")", ex);
            }

            if (renewable)
            {
                return new LeaseKeepAlive(lease, logger, cancellationToken, bound: null);
            }

            var left = TimeSpan.FromTicks(lease.Duration.Ticks / 100 * BoundPercent) - held;
            if (left <= TimeSpan.Zero)
            {
                throw CadenzaApiException.RefreshNotAttempted(string.Format(CultureInfo.InvariantCulture,
                    "{0:0.#} s of the {1:0.#} s refresh lease, which the store cannot extend, had passed before the refresh could start", held.TotalSeconds, lease.Duration.TotalSeconds), null);
            }

            return new LeaseKeepAlive(lease, logger, cancellationToken, left);
        }

        /// <summary>
        /// Whether <paramref name="failure"/> of the request is this bound cutting it short (not the caller cancelling,
        /// nor a server's answer that came in as the bound passed): then <paramref name="abandoned"/> is the transient
        /// failure that says so.
        /// </summary>
        public bool CutShort(Exception failure, out CadenzaApiException abandoned)
        {
            var cut = _bound.HasValue && _stop.IsCancellationRequested && !_caller.IsCancellationRequested
                && !(failure is CadenzaApiException answered && answered.StatusCode != 0);
            abandoned = cut ? CadenzaApiException.RefreshAbandoned(_bound!.Value, failure) : null!;
            return cut;
        }

        /// <summary>Stops extending; when this completes, nothing of the keep-alive runs any more. Calling it again does nothing.</summary>
        public async Task StopAsync()
        {
            if (Interlocked.Exchange(ref _stopped, 1) != 0)
            {
                return;
            }

            _stop.Cancel();
            await _loop.ConfigureAwait(false); // never faults
            _stop.Dispose();
        }

        // Never throws: every failure is logged and the loop carries on until the lease is lost or the keep-alive stopped.
        private async Task KeepAsync(CancellationToken stop)
        {
            var every = TimeSpan.FromTicks(Math.Max(1, _lease.Duration.Ticks / 3));
            try
            {
                while (true)
                {
                    await Task.Delay(every, stop).ConfigureAwait(false);
                    bool extended;
                    try
                    {
                        extended = await _lease.TryExtendAsync(stop).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (!stop.IsCancellationRequested)
                    {
                        SessionLog.LeaseNotExtended(_logger, ex);
                        continue;
                    }

                    if (!extended)
                    {
                        // Lapsed and maybe taken: never try to extend it again (it would be someone else's).
                        if (!stop.IsCancellationRequested)
                        {
                            SessionLog.LeaseLost(_logger);
                        }

                        return;
                    }
                }
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                // Stopped: the answer is in and stored.
            }
        }
    }
}
