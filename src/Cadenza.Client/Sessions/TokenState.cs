using System.Threading;

namespace Cadenza.Client
{
    /// <summary>What the refresh ended in, for the ones who waited on it.</summary>
    internal enum InstallResult
    {
        /// <summary>The refreshed tokens are now the session's.</summary>
        Installed,

        /// <summary>A login replaced the session meanwhile: the refreshed tokens were dropped; the login's are current.</summary>
        Superseded,

        /// <summary>The session ended meanwhile (logout, rejection, dispose): the refreshed tokens were dropped.</summary>
        Ended,
    }

    /// <summary>
    /// The session's tokens in memory, changed only through the named transitions below, each under one lock. Reads
    /// (<see cref="Current"/>) take no lock. Every transition also updates the exact values the SDK masks in text.
    /// </summary>
    internal sealed class TokenState
    {
        private readonly object _gate = new object();
        private readonly KnownSecrets.SecretHolder _secrets = KnownSecrets.NewHolder();
        private TokenSet? _current;
        private TokenSet? _previous;
        private int _version;
        private bool _closed;

        /// <summary>The tokens now; null when signed out.</summary>
        public TokenSet? Current => Volatile.Read(ref _current);

        /// <summary>Whether the session was disposed.</summary>
        public bool IsClosed => Volatile.Read(ref _closed);

        /// <summary>Changes with every transition that must be persisted; a restore that started earlier loses to it.</summary>
        public int Version
        {
            get
            {
                lock (_gate)
                {
                    return _version;
                }
            }
        }

        /// <summary>A login succeeded: these are the tokens now, whatever was there before.</summary>
        public void SignIn(TokenSet next)
        {
            lock (_gate)
            {
                if (!_closed)
                {
                    Set(next);
                }
            }
        }

        /// <summary>A stored session was loaded. Loses to any transition since <paramref name="seenVersion"/>.</summary>
        public bool TryRestore(TokenSet stored, int seenVersion)
        {
            lock (_gate)
            {
                if (_closed || _version != seenVersion || _current != null)
                {
                    return false;
                }

                Set(stored);
                return true;
            }
        }

        /// <summary>A refresh that started from <paramref name="basis"/> succeeded: installs its tokens if the session is still at that rotation.</summary>
        public InstallResult TryInstallRefreshed(TokenSet basis, TokenSet next, out TokenSet? current)
        {
            lock (_gate)
            {
                if (_current is null || _closed)
                {
                    current = null;
                    return InstallResult.Ended;
                }

                if (!basis.SameRotation(_current))
                {
                    current = _current;
                    return InstallResult.Superseded;
                }

                // A refresh response may leave out the user: keep the one already known.
                Set(next.Session.User is null && _current.Session.User != null ? next.WithUser(_current.Session.User) : next);
                current = _current;
                return InstallResult.Installed;
            }
        }

        /// <summary>The user as just seen from the server: kept in memory only, so a busy service does not write the store on every call.</summary>
        public void UserSeen(AuthUser user)
        {
            lock (_gate)
            {
                if (_current != null)
                {
                    _current = _current.WithUser(user);
                }
            }
        }

        /// <summary>The user was changed on the server: kept, and to be persisted.</summary>
        public TokenSet? UserUpdated(AuthUser user)
        {
            lock (_gate)
            {
                if (_current != null)
                {
                    _current = _current.WithUser(user);
                    _version++;
                }

                return _current;
            }
        }

        /// <summary>Signs out: unconditionally (null basis), or only if the session is still at the rotation of <paramref name="basis"/>.</summary>
        public bool TryEnd(TokenSet? basis)
        {
            lock (_gate)
            {
                if (_current is null || (basis != null && !basis.SameRotation(_current)))
                {
                    return false;
                }

                _current = null;
                _previous = null;
                _version++;
                _secrets.Set();
                return true;
            }
        }

        /// <summary>The session was disposed: it holds nothing any more, and nothing can be restored or installed into it.</summary>
        public void Close()
        {
            lock (_gate)
            {
                _closed = true;
                _current = null;
                _previous = null;
                _secrets.Dispose();
            }
        }

        // The previous rotation stays masked too: a server may quote the refresh token it just rejected as used.
        private void Set(TokenSet next)
        {
            _previous = _current is null || next.SameRotation(_current) ? _previous : _current;
            _current = next;
            _version++;
            _secrets.Set(next.Session.AccessToken, next.RefreshToken, _previous?.Session.AccessToken, _previous?.RefreshToken);
        }
    }
}
