using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Cadenza.Client
{
    /// <summary>
    /// One signed-in user's session: logs in, keeps the access token valid on every request, and logs out.
    /// Thread-safe; meant to live as long as the application (one per user).
    /// </summary>
    /// <remarks>
    /// <para>Every request made through <see cref="HttpClient"/> (and so through <see cref="Authentication"/> or any other
    /// generated client built on it) carries a valid bearer token: the token is refreshed shortly before it expires,
    /// and on a 401 the request is retried once with a refreshed token.</para>
    /// <para>Concurrent callers that need a refresh share one refresh request. A rejected refresh token ends the session
    /// (<see cref="CadenzaSessionExpiredException"/>); a transient failure (network, timeout, 5xx, 429) keeps the tokens.</para>
    /// </remarks>
    public class CadenzaSession : IDisposable
    {
        private readonly object _gate = new object();
        private readonly ICadenzaSessionStore _store;
        private readonly TimeProvider _time;
        private readonly ILogger _logger;
        private readonly TimeSpan _refreshMargin;
        private readonly TimeSpan _refreshRetryDelay;
        private readonly Func<HttpClient> _httpClients;
        private readonly HttpClient? _ownedHttpClient;
        private readonly AuthenticationClient? _ownedAuthentication;
        private readonly SemaphoreSlim _persistLock = new SemaphoreSlim(1, 1);
        private readonly CancellationTokenSource _disposal = new CancellationTokenSource();

        private StoredSession? _current;
        private Task<RefreshResult>? _refreshInFlight;
        private Task? _restore;
        private int _stateVersion;
        private DateTimeOffset _refreshRetryNotBefore = DateTimeOffset.MinValue;
        private bool _disposed;

        /// <summary>Creates a session for the server at <paramref name="baseAddress"/>, keeping tokens in memory.</summary>
        /// <param name="baseAddress">The server, e.g. <see cref="CadenzaSessionOptions.UatServer"/>.</param>
        public CadenzaSession(Uri baseAddress)
            : this(new CadenzaSessionOptions { BaseAddress = baseAddress })
        {
        }

        /// <summary>Creates a session with its own HTTP connection pool.</summary>
        /// <param name="options">Server, store, clock, logging and refresh settings.</param>
        public CadenzaSession(CadenzaSessionOptions options)
            : this(options, CreateTransport(), ownsTransport: true)
        {
        }

        /// <summary>Creates a session that sends its requests through <paramref name="transport"/> (a proxy, a test handler…), which it does not dispose.</summary>
        /// <param name="options">Server, store, clock, logging and refresh settings.</param>
        /// <param name="transport">The innermost handler.</param>
        public CadenzaSession(CadenzaSessionOptions options, HttpMessageHandler transport)
            : this(options, transport ?? throw new ArgumentNullException(nameof(transport)), ownsTransport: false)
        {
        }

        /// <summary>For mocking: creates a session whose members must all be overridden.</summary>
        protected CadenzaSession()
        {
            _store = new InMemorySessionStore();
            _time = TimeProvider.System;
            _logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
            _httpClients = () => throw new InvalidOperationException("A mocked CadenzaSession has no HTTP pipeline.");
        }

        private CadenzaSession(CadenzaSessionOptions options, HttpMessageHandler transport, bool ownsTransport)
            : this(options, httpClients: null)
        {
            var pipeline = new CadenzaAuthenticationHandler(this) { InnerHandler = transport };
            _ownedHttpClient = new HttpClient(pipeline, disposeHandler: ownsTransport) { BaseAddress = BaseAddress };
            _ownedAuthentication = new AuthenticationClient(_ownedHttpClient);
        }

        /// <summary>For dependency injection: HTTP clients come from IHttpClientFactory, with a <see cref="CadenzaAuthenticationHandler"/> in their pipeline.</summary>
        internal CadenzaSession(CadenzaSessionOptions options, Func<HttpClient>? httpClients)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            BaseAddress = options.ValidatedBaseAddress();
            AllowsInsecureHttp = options.AllowInsecureHttp;
            _store = options.Store ?? throw new ArgumentException("CadenzaSessionOptions.Store is required.", nameof(options));
            _time = options.TimeProvider ?? throw new ArgumentException("CadenzaSessionOptions.TimeProvider is required.", nameof(options));
            _logger = (options.LoggerFactory ?? throw new ArgumentException("CadenzaSessionOptions.LoggerFactory is required.", nameof(options))).CreateLogger<CadenzaSession>();
            _refreshMargin = options.RefreshMargin;
            _refreshRetryDelay = options.RefreshRetryDelay;
            _httpClients = httpClients ?? (() => _ownedHttpClient!);
        }

        /// <summary>Raised after the session signs in, refreshes its token, updates its user or signs out. Handlers run outside any lock; one that throws is logged and ignored.</summary>
        public event EventHandler<CadenzaSessionChangedEventArgs>? Changed;

        /// <summary>The server this session talks to.</summary>
        public virtual Uri BaseAddress { get; } = CadenzaSessionOptions.UatServer;

        /// <summary>An HTTP client whose requests carry this session's token. Build any generated client on it; do not dispose it.</summary>
        public virtual HttpClient HttpClient => ThrowIfDisposed()._httpClients();

        /// <summary>The generated Authentication client on this session's pipeline (authenticated).</summary>
        public virtual AuthenticationClient Authentication => _ownedAuthentication ?? new AuthenticationClient(HttpClient);

        /// <summary>Whether the session holds tokens.</summary>
        public virtual CadenzaSessionState State => Volatile.Read(ref _current) is null ? CadenzaSessionState.SignedOut : CadenzaSessionState.SignedIn;

        /// <summary>The signed-in user, as last seen; null when signed out.</summary>
        public virtual AuthUser? User => Volatile.Read(ref _current)?.User;

        /// <summary>When the current access token expires; null when signed out or unknown.</summary>
        public virtual DateTimeOffset? ExpiresAt => Volatile.Read(ref _current)?.ExpiresAt;

        internal bool AllowsInsecureHttp { get; }

        /// <summary>Loads the stored session, if any, without a network call. Other members do this on first use.</summary>
        /// <param name="cancellationToken">Stops waiting.</param>
        /// <returns>True when the session is signed in afterwards.</returns>
        public virtual async Task<bool> RestoreAsync(CancellationToken cancellationToken = default)
        {
            await EnsureRestoredAsync(cancellationToken).ConfigureAwait(false);
            return State == CadenzaSessionState.SignedIn;
        }

        /// <summary>
        /// Creates an account. When the server answers with a session (tokens and user, as Cadenza does since 2026-02-26
        /// unless email confirmation is on), the session is signed in and raises <see cref="CadenzaSessionChange.SignedIn"/>;
        /// otherwise only the new user comes back and the session stays as it was.
        /// </summary>
        /// <param name="email">The email address.</param>
        /// <param name="password">The password (the server requires at least 8 characters).</param>
        /// <param name="metadata">Optional user metadata.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>The new user, and the session when the server signed it in.</returns>
        public virtual async Task<CadenzaSignUpResult> SignUpAsync(string email, string password, IDictionary<string, object>? metadata = null, CancellationToken cancellationToken = default)
        {
            RequireText(email, nameof(email));
            RequireText(password, nameof(password));
            var response = await ThrowIfDisposed().Authentication
                .AuthSignupAsync(new AuthSignupRequest { Email = email, Password = password, Metadata = metadata }, cancellationToken).ConfigureAwait(false);
            var data = response.Data ?? throw CadenzaApiException.IncompleteSuccess("the sign-up response has no data");
            // With email confirmation on there are no tokens, just the user (nested, or as the data itself).
            var user = data.User ?? SignUpUser.FromUntypedData(data) ?? throw CadenzaApiException.IncompleteSuccess("the sign-up response has no user");
            if (string.IsNullOrEmpty(data.AccessToken))
            {
                return new CadenzaSignUpResult(user, session: null);
            }

            await SignInAsync(data).ConfigureAwait(false);
            return new CadenzaSignUpResult(user, data);
        }

        /// <summary>Logs in with email and password and keeps the tokens.</summary>
        /// <param name="email">The email address.</param>
        /// <param name="password">The password.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>The new session (tokens, expiry, user).</returns>
        public virtual async Task<AuthSession> LoginAsync(string email, string password, CancellationToken cancellationToken = default)
        {
            RequireText(email, nameof(email));
            RequireText(password, nameof(password));
            var response = await ThrowIfDisposed().Authentication
                .AuthLoginAsync(new AuthLoginRequest { Email = email, Password = password }, cancellationToken).ConfigureAwait(false);
            await SignInAsync(response.Data).ConfigureAwait(false);
            return response.Data!;
        }

        private async Task<StoredSession> SignInAsync(AuthSession? data)
        {
            var stored = ToStored(data, previous: null);
            lock (_gate)
            {
                _current = stored;
                _stateVersion++;
                _restore = Task.CompletedTask;
                _refreshRetryNotBefore = DateTimeOffset.MinValue;
            }

            SessionLog.SignedIn(_logger, stored.User);
            await PersistAsync().ConfigureAwait(false);
            Raise(CadenzaSessionChange.SignedIn, stored);
            return stored;
        }

        /// <summary>Refreshes the access token now (joining a refresh already under way).</summary>
        /// <param name="cancellationToken">Stops this caller waiting; the refresh itself carries on for the others.</param>
        /// <returns>The refreshed session.</returns>
        /// <exception cref="CadenzaSessionExpiredException">Not signed in, or the server rejected the refresh token.</exception>
        public virtual async Task<AuthSession> RefreshAsync(CancellationToken cancellationToken = default)
        {
            await EnsureRestoredAsync(cancellationToken).ConfigureAwait(false);
            Task<RefreshResult> refresh;
            lock (_gate)
            {
                refresh = JoinRefresh(_current ?? throw NotSignedIn());
            }

            return (await TaskCancellation.WaitAsync(refresh, cancellationToken).ConfigureAwait(false)).Data;
        }

        /// <summary>A valid access token, refreshed first when it is within the refresh margin of expiry.</summary>
        /// <param name="cancellationToken">Stops this caller waiting.</param>
        /// <returns>The access token.</returns>
        /// <exception cref="CadenzaSessionExpiredException">Not signed in, or the server rejected the refresh token.</exception>
        public virtual Task<string> GetAccessTokenAsync(CancellationToken cancellationToken = default) =>
            TryGetFreshToken(out var token) ? Task.FromResult(token) : GetAccessTokenSlowAsync(cancellationToken);

        /// <summary>Gets the signed-in user from the server.</summary>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>The user.</returns>
        public virtual async Task<AuthUser> GetUserAsync(CancellationToken cancellationToken = default)
        {
            var response = await ThrowIfDisposed().Authentication.AuthGetUserAsync(cancellationToken).ConfigureAwait(false);
            var user = response.Data ?? throw CadenzaApiException.IncompleteSuccess("the response has no user");
            lock (_gate)
            {
                // Seen, not changed: kept in memory only, so a busy service does not write the store on every call.
                _current = _current?.WithUser(user);
            }

            return user;
        }

        /// <summary>Updates the signed-in user's email, password or metadata.</summary>
        /// <param name="update">What to change; unset fields stay as they are.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>The updated user.</returns>
        public virtual async Task<AuthUser> UpdateUserAsync(AuthUpdateUserRequest update, CancellationToken cancellationToken = default)
        {
            if (update is null)
            {
                throw new ArgumentNullException(nameof(update));
            }

            var response = await ThrowIfDisposed().Authentication.AuthUpdateUserAsync(update, cancellationToken).ConfigureAwait(false);
            var user = response.Data ?? throw CadenzaApiException.IncompleteSuccess("the response has no user");
            StoredSession? updated;
            lock (_gate)
            {
                updated = _current = _current?.WithUser(user);
                _stateVersion++;
            }

            await PersistAsync().ConfigureAwait(false);
            Raise(CadenzaSessionChange.UserUpdated, updated);
            return user;
        }

        /// <summary>Asks the server to send a password-recovery email.</summary>
        /// <param name="email">The email address.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>The server's acknowledgement (e.g. "ok").</returns>
        public virtual async Task<string?> RecoverAsync(string email, CancellationToken cancellationToken = default)
        {
            RequireText(email, nameof(email));
            var response = await ThrowIfDisposed().Authentication
                .AuthRecoverAsync(new AuthRecoverRequest { Email = email }, cancellationToken).ConfigureAwait(false);
            return response.Data;
        }

        /// <summary>
        /// Logs out: asks the server to end the session, then clears the tokens here and in the store, even when
        /// the server call fails (that failure is then thrown, after the local session is gone).
        /// </summary>
        /// <param name="cancellationToken">Cancels the server call; the local session is cleared regardless.</param>
        /// <returns>A task that completes when the session is signed out.</returns>
        public virtual async Task LogoutAsync(CancellationToken cancellationToken = default)
        {
            await EnsureRestoredAsync(cancellationToken).ConfigureAwait(false);
            ExceptionDispatchInfo? failure = null;
            if (Volatile.Read(ref _current) != null)
            {
                try
                {
                    await Authentication.AuthLogoutAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (CadenzaSessionExpiredException)
                {
                    // The refresh token was already rejected: there is no server session left to end.
                }
                catch (CadenzaApiException ex) when (ex.StatusCode == 401)
                {
                    // The server no longer knows the token: the outcome is the same as a logout.
                }
                catch (Exception ex)
                {
                    SessionLog.LogoutFailed(_logger, ex);
                    failure = ExceptionDispatchInfo.Capture(ex);
                }
            }

            await EndAsync(basis: null).ConfigureAwait(false);
            failure?.Throw();
        }

        /// <summary>Stops the session: cancels a refresh under way and releases the HTTP connections it owns. The stored session is kept.</summary>
        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        /// <summary>Releases resources.</summary>
        /// <param name="disposing">True from <see cref="Dispose()"/>.</param>
        protected virtual void Dispose(bool disposing)
        {
            if (!disposing || _disposed)
            {
                return;
            }

            _disposed = true;
            _disposal.Cancel();
            _ownedHttpClient?.Dispose();
            _disposal.Dispose();
        }

        /// <summary>The fast path of the handler: a token that needs no refresh, without allocating.</summary>
        internal bool TryGetFreshToken(out string token)
        {
            var current = Volatile.Read(ref _current);
            if (current != null && Volatile.Read(ref _restore) != null && !_disposed && !NeedsRefresh(current, _time.GetUtcNow()))
            {
                token = current.AccessToken;
                return true;
            }

            token = string.Empty;
            return false;
        }

        /// <summary>After a 401 for <paramref name="rejectedToken"/>: a newer token, refreshing unless someone already did.</summary>
        internal async Task<string> RenewRejectedTokenAsync(string rejectedToken, CancellationToken cancellationToken)
        {
            Task<RefreshResult> refresh;
            lock (_gate)
            {
                var current = _current ?? throw NotSignedIn();
                if (!string.Equals(current.AccessToken, rejectedToken, StringComparison.Ordinal))
                {
                    return current.AccessToken;
                }

                refresh = JoinRefresh(current);
            }

            return (await TaskCancellation.WaitAsync(refresh, cancellationToken).ConfigureAwait(false)).Stored.AccessToken;
        }

        private async Task<string> GetAccessTokenSlowAsync(CancellationToken cancellationToken)
        {
            ThrowIfDisposed();
            await EnsureRestoredAsync(cancellationToken).ConfigureAwait(false);
            Task<RefreshResult> refresh;
            StoredSession current;
            lock (_gate)
            {
                current = _current ?? throw NotSignedIn();
                var now = _time.GetUtcNow();
                if (!NeedsRefresh(current, now) || (IsUsable(current, now) && now < _refreshRetryNotBefore))
                {
                    return current.AccessToken;
                }

                refresh = JoinRefresh(current);
            }

            try
            {
                return (await TaskCancellation.WaitAsync(refresh, cancellationToken).ConfigureAwait(false)).Stored.AccessToken;
            }
            catch (Exception ex) when (!(ex is CadenzaSessionExpiredException) && !cancellationToken.IsCancellationRequested && IsUsable(current, _time.GetUtcNow()))
            {
                // An early refresh failed, but the token has not expired yet: keep working with it.
                return current.AccessToken;
            }
        }

        // Callers hold _gate. One refresh at a time: whoever comes while one is under way waits for the same one.
        private Task<RefreshResult> JoinRefresh(StoredSession basis)
        {
            ThrowIfDisposed();
            // Task.Run: the refresh must not start running inside this lock, nor on the caller's cancellation token.
            return _refreshInFlight ?? (_refreshInFlight = Task.Run(() => RefreshCoreAsync(basis)));
        }

        private async Task<RefreshResult> RefreshCoreAsync(StoredSession basis)
        {
            // Another process sharing the store (two `cadenza` commands, say) may have refreshed already. Its
            // rotated refresh token is the one to use: presenting ours again would look like reuse and revoke the session.
            var presented = basis;
            if (await LoadRotatedElsewhereAsync(basis).ConfigureAwait(false) is StoredSession rotated)
            {
                if (!NeedsRefresh(rotated, _time.GetUtcNow()))
                {
                    Apply(basis, rotated);
                    Raise(CadenzaSessionChange.TokenRefreshed, rotated);
                    return new RefreshResult(rotated, rotated.ToAuthSession());
                }

                presented = rotated;
            }

            AuthSession? refreshed;
            try
            {
                refreshed = (await ThrowIfDisposed().Authentication
                    .AuthRefreshTokenAsync(new AuthRefreshTokenRequest { RefreshToken = presented.RefreshToken }, _disposal.Token).ConfigureAwait(false)).Data;
            }
            catch (CadenzaApiException ex) when (ex.StatusCode == 400 || ex.StatusCode == 401)
            {
                SessionLog.RefreshRejected(_logger, ex);
                await EndAsync(basis).ConfigureAwait(false);
                throw new CadenzaSessionExpiredException(
                    $"The session has expired: the server rejected the refresh token (HTTP {ex.StatusCode}{(ex.Errno is int errno ? ", errno " + errno : string.Empty)}). Log in again.", ex);
            }
            catch (Exception ex)
            {
                SessionLog.RefreshFailed(_logger, ex);
                lock (_gate)
                {
                    _refreshInFlight = null;
                    _refreshRetryNotBefore = _time.GetUtcNow() + _refreshRetryDelay;
                }

                throw;
            }

            var next = Apply(basis, ToStored(refreshed, previous: presented));
            SessionLog.Refreshed(_logger, next.ExpiresAt);
            await PersistAsync().ConfigureAwait(false);
            Raise(CadenzaSessionChange.TokenRefreshed, next);
            return new RefreshResult(next, refreshed!);
        }

        // Installs the outcome of a refresh that started from basis, unless the session moved on meanwhile.
        private StoredSession Apply(StoredSession basis, StoredSession next)
        {
            lock (_gate)
            {
                _refreshInFlight = null;
                if (_current is null || !string.Equals(_current.RefreshToken, basis.RefreshToken, StringComparison.Ordinal))
                {
                    // Logged out (or in as someone else) while the refresh was under way: do not bring those tokens back.
                    throw new CadenzaSessionExpiredException("The session ended while its token was being refreshed. Log in again.");
                }

                _current = next.User is null && _current.User != null ? next.WithUser(_current.User) : next;
                _stateVersion++;
                _refreshRetryNotBefore = DateTimeOffset.MinValue;
                return _current;
            }
        }

        // The stored session when it is this session's, rotated by someone else; null otherwise.
        private async Task<StoredSession?> LoadRotatedElsewhereAsync(StoredSession basis)
        {
            StoredSession? stored;
            try
            {
                stored = await _store.LoadAsync(_disposal.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                SessionLog.StoreFailed(_logger, ex);
                return null;
            }

            var sameUser = stored?.User?.Id is null || basis.User?.Id is null || stored.User.Id == basis.User.Id;
            return stored != null && sameUser && BelongsHere(stored) && !string.Equals(stored.RefreshToken, basis.RefreshToken, StringComparison.Ordinal)
                ? stored
                : null;
        }

        private bool BelongsHere(StoredSession stored) =>
            stored.BaseAddress is null || Uri.Compare(stored.BaseAddress, BaseAddress, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0;

        // Signs out locally. With a basis, only if the session still holds that basis's refresh token.
        private async Task EndAsync(StoredSession? basis)
        {
            bool ended;
            lock (_gate)
            {
                _refreshInFlight = null;
                ended = _current != null && (basis is null || string.Equals(_current.RefreshToken, basis.RefreshToken, StringComparison.Ordinal));
                if (ended)
                {
                    _current = null;
                    _stateVersion++;
                }

                _restore = Task.CompletedTask;
            }

            if (ended)
            {
                // Only a session this instance held is cleared: an unreadable or foreign stored one stays as it was.
                await PersistAsync().ConfigureAwait(false);
                SessionLog.SignedOut(_logger);
                Raise(CadenzaSessionChange.SignedOut, null);
            }
        }

        private Task EnsureRestoredAsync(CancellationToken cancellationToken)
        {
            ThrowIfDisposed();
            Task restore;
            lock (_gate)
            {
                restore = _restore ?? (_restore = Task.Run(RestoreCoreAsync));
            }

            return restore.IsCompleted ? restore : TaskCancellation.WaitAsync(AsTaskOfBool(restore), cancellationToken);
        }

        private static async Task<bool> AsTaskOfBool(Task task)
        {
            await task.ConfigureAwait(false);
            return true;
        }

        private async Task RestoreCoreAsync()
        {
            int version;
            lock (_gate)
            {
                version = _stateVersion;
            }

            StoredSession? stored;
            try
            {
                stored = await _store.LoadAsync(_disposal.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                SessionLog.StoreFailed(_logger, ex);
                return;
            }

            if (stored is null)
            {
                return;
            }

            if (!BelongsHere(stored))
            {
                // Its tokens belong to another server: never send them here. The store keeps them for that server.
                SessionLog.StoredForOtherServer(_logger, stored.BaseAddress!, BaseAddress);
                return;
            }

            lock (_gate)
            {
                if (version != _stateVersion || _current != null)
                {
                    return; // a login or logout happened meanwhile and wins
                }

                _current = stored;
                _stateVersion++;
                // Done before the event: a handler that calls back into the session must not wait for this restore.
                _restore = Task.CompletedTask;
            }

            SessionLog.Restored(_logger, stored.User);
            Raise(CadenzaSessionChange.SignedIn, stored);
        }

        // Writes the latest state, not a snapshot, so overlapping writes cannot leave an older session stored.
        private async Task PersistAsync()
        {
            await _persistLock.WaitAsync().ConfigureAwait(false);
            try
            {
                var latest = Volatile.Read(ref _current);
                if (latest is null)
                {
                    await _store.ClearAsync().ConfigureAwait(false);
                }
                else
                {
                    await _store.SaveAsync(latest).ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                SessionLog.StoreFailed(_logger, ex);
            }
            finally
            {
                _persistLock.Release();
            }
        }

        private void Raise(CadenzaSessionChange change, StoredSession? state)
        {
            var handlers = Changed;
            if (handlers is null)
            {
                return;
            }

            var args = new CadenzaSessionChangedEventArgs(change, state?.User, state?.ExpiresAt);
            foreach (EventHandler<CadenzaSessionChangedEventArgs> handler in handlers.GetInvocationList())
            {
                try
                {
                    handler(this, args);
                }
                catch (Exception ex)
                {
                    SessionLog.HandlerFailed(_logger, ex, change);
                }
            }
        }

        private StoredSession ToStored(AuthSession? data, StoredSession? previous)
        {
            if (data is null || string.IsNullOrEmpty(data.AccessToken))
            {
                throw CadenzaApiException.IncompleteSuccess("the response has no access token");
            }

            // GoTrue rotates the refresh token, but a response without one means "keep using the old one".
            var refreshToken = string.IsNullOrEmpty(data.RefreshToken) ? previous?.RefreshToken : data.RefreshToken;
            if (string.IsNullOrEmpty(refreshToken))
            {
                throw CadenzaApiException.IncompleteSuccess("the response has no refresh token");
            }

            var now = _time.GetUtcNow();
            // Relative expiry first (immune to clock skew); a value that is not plausible is not believed (401 then decides).
            DateTimeOffset? expiresAt = data.ExpiresIn is int seconds && seconds > 0 ? now.AddSeconds(seconds)
                : data.ExpiresAt is long at && at > now.ToUnixTimeSeconds() && at < DateTimeOffset.MaxValue.ToUnixTimeSeconds() - 86400 ? DateTimeOffset.FromUnixTimeSeconds(at)
                : (DateTimeOffset?)null;
            return new StoredSession(data.AccessToken!, refreshToken!, now, expiresAt, data.User ?? previous?.User, BaseAddress);
        }

        private bool NeedsRefresh(StoredSession session, DateTimeOffset now)
        {
            if (!(session.ExpiresAt is DateTimeOffset expiresAt))
            {
                return false; // no expiry known: rely on the 401 retry
            }

            // Short-lived tokens are refreshed half-way, so a margin longer than the lifetime cannot cause a refresh on every call.
            var lifetime = expiresAt - session.ReceivedAt;
            var margin = lifetime > TimeSpan.Zero && lifetime.Ticks / 2 < _refreshMargin.Ticks ? TimeSpan.FromTicks(lifetime.Ticks / 2) : _refreshMargin;
            return now >= expiresAt - margin;
        }

        private static bool IsUsable(StoredSession session, DateTimeOffset now) => !(session.ExpiresAt is DateTimeOffset expiresAt) || now < expiresAt;

        private static CadenzaSessionExpiredException NotSignedIn() =>
            new CadenzaSessionExpiredException("Not signed in: call LoginAsync first (or RestoreAsync to load a stored session).");

        private static void RequireText(string value, string name)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException($"The {name} is required.", name);
            }
        }

        private CadenzaSession ThrowIfDisposed() => _disposed ? throw new ObjectDisposedException(nameof(CadenzaSession)) : this;

        private static HttpMessageHandler CreateTransport()
        {
#if NET5_0_OR_GREATER
            // Long-lived sessions: recycle connections so DNS changes are seen.
            return new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
#else
            return new HttpClientHandler();
#endif
        }

        private sealed class RefreshResult
        {
            public RefreshResult(StoredSession stored, AuthSession data)
            {
                Stored = stored;
                Data = data;
            }

            public StoredSession Stored { get; }

            public AuthSession Data { get; }
        }
    }
}
