using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Cadenza.Client
{
    /// <summary>
    /// Moves the session between memory and its <see cref="ICadenzaSessionStore"/>: the one-time restore, writing
    /// the latest state, and noticing a rotation done by another process that shares the store. A store that
    /// fails is logged and never fails the session.
    /// </summary>
    internal sealed class SessionPersistence
    {
        private readonly object _gate = new object();
        private readonly ICadenzaSessionStore _store;
        private readonly TokenState _tokens;
        private readonly ExpiryPolicy _expiry;
        private readonly Uri _baseAddress;
        private readonly ILogger _logger;
        private readonly Action<CadenzaSessionChange, StoredSession?> _raise;
        private readonly CancellationToken _disposal;
        private readonly SemaphoreSlim _writeLock = new SemaphoreSlim(1, 1);
        private readonly Random _random = new Random(Guid.NewGuid().GetHashCode()); // seeded per session: sessions started together draw apart
        private Task? _restore;

        public SessionPersistence(ICadenzaSessionStore store, TokenState tokens, ExpiryPolicy expiry, Uri baseAddress, ILogger logger, Action<CadenzaSessionChange, StoredSession?> raise, CancellationToken disposal)
        {
            _store = store;
            Shared = store as ICadenzaSharedSessionStore;
            _tokens = tokens;
            _expiry = expiry;
            _baseAddress = baseAddress;
            _logger = logger;
            _raise = raise;
            _disposal = disposal;
        }

        /// <summary>The store, when it hands out refresh leases; null for a plain store (safe for one session at a time).</summary>
        public ICadenzaSharedSessionStore? Shared { get; }

        /// <summary>A session read from the store, refreshed by another holder: its refresh is due at a time of this session's own.</summary>
        public TokenSet Adopt(StoredSession stored)
        {
            double lateness;
            lock (_random)
            {
                lateness = _random.NextDouble();
            }

            return TokenSet.From(stored, _expiry, lateness);
        }

        /// <summary>Whether <paramref name="stored"/> is <paramref name="basis"/>'s session rotated by someone else: same user and server, another refresh token.</summary>
        public bool IsRotationOf(StoredSession? stored, StoredSession basis)
        {
            var sameUser = stored?.User?.Id is null || basis.User?.Id is null || stored.User.Id == basis.User.Id;
            return stored != null && sameUser && BelongsHere(stored) && !string.Equals(stored.RefreshToken, basis.RefreshToken, StringComparison.Ordinal);
        }

        /// <summary>The stored session; null when none or unreadable (logged).</summary>
        public Task<StoredSession?> ReadAsync() => LoadAsync();

        /// <summary>
        /// After a rejected refresh of <paramref name="presented"/>: removes it from the store only if it is still what the
        /// store holds, so a newer session that another holder (or a login) wrote meanwhile is never deleted.
        /// </summary>
        public async Task ClearIfStillAsync(StoredSession presented, CadenzaRefreshLease? lease)
        {
            try
            {
                if (lease != null)
                {
                    await lease.ClearAsync(presented, _disposal).ConfigureAwait(false);
                }
                else if (string.Equals((await LoadAsync().ConfigureAwait(false))?.RefreshToken, presented.RefreshToken, StringComparison.Ordinal))
                {
                    // A plain store has no compare-and-delete: the window between reading and clearing stays open.
                    await _store.ClearAsync().ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                SessionLog.StoreFailed(_logger, ex);
            }
        }

        /// <summary>
        /// Writes a change to the user. In a shared store only over this session's own rotation (under the lease): an
        /// unconditional write could put back a refresh token that another holder has already spent.
        /// </summary>
        public async Task SaveUserAsync()
        {
            if (Shared is null)
            {
                await SaveLatestAsync().ConfigureAwait(false);
                return;
            }

            CadenzaRefreshLease? lease = null;
            try
            {
                lease = await Shared.AcquireRefreshLeaseAsync(_disposal).ConfigureAwait(false);
                var latest = _tokens.Current;
                var stored = lease is null || latest is null ? null : await _store.LoadAsync(_disposal).ConfigureAwait(false);
                if (stored != null && string.Equals(stored.RefreshToken, latest!.RefreshToken, StringComparison.Ordinal))
                {
                    await lease!.ReplaceAsync(stored, latest.Session, _disposal).ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                SessionLog.StoreFailed(_logger, ex);
            }
            finally
            {
                if (lease != null)
                {
                    await lease.ReleaseAsync().ConfigureAwait(false);
                }
            }
        }

        /// <summary>Loads the stored session once; later calls wait for that one load (this caller may stop waiting).</summary>
        public Task EnsureRestoredAsync(CancellationToken cancellationToken)
        {
            Task restore;
            lock (_gate)
            {
                // Task.Run: the load runs outside this lock and on no caller's cancellation token. It never faults.
                restore = _restore ?? (_restore = Task.Run(RestoreAsync));
            }

            return restore.IsCompleted ? restore : TaskCancellation.WaitAsync(restore, cancellationToken);
        }

        /// <summary>A login or logout happened: what is stored no longer matters to this session.</summary>
        public void SkipRestore()
        {
            lock (_gate)
            {
                _restore = Task.CompletedTask;
            }
        }

        /// <summary>Writes the latest state, not a snapshot, so overlapping writes cannot leave an older session stored.</summary>
        public async Task SaveLatestAsync()
        {
            await _writeLock.WaitAsync().ConfigureAwait(false);
            try
            {
                var latest = _tokens.Current;
                if (latest is null)
                {
                    await _store.ClearAsync().ConfigureAwait(false);
                }
                else
                {
                    await _store.SaveAsync(latest.Session).ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                SessionLog.StoreFailed(_logger, ex);
            }
            finally
            {
                _writeLock.Release();
            }
        }

        private async Task RestoreAsync()
        {
            try
            {
                await RestoreCoreAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // A store's odd content must not leave a faulted task behind: it means "signed out".
                SessionLog.StoreFailed(_logger, ex);
            }
        }

        private async Task RestoreCoreAsync()
        {
            var version = _tokens.Version;
            var stored = await LoadAsync().ConfigureAwait(false);
            if (stored is null)
            {
                return;
            }

            if (!BelongsHere(stored))
            {
                // Its tokens belong to another server: never send them here. The store keeps them for that server.
                SessionLog.StoredForOtherServer(_logger, stored.BaseAddress!, _baseAddress);
                return;
            }

            var restored = Adopt(stored);
            if (_tokens.TryRestore(restored, version))
            {
                // Marked done before the event: a handler that calls back into the session must not wait for this restore.
                SkipRestore();
                SessionLog.Restored(_logger, stored.User);
                _raise(CadenzaSessionChange.SignedIn, restored.Session);
            }
        }

        private async Task<StoredSession?> LoadAsync()
        {
            try
            {
                return await _store.LoadAsync(_disposal).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_disposal.IsCancellationRequested)
            {
                return null;
            }
            catch (Exception ex)
            {
                SessionLog.StoreFailed(_logger, ex);
                return null;
            }
        }

        private bool BelongsHere(StoredSession stored) =>
            stored.BaseAddress is null || Uri.Compare(stored.BaseAddress, _baseAddress, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0;
    }
}
