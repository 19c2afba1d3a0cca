using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Cadenza.Client
{
    /// <summary>
    /// The steps of one token refresh, in order. The <see cref="RefreshCoordinator"/> decides when this runs (once
    /// at a time, not inside a back-off window); this decides what a refresh does.
    /// </summary>
    internal sealed class TokenRefresh
    {
        private readonly SessionPersistence _persistence;
        private readonly SessionLifecycle _lifecycle;
        private readonly ExpiryPolicy _expiry;
        private readonly Func<string, CancellationToken, Task<AuthSession?>> _redeem;
        private readonly TimeProvider _time;
        private readonly Uri _baseAddress;
        private readonly ILogger _logger;

        // The refresh tokens this session spent last. A store whose write failed still holds one of them: it differs from
        // ours, but it is older, and must be neither adopted nor presented again.
        private readonly string?[] _spent = new string?[4];
        private int _spentNext;

        // redeem: presents a refresh token to the server and returns the new session (the data of the response).
        public TokenRefresh(SessionPersistence persistence, SessionLifecycle lifecycle, ExpiryPolicy expiry, Func<string, CancellationToken, Task<AuthSession?>> redeem, TimeProvider time, Uri baseAddress, ILogger logger)
        {
            _persistence = persistence;
            _lifecycle = lifecycle;
            _expiry = expiry;
            _redeem = redeem;
            _time = time;
            _baseAddress = baseAddress;
            _logger = logger;
        }

        /// <summary>Replaces the tokens of <paramref name="basis"/> (a failure is thrown, not returned); throws <see cref="CadenzaSessionExpiredException"/> when the server rejects them.</summary>
        public async Task<RefreshOutcome> RunAsync(TokenSet basis, CancellationToken cancellationToken)
        {
            var turn = await RefreshTurn.TakeAsync(_persistence, _logger, cancellationToken).ConfigureAwait(false);
            if (turn is null)
            {
                return await WithoutLeaseAsync(basis).ConfigureAwait(false);
            }

            try
            {
                return await RunInTurnAsync(turn, basis).ConfigureAwait(false);
            }
            finally
            {
                await turn.EndAsync().ConfigureAwait(false);
            }
        }

        private async Task<RefreshOutcome> RunInTurnAsync(RefreshTurn turn, TokenSet basis)
        {
            // Another process sharing the store (two `cadenza` commands, a fleet of workers) may have refreshed already.
            // Its rotated refresh token is the one to use: presenting ours again would look like reuse and revoke the session.
            var stored = await turn.LoadAsync().ConfigureAwait(false);
            var presented = basis.Session;
            if (IsNewer(stored, basis.Session))
            {
                var adopted = _persistence.Adopt(stored!);
                if (adopted.IsFresh(_time.GetUtcNow()))
                {
                    return await AdoptAsync(basis, adopted).ConfigureAwait(false);
                }

                presented = stored!;
            }

            turn.ThrowIfLate();

            // The refresh token is spent here: the server rotates it, and presenting it a second time revokes the session.
            AuthSession? data;
            try
            {
                data = await turn.SpendAsync(SpendAsync, presented.RefreshToken).ConfigureAwait(false);
            }
            catch (CadenzaApiException ex) when (ex.StatusCode == 400 || ex.StatusCode == 401)
            {
                return await RejectedAsync(turn, basis, presented, ex).ConfigureAwait(false);
            }

            var next = TokenSet.FromResponse(data, presented, _expiry, _time.GetUtcNow(), _baseAddress, out var expiry);
            await turn.StoreAsync(stored, next.Session).ConfigureAwait(false);
            return RefreshOutcome.Succeeded(await _lifecycle.RefreshedAsync(basis, next, expiry, alreadyStored: turn.IsLeased).ConfigureAwait(false), data);
        }

        // Another holder kept the lease for all of the store's wait (a slow refresh, a stuck process): if it rotated the
        // session meanwhile, use that; otherwise do not spend a refresh token it may have spent already.
        private async Task<RefreshOutcome> WithoutLeaseAsync(TokenSet basis)
        {
            var stored = await _persistence.ReadAsync().ConfigureAwait(false);
            if (IsNewer(stored, basis.Session))
            {
                var adopted = _persistence.Adopt(stored!);
                if (adopted.IsUsable(_time.GetUtcNow()))
                {
                    return await AdoptAsync(basis, adopted).ConfigureAwait(false);
                }
            }

            throw CadenzaApiException.RefreshNotAttempted("another holder of the shared session store kept its refresh lease for the whole wait", null);
        }

        // The store holds this session rotated by someone else: not ours, and not one we spent ourselves.
        private bool IsNewer(StoredSession? stored, StoredSession basis)
        {
            if (!_persistence.IsRotationOf(stored, basis))
            {
                return false;
            }

            lock (_spent)
            {
                return Array.IndexOf(_spent, stored!.RefreshToken) < 0;
            }
        }

        // Remembered as spent only once it is sent: a refresh not attempted leaves it ours to present.
        private Task<AuthSession?> SpendAsync(string refreshToken, CancellationToken cancellationToken)
        {
            lock (_spent)
            {
                _spent[_spentNext] = refreshToken;
                _spentNext = (_spentNext + 1) % _spent.Length;
            }

            return _redeem(refreshToken, cancellationToken);
        }

        private async Task<RefreshOutcome> AdoptAsync(TokenSet basis, TokenSet adopted) =>
            RefreshOutcome.Succeeded(await _lifecycle.RefreshedAsync(basis, adopted, expiry: null, alreadyStored: true).ConfigureAwait(false), null);

        // The server refused the refresh token. Before ending anything, look at the store again: if someone rotated the
        // session meanwhile (a holder whose lease lapsed under us, a plain store's other process), theirs is the session.
        // Otherwise the session is over, and the store is cleared only if it still holds the session that was refused.
        private async Task<RefreshOutcome> RejectedAsync(RefreshTurn turn, TokenSet basis, StoredSession presented, CadenzaApiException rejection)
        {
            var now = await _persistence.ReadAsync().ConfigureAwait(false);
            if (IsNewer(now, presented))
            {
                SessionLog.RejectedButAdopted(_logger, rejection);
                return await AdoptAsync(basis, _persistence.Adopt(now!)).ConfigureAwait(false);
            }

            SessionLog.RefreshRejected(_logger, rejection);
            await _lifecycle.EndAsync(basis, SessionEndReason.Rejected, () => turn.ClearIfStillAsync(presented)).ConfigureAwait(false);
            throw new CadenzaSessionExpiredException(
                $"The session has expired: the server rejected the refresh token (HTTP {rejection.StatusCode}{(rejection.Errno is int errno ? ", errno " + errno : string.Empty)}). Log in again.", rejection);
        }
    }
}
