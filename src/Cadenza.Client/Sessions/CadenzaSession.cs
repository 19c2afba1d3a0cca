using System;
using System.Net.Http;
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
    public partial class CadenzaSession : IDisposable, IAccessTokenSource
    {
        private readonly TimeProvider _time;
        private readonly ILogger _logger;
        private readonly ExpiryPolicy _expiry;
        private readonly Func<HttpClient> _httpClients;
        private readonly HttpClient? _ownedHttpClient;
        private readonly AuthenticationClient? _ownedAuthentication;
        // Cancelled on Dispose, never disposed itself: a refresh still running may read its token afterwards.
        private readonly CancellationTokenSource _disposal = new CancellationTokenSource();
        private readonly TokenState _tokens = new TokenState();
        private readonly SessionPersistence _persistence;
        private readonly SessionLifecycle _lifecycle;
        private readonly AccessTokenProvider _accessTokens;

        /// <summary>Creates a session for the server at <paramref name="baseAddress"/>, keeping tokens in memory.</summary>
        /// <param name="baseAddress">The server, e.g. <see cref="CadenzaSessionOptions.UatServer"/>.</param>
        public CadenzaSession(Uri baseAddress)
            : this(new CadenzaSessionOptions { BaseAddress = baseAddress })
        {
        }

        /// <summary>Creates a session with its own HTTP connection pool (which never follows redirects).</summary>
        /// <param name="options">Server, store, clock, logging and refresh settings.</param>
        public CadenzaSession(CadenzaSessionOptions options)
            : this(options, CreateTransport(), ownsTransport: true)
        {
        }

        /// <summary>
        /// Creates a session that sends its requests through <paramref name="transport"/> (a proxy, a test handler…), which it
        /// does not dispose. The transport must not follow redirects (<c>AllowAutoRedirect = false</c>): a response that a
        /// redirect brought from another origin is refused, but by then the request has been sent there.
        /// </summary>
        /// <param name="options">Server, store, clock, logging and refresh settings.</param>
        /// <param name="transport">The innermost handler.</param>
        public CadenzaSession(CadenzaSessionOptions options, HttpMessageHandler transport)
            : this(options, transport ?? throw new ArgumentNullException(nameof(transport)), ownsTransport: false)
        {
        }

        /// <summary>For mocking: creates a session whose members must all be overridden.</summary>
        protected CadenzaSession()
            : this(new CadenzaSessionOptions(), () => throw new InvalidOperationException("A mocked CadenzaSession has no HTTP pipeline."))
        {
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
            var store = options.Store ?? throw new ArgumentException("CadenzaSessionOptions.Store is required.", nameof(options));
            _time = options.TimeProvider ?? throw new ArgumentException("CadenzaSessionOptions.TimeProvider is required.", nameof(options));
            _logger = (options.LoggerFactory ?? throw new ArgumentException("CadenzaSessionOptions.LoggerFactory is required.", nameof(options))).CreateLogger<CadenzaSession>();
            _httpClients = httpClients ?? (() => _ownedHttpClient!);
            _expiry = new ExpiryPolicy(options.RefreshMargin);
            _persistence = new SessionPersistence(store, _tokens, _expiry, BaseAddress, _logger, Raise, _disposal.Token);
            _lifecycle = new SessionLifecycle(_tokens, _persistence, _logger, Raise);
            var refresh = new TokenRefresh(_persistence, _lifecycle, _expiry, RedeemAsync, _time, BaseAddress, _logger);
            // Seeded per session, so sessions created at the same moment do not retry in step. Used under the coordinator's lock.
            var backoff = new RefreshBackoff(options.RefreshRetryDelay, options.RefreshRetryMaxDelay, new Random(Guid.NewGuid().GetHashCode()).NextDouble);
            var coordinator = new RefreshCoordinator(_tokens, refresh.RunAsync, backoff, _time, _logger, _disposal.Token);
            _accessTokens = new AccessTokenProvider(_tokens, coordinator, _persistence, _time, options.RefreshInBackground);
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
        public virtual CadenzaSessionState State => _tokens.Current is null ? CadenzaSessionState.SignedOut : CadenzaSessionState.SignedIn;

        /// <summary>The signed-in user, as last seen; null when signed out.</summary>
        public virtual AuthUser? User => _tokens.Current?.Session.User;

        /// <summary>When the current access token expires; null when signed out or unknown (then a 401 triggers the refresh).</summary>
        public virtual DateTimeOffset? ExpiresAt => _tokens.Current?.Session.ExpiresAt;

        internal bool AllowsInsecureHttp { get; }

        /// <summary>Loads the stored session, if any, without a network call. Other members do this on first use.</summary>
        /// <param name="cancellationToken">Stops waiting.</param>
        /// <returns>True when the session is signed in afterwards.</returns>
        public virtual async Task<bool> RestoreAsync(CancellationToken cancellationToken = default)
        {
            await ThrowIfDisposed()._persistence.EnsureRestoredAsync(cancellationToken).ConfigureAwait(false);
            return State == CadenzaSessionState.SignedIn;
        }

        /// <summary>Refreshes the access token now (joining a refresh already under way).</summary>
        /// <param name="cancellationToken">Stops this caller waiting; the refresh itself carries on for the others.</param>
        /// <returns>The refreshed session.</returns>
        /// <exception cref="CadenzaSessionExpiredException">Not signed in, or the server rejected the refresh token.</exception>
        /// <exception cref="CadenzaApiException">The refresh failed for a transient reason (the tokens are kept), now or within the back-off window of an earlier failure.</exception>
        public virtual Task<AuthSession> RefreshAsync(CancellationToken cancellationToken = default) =>
            ThrowIfDisposed()._accessTokens.RefreshNowAsync(cancellationToken);

        /// <summary>
        /// A valid access token. Inside the refresh margin it is returned at once while one refresh runs in the background;
        /// only an expired token makes the caller wait for a refresh.
        /// </summary>
        /// <param name="cancellationToken">Stops this caller waiting.</param>
        /// <returns>The access token.</returns>
        /// <exception cref="CadenzaSessionExpiredException">Not signed in, or the server rejected the refresh token.</exception>
        /// <exception cref="CadenzaApiException">The token has expired and the refresh failed for a transient reason (the tokens are kept).</exception>
        public virtual Task<string> GetAccessTokenAsync(CancellationToken cancellationToken = default) =>
            _accessTokens.GetAsync(cancellationToken);

        /// <summary>Stops the session: cancels a refresh under way and releases the HTTP connections it owns. The stored session is kept.</summary>
        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        Task<string> IAccessTokenSource.GetAccessTokenAsync(CancellationToken cancellationToken) => GetAccessTokenAsync(cancellationToken);

        Task<string> IAccessTokenSource.RenewRejectedTokenAsync(string rejectedToken, CancellationToken cancellationToken) => RenewRejectedTokenAsync(rejectedToken, cancellationToken);

        /// <summary>After a 401 for <paramref name="rejectedToken"/>: a newer token, refreshing unless someone already did.</summary>
        internal Task<string> RenewRejectedTokenAsync(string rejectedToken, CancellationToken cancellationToken) =>
            _accessTokens.RenewRejectedAsync(rejectedToken, cancellationToken);

        /// <summary>Releases resources.</summary>
        /// <param name="disposing">True from <see cref="Dispose()"/>.</param>
        protected virtual void Dispose(bool disposing)
        {
            if (!disposing || _tokens.IsClosed)
            {
                return;
            }

            _tokens.Close();
            _disposal.Cancel();
            _ownedHttpClient?.Dispose();
        }

        private async Task<AuthSession?> RedeemAsync(string refreshToken, CancellationToken cancellationToken)
        {
            var response = await Authentication.AuthRefreshTokenAsync(new AuthRefreshTokenRequest { RefreshToken = refreshToken }, cancellationToken).ConfigureAwait(false);
            return response.Data;
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

        private CadenzaSession ThrowIfDisposed() => _tokens.IsClosed ? throw new ObjectDisposedException(nameof(CadenzaSession)) : this;

        // Long-lived sessions recycle connections so DNS changes are seen. No redirects: credentials stay with the server.
        private static HttpMessageHandler CreateTransport() =>
#if NET5_0_OR_GREATER
            new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false };
#else
            new HttpClientHandler { AllowAutoRedirect = false };
#endif
    }
}
