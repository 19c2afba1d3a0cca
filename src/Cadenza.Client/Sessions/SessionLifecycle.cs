using System;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Cadenza.Client
{
    /// <summary>
    /// The transitions of <see cref="TokenState"/> with what follows each of them: the state changes first, then the
    /// store is written and the change logged, and <see cref="CadenzaSession.Changed"/> is raised last (so a handler
    /// that calls back into the session sees the new state).
    /// </summary>
    internal sealed class SessionLifecycle
    {
        private readonly object _gate = new object();
        private readonly TokenState _tokens;
        private readonly SessionPersistence _persistence;
        private readonly ILogger _logger;
        private readonly Action<CadenzaSessionChange, StoredSession?> _raise;
        private ExpiryDoubt _warned;

        public SessionLifecycle(TokenState tokens, SessionPersistence persistence, ILogger logger, Action<CadenzaSessionChange, StoredSession?> raise)
        {
            _tokens = tokens;
            _persistence = persistence;
            _logger = logger;
            _raise = raise;
        }

        public async Task SignedInAsync(TokenSet next, ExpiryDecision expiry)
        {
            _tokens.SignIn(next);
            _persistence.SkipRestore();
            SessionLog.SignedIn(_logger, next.Session.User);
            WarnOnce(expiry);
            await _persistence.SaveLatestAsync().ConfigureAwait(false);
            _raise(CadenzaSessionChange.SignedIn, next.Session);
        }

        /// <summary>Installs the outcome of a refresh that started from <paramref name="basis"/>, unless the session moved on.</summary>
        public async Task<TokenSet> RefreshedAsync(TokenSet basis, TokenSet next, ExpiryDecision? expiry)
        {
            switch (_tokens.TryInstallRefreshed(basis, next, out var current))
            {
                case InstallResult.Installed:
                    SessionLog.Refreshed(_logger, current!.Session.ExpiresAt);
                    if (expiry is ExpiryDecision decision)
                    {
                        WarnOnce(decision);
                    }

                    await _persistence.SaveLatestAsync().ConfigureAwait(false);
                    _raise(CadenzaSessionChange.TokenRefreshed, current.Session);
                    return current;
                case InstallResult.Superseded:
                    return current!; // a login happened meanwhile: its tokens are the ones to use
                default:
                    // Logged out (or disposed) while the refresh was under way: do not bring those tokens back.
                    throw new CadenzaSessionExpiredException("The session ended while its token was being refreshed. Log in again.");
            }
        }

        public async Task<AuthUser> UserUpdatedAsync(AuthUser user)
        {
            var updated = _tokens.UserUpdated(user);
            await _persistence.SaveLatestAsync().ConfigureAwait(false);
            _raise(CadenzaSessionChange.UserUpdated, updated?.Session);
            return user;
        }

        /// <summary>Signs out locally: unconditionally (null basis), or only if the session is still at that rotation.</summary>
        public async Task EndAsync(TokenSet? basis, SessionEndReason reason)
        {
            _persistence.SkipRestore();
            if (!_tokens.TryEnd(basis))
            {
                return;
            }

            // Only a session this instance held is cleared: an unreadable or foreign stored one stays as it was.
            await _persistence.SaveLatestAsync().ConfigureAwait(false);
            SessionLog.SignedOut(_logger);
            SessionTelemetry.Ended(reason);
            _raise(CadenzaSessionChange.SignedOut, null);
        }

        // Once per kind of doubt per session: a server that always sends expiresAt 0 is worth one warning, not one per refresh.
        private void WarnOnce(ExpiryDecision expiry)
        {
            lock (_gate)
            {
                if (expiry.Doubt == ExpiryDoubt.None || (_warned & expiry.Doubt) != 0)
                {
                    return;
                }

                _warned |= expiry.Doubt;
            }

            SessionLog.ExpiryDoubted(_logger, expiry.Explanation!);
        }
    }
}
