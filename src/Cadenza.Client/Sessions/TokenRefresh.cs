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
            // Another process sharing the store (two `cadenza` commands, say) may have refreshed already. Its rotated
            // refresh token is the one to use: presenting ours again would look like reuse and revoke the session.
            var presented = basis.Session;
            if (await _persistence.RotatedElsewhereAsync(basis.Session).ConfigureAwait(false) is StoredSession rotated)
            {
                var adopted = TokenSet.From(rotated, _expiry);
                if (adopted.IsFresh(_time.GetUtcNow()))
                {
                    return RefreshOutcome.Succeeded(await _lifecycle.RefreshedAsync(basis, adopted, expiry: null).ConfigureAwait(false), null);
                }

                presented = rotated;
            }

            // The refresh token is spent here: the server rotates it, and presenting it a second time revokes the session.
            AuthSession? data;
            try
            {
                data = await _redeem(presented.RefreshToken, cancellationToken).ConfigureAwait(false);
            }
            catch (CadenzaApiException ex) when (ex.StatusCode == 400 || ex.StatusCode == 401)
            {
                throw await RejectedAsync(basis, ex).ConfigureAwait(false);
            }

            var next = TokenSet.FromResponse(data, presented, _expiry, _time.GetUtcNow(), _baseAddress, out var expiry);
            return RefreshOutcome.Succeeded(await _lifecycle.RefreshedAsync(basis, next, expiry).ConfigureAwait(false), data);
        }

        // The server refused the refresh token: the session is over, unless it moved on meanwhile (a login, another rotation).
        private async Task<CadenzaSessionExpiredException> RejectedAsync(TokenSet basis, CadenzaApiException rejection)
        {
            SessionLog.RefreshRejected(_logger, rejection);
            await _lifecycle.EndAsync(basis, SessionEndReason.Rejected).ConfigureAwait(false);
            return new CadenzaSessionExpiredException(
                $"The session has expired: the server rejected the refresh token (HTTP {rejection.StatusCode}{(rejection.Errno is int errno ? ", errno " + errno : string.Empty)}). Log in again.", rejection);
        }
    }
}
