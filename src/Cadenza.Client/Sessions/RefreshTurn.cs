using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Cadenza.Client
{
    /// <summary>
    /// One refresh's turn at the store. With an <see cref="ICadenzaSharedSessionStore"/> the turn is its refresh lease:
    /// everything read during it is what the last holder wrote, and the successor of a spent refresh token is written
    /// through the lease before it is let go. With a plain store the turn is only a re-read (the old behaviour: safe
    /// for one session at a time).
    /// </summary>
    internal sealed class RefreshTurn
    {
        private readonly SessionPersistence _persistence;
        private readonly CadenzaRefreshLease? _lease;
        private readonly Stopwatch _held = Stopwatch.StartNew();
        private readonly ILogger _logger;
        private readonly CancellationToken _cancellationToken;
        private LeaseKeepAlive? _keepAlive;

        private RefreshTurn(SessionPersistence persistence, CadenzaRefreshLease? lease, ILogger logger, CancellationToken cancellationToken)
        {
            _persistence = persistence;
            _lease = lease;
            _logger = logger;
            _cancellationToken = cancellationToken;
        }

        /// <summary>Whether the store is shared, so this turn holds its lease.</summary>
        public bool IsLeased => _lease != null;

        /// <summary>
        /// Takes the turn: the lease of a shared store (waiting as long as the store says), or at once for a plain store.
        /// Null when another holder kept the lease for all of the store's wait. A store that fails to grant it is a
        /// transient failure: without the lease, spending the refresh token could be a second spend.
        /// </summary>
        public static async Task<RefreshTurn?> TakeAsync(SessionPersistence persistence, ILogger logger, CancellationToken cancellationToken)
        {
            if (persistence.Shared is null)
            {
                return new RefreshTurn(persistence, null, logger, cancellationToken);
            }

            CadenzaRefreshLease? lease;
            try
            {
                lease = await persistence.Shared.AcquireRefreshLeaseAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                SessionLog.StoreFailed(logger, ex);
                throw CadenzaApiException.RefreshNotAttempted("the shared session store could not grant its refresh lease (" + ex.GetType().Name + ")", ex);
            }

            return lease is null ? null : new RefreshTurn(persistence, lease, logger, cancellationToken);
        }

        /// <summary>
        /// The stored session as it is now. Under the lease a store that cannot be read is a transient failure (what it
        /// holds decides whether our refresh token is still ours to spend); a plain store's failure reads as nothing stored.
        /// </summary>
        public async Task<StoredSession?> LoadAsync()
        {
            if (_lease is null)
            {
                return await _persistence.ReadAsync().ConfigureAwait(false);
            }

            try
            {
                return await _persistence.Shared!.LoadAsync(_cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && _cancellationToken.IsCancellationRequested))
            {
                SessionLog.StoreFailed(_logger, ex);
                throw CadenzaApiException.RefreshNotAttempted("the shared session store could not be read under the refresh lease (" + ex.GetType().Name + ")", ex);
            }
        }

        /// <summary>
        /// Throws unless there is time left to spend the refresh token under the lease: after its duration the store may
        /// give it to another holder, who would present the same token. Half the duration is left for the request (which
        /// then keeps the lease alive, or is bounded by it: see <see cref="SpendAsync"/>).
        /// </summary>
        public void ThrowIfLate()
        {
            if (_lease != null && _held.Elapsed.Ticks >= _lease.Duration.Ticks / 2)
            {
                throw CadenzaApiException.RefreshNotAttempted(string.Format(CultureInfo.InvariantCulture,
                    "the session store was too slow: {0:0.#} s of the {1:0.#} s refresh lease had passed before the refresh could start",
                    _held.Elapsed.TotalSeconds, _lease.Duration.TotalSeconds), null);
            }
        }

        /// <summary>
        /// Sends the refresh request, spending <paramref name="refreshToken"/>. Under the lease, keeps the lease alive
        /// until the turn ends (the answer is in and stored), or, when the store cannot extend it, gives the request up
        /// before the lease would lapse (a transient failure).
        /// </summary>
        public async Task<T> SpendAsync<T>(Func<string, CancellationToken, Task<T>> redeem, string refreshToken)
        {
            if (_lease is null)
            {
                return await redeem(refreshToken, _cancellationToken).ConfigureAwait(false);
            }

            var keepAlive = _keepAlive = await LeaseKeepAlive.StartAsync(_lease, _held.Elapsed, _logger, _cancellationToken).ConfigureAwait(false);
            try
            {
                return await redeem(refreshToken, keepAlive.RequestToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (keepAlive.CutShort(ex, out var abandoned))
            {
                throw abandoned;
            }
        }

        /// <summary>
        /// Under the lease, writes the successor of the refresh token just spent, before anything else happens, and only
        /// over <paramref name="expected"/> (what this turn read). A plain store is written afterwards by the lifecycle.
        /// </summary>
        public async Task StoreAsync(StoredSession? expected, StoredSession next)
        {
            if (_lease is null)
            {
                return;
            }

            try
            {
                // Not on the disposal token: the refresh token is spent, and the others need its successor even if this session is ending.
                if (!await _lease.ReplaceAsync(expected, next).ConfigureAwait(false))
                {
                    SessionLog.StoreMovedOn(_logger);
                }
            }
            catch (Exception ex)
            {
                SessionLog.StoreFailed(_logger, ex);
            }
        }

        /// <summary>After a rejection: clears the store only if it still holds <paramref name="presented"/>.</summary>
        public Task ClearIfStillAsync(StoredSession presented) => _persistence.ClearIfStillAsync(presented, _lease);

        /// <summary>
        /// Stops keeping the lease alive and gives it back (after the new session is stored); a store that fails to
        /// release lets it lapse. Nothing of the turn runs afterwards.
        /// </summary>
        public async Task EndAsync()
        {
            if (_lease is null)
            {
                return;
            }

            if (_keepAlive != null)
            {
                await _keepAlive.StopAsync().ConfigureAwait(false);
            }

            try
            {
                await _lease.ReleaseAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                SessionLog.StoreFailed(_logger, ex);
            }
        }
    }
}
