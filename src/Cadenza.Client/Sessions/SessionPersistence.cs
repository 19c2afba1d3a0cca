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
        private Task? _restore;

        public SessionPersistence(ICadenzaSessionStore store, TokenState tokens, ExpiryPolicy expiry, Uri baseAddress, ILogger logger, Action<CadenzaSessionChange, StoredSession?> raise, CancellationToken disposal)
        {
            _store = store;
            _tokens = tokens;
            _expiry = expiry;
            _baseAddress = baseAddress;
            _logger = logger;
            _raise = raise;
            _disposal = disposal;
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

        /// <summary>The stored session when it is this one's, rotated by someone else (so its refresh token is the one to use); null otherwise.</summary>
        public async Task<StoredSession?> RotatedElsewhereAsync(StoredSession basis)
        {
            var stored = await LoadAsync().ConfigureAwait(false);
            var sameUser = stored?.User?.Id is null || basis.User?.Id is null || stored.User.Id == basis.User.Id;
            return stored != null && sameUser && BelongsHere(stored) && !string.Equals(stored.RefreshToken, basis.RefreshToken, StringComparison.Ordinal)
                ? stored
                : null;
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

            var restored = TokenSet.From(stored, _expiry);
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
