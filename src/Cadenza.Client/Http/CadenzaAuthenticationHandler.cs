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
    /// loops. Anonymous operations (<c>security: []</c> in the spec) pass through untouched, which is also why
    /// the session's own refresh call cannot recurse into this handler.
    /// </summary>
    public sealed class CadenzaAuthenticationHandler : DelegatingHandler
    {
        private readonly CadenzaSession _session;
        private readonly AnonymousOperations _anonymous;
        private readonly bool _allowInsecureHttp;
        private readonly bool _tokenFromSessionState;
        private CachedBearer? _bearer;

        /// <summary>Creates a handler that authenticates with <paramref name="session"/>.</summary>
        /// <param name="session">The session whose tokens to attach.</param>
        public CadenzaAuthenticationHandler(CadenzaSession session)
            : this(session, AnonymousOperations.Current)
        {
        }

        internal CadenzaAuthenticationHandler(CadenzaSession session, AnonymousOperations anonymous)
        {
            _session = session ?? throw new ArgumentNullException(nameof(session));
            _anonymous = anonymous;
            _allowInsecureHttp = session.AllowsInsecureHttp;
            // Only for CadenzaSession itself: a subclass may override GetAccessTokenAsync, and then every token comes from that override.
            _tokenFromSessionState = session.GetType() == typeof(CadenzaSession);
        }

        /// <inheritdoc />
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is { IsAbsoluteUri: true } uri && !_allowInsecureHttp && InsecureTransport.IsInsecure(uri))
            {
                return Task.FromException<HttpResponseMessage>(new InvalidOperationException(InsecureTransport.Refusal(uri)));
            }

            return _anonymous.Contains(request) ? base.SendAsync(request, cancellationToken) : SendWithBearerAsync(request, cancellationToken);
        }

        private async Task<HttpResponseMessage> SendWithBearerAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // A fresh token is read without a Task; a bodiless request needs nothing captured for the retry.
            var token = _tokenFromSessionState && _session.TryGetFreshToken(out var fresh)
                ? fresh
                : await _session.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
            var replay = request.Content is null ? null : await RequestReplay.CaptureAsync(request).ConfigureAwait(false);
            request.Headers.Authorization = BearerHeader(token);
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                return response;
            }

            response.Dispose();
            var renewed = await _session.RenewRejectedTokenAsync(token, cancellationToken).ConfigureAwait(false);
            var retry = (replay ?? RequestReplay.WithoutBody(request)).CreateRetry();
            retry.Headers.Authorization = BearerHeader(renewed);
            // A second 401 goes back to the caller as it is: one retry, never a loop.
            return await base.SendAsync(retry, cancellationToken).ConfigureAwait(false);
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
