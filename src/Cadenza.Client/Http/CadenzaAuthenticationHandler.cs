using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace Cadenza.Client
{
    /// <summary>
    /// Attaches the session's access token to every request of a bearer operation, so any generated client
    /// built on the session's pipeline is authenticated. On a 401 it refreshes once and resends once; it never
    /// loops. Anonymous operations (<c>security: []</c> in the spec) carry no token, which is also why the
    /// session's own refresh call cannot recurse into this handler. Every response is checked: one that a
    /// redirect brought from another origin or over plain http, or in a charset that cannot be decoded, becomes
    /// a <see cref="CadenzaApiException"/>.
    /// </summary>
    public sealed class CadenzaAuthenticationHandler : DelegatingHandler
    {
        private readonly IAccessTokenSource _tokens;
        private readonly AnonymousOperations _anonymous;
        private readonly bool _allowInsecureHttp;
        private CachedBearer? _bearer;

        /// <summary>Creates a handler that authenticates with <paramref name="session"/>.</summary>
        /// <param name="session">The session whose tokens to attach.</param>
        public CadenzaAuthenticationHandler(CadenzaSession session)
            : this(session ?? throw new ArgumentNullException(nameof(session)), AnonymousOperations.Current, session.AllowsInsecureHttp)
        {
        }

        internal CadenzaAuthenticationHandler(IAccessTokenSource tokens, AnonymousOperations anonymous, bool allowInsecureHttp)
        {
            _tokens = tokens;
            _anonymous = anonymous;
            _allowInsecureHttp = allowInsecureHttp;
        }

        /// <inheritdoc />
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is { IsAbsoluteUri: true } uri && !_allowInsecureHttp && InsecureTransport.IsInsecure(uri))
            {
                return Task.FromException<HttpResponseMessage>(new InvalidOperationException(InsecureTransport.Refusal(uri)));
            }

            return _anonymous.Contains(request) ? SendAnonymousAsync(request, cancellationToken) : SendWithBearerAsync(request, cancellationToken);
        }

        // Anonymous operations carry passwords and refresh tokens in their bodies: their responses are checked too.
        private async Task<HttpResponseMessage> SendAnonymousAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var sent = request.RequestUri;
            return ResponseChecks.Verify(sent, await base.SendAsync(request, cancellationToken).ConfigureAwait(false), _allowInsecureHttp);
        }

        private async Task<HttpResponseMessage> SendWithBearerAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // While the token is usable this task is already complete (and cached): nothing is allocated for it.
            var token = await _tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
            // A bodiless request needs nothing captured for the retry.
            var replay = request.Content is null ? null : await RequestReplay.CaptureAsync(request).ConfigureAwait(false);
            request.Headers.Authorization = BearerHeader(token);
            var sent = request.RequestUri;
            var response = ResponseChecks.Verify(sent, await base.SendAsync(request, cancellationToken).ConfigureAwait(false), _allowInsecureHttp);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                return response;
            }

            response.Dispose();
            var renewed = await _tokens.RenewRejectedTokenAsync(token, cancellationToken).ConfigureAwait(false);
            var retry = (replay ?? RequestReplay.WithoutBody(request)).CreateRetry();
            retry.Headers.Authorization = BearerHeader(renewed);
            SessionTelemetry.RetriedAfterUnauthorized();
            // A second 401 goes back to the caller as it is: one retry, never a loop.
            var retrySent = retry.RequestUri;
            return ResponseChecks.Verify(retrySent, await base.SendAsync(retry, cancellationToken).ConfigureAwait(false), _allowInsecureHttp);
        }

        // One header object per token, shared by the requests that carry it (AuthenticationHeaderValue is immutable).
        private AuthenticationHeaderValue BearerHeader(string token)
        {
            var cached = Volatile.Read(ref _bearer);
            if (cached is null || !string.Equals(cached.Token, token, StringComparison.Ordinal))
            {
                cached = new CachedBearer(token);
                Volatile.Write(ref _bearer, cached);
            }

            return cached.Header;
        }

        private sealed class CachedBearer
        {
            public CachedBearer(string token)
            {
                Token = token;
                Header = new AuthenticationHeaderValue("Bearer", token);
            }

            public string Token { get; }

            public AuthenticationHeaderValue Header { get; }
        }
    }
}
