using System;
using System.Threading;
using System.Threading.Tasks;

namespace Cadenza.Client
{
    /// <summary>
    /// Hands out the access token: at once while it is outside the refresh margin; at once too inside the margin,
    /// while one refresh runs in the background; and only once it has expired (or the server said 401) does a
    /// caller wait for a refresh, or, inside a back-off window, get the last refresh failure at once.
    /// </summary>
    internal sealed class AccessTokenProvider
    {
        private readonly TokenState _tokens;
        private readonly RefreshCoordinator _refresher;
        private readonly SessionPersistence _persistence;
        private readonly TimeProvider _time;
        private readonly bool _refreshInBackground;

        public AccessTokenProvider(TokenState tokens, RefreshCoordinator refresher, SessionPersistence persistence, TimeProvider time, bool refreshInBackground)
        {
            _tokens = tokens;
            _refresher = refresher;
            _persistence = persistence;
            _time = time;
            _refreshInBackground = refreshInBackground;
        }

        public static CadenzaSessionExpiredException NotSignedIn() =>
            new CadenzaSessionExpiredException("Not signed in: call LoginAsync first (or RestoreAsync to load a stored session).");

        /// <summary>The token to send now. Allocation-free while a token is usable (the busy path of every request).</summary>
        public Task<string> GetAsync(CancellationToken cancellationToken) =>
            TryGetUsable(_tokens.Current) is Task<string> token ? token : WaitForTokenAsync(cancellationToken);

        /// <summary>After a 401 for <paramref name="rejectedToken"/>: a newer token, refreshing unless someone already did.</summary>
        public async Task<string> RenewRejectedAsync(string rejectedToken, CancellationToken cancellationToken)
        {
            var current = _tokens.Current ?? throw (Closed() ?? NotSignedIn());
            if (!string.Equals(current.Session.AccessToken, rejectedToken, StringComparison.Ordinal))
            {
                return current.Session.AccessToken;
            }

            var outcome = await TaskCancellation.WaitAsync(_refresher.RefreshAsync(current, RefreshTrigger.Unauthorized), cancellationToken).ConfigureAwait(false);
            return outcome.TokensOrThrow().Session.AccessToken;
        }

        /// <summary>Refreshes now (joining a refresh under way) and returns the session as the server sent it.</summary>
        public async Task<AuthSession> RefreshNowAsync(CancellationToken cancellationToken)
        {
            await _persistence.EnsureRestoredAsync(cancellationToken).ConfigureAwait(false);
            var current = _tokens.Current ?? throw (Closed() ?? NotSignedIn());
            var outcome = await TaskCancellation.WaitAsync(_refresher.RefreshAsync(current, RefreshTrigger.Explicit), cancellationToken).ConfigureAwait(false);
            var tokens = outcome.TokensOrThrow();
            return outcome.Data ?? tokens.Session.ToAuthSession();
        }

        private async Task<string> WaitForTokenAsync(CancellationToken cancellationToken)
        {
            if (Closed() is Exception closed)
            {
                throw closed;
            }

            await _persistence.EnsureRestoredAsync(cancellationToken).ConfigureAwait(false);
            var current = _tokens.Current ?? throw (Closed() ?? NotSignedIn());
            if (TryGetUsable(current) is Task<string> token)
            {
                return await token.ConfigureAwait(false);
            }

            if (current.IsUsable(_time.GetUtcNow()))
            {
                return await RefreshBeforeReturningAsync(current, cancellationToken).ConfigureAwait(false);
            }

            var outcome = await TaskCancellation.WaitAsync(_refresher.RefreshAsync(current, RefreshTrigger.Expired), cancellationToken).ConfigureAwait(false);
            return outcome.TokensOrThrow().Session.AccessToken;
        }

        // RefreshInBackground = false: inside the margin the caller waits for the refresh, but a transient failure
        // (or a back-off window) does not fail a caller whose token is still valid.
        private async Task<string> RefreshBeforeReturningAsync(TokenSet current, CancellationToken cancellationToken)
        {
            var outcome = await TaskCancellation.WaitAsync(_refresher.RefreshAsync(current, RefreshTrigger.Ahead), cancellationToken).ConfigureAwait(false);
            try
            {
                return outcome.TokensOrThrow().Session.AccessToken;
            }
            catch (CadenzaApiException ex) when (!(ex is CadenzaSessionExpiredException) && current.IsUsable(_time.GetUtcNow()))
            {
                return current.Session.AccessToken;
            }
        }

        private Task<string>? TryGetUsable(TokenSet? current)
        {
            if (current is null)
            {
                return null;
            }

            var now = _time.GetUtcNow();
            if (current.IsFresh(now))
            {
                return current.AccessToken;
            }

            if (!current.IsUsable(now) || !_refreshInBackground)
            {
                return null;
            }

            _refresher.RefreshAhead(current);
            return current.AccessToken;
        }

        private Exception? Closed() => _tokens.IsClosed ? new ObjectDisposedException(nameof(CadenzaSession)) : null;
    }
}
