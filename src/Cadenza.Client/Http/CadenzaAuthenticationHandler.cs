using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
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

            if (_anonymous.Contains(request))
            {
                return SendInner(request, cancellationToken);
            }

            // The fast path: a token that needs no refresh and a request without a body (nothing to capture for a
            // retry: the retry is built from the request itself). No task, replay or header object is allocated.
            if (request.Content is null && _tokenFromSessionState && _session.TryGetFreshToken(out var token))
            {
                request.Headers.Authorization = BearerHeader(token);
                var sending = SendInner(request, cancellationToken);
                // Already answered (an in-memory transport) and not a 401: nothing left to do, so no state machine.
                return sending.Status == TaskStatus.RanToCompletion && sending.Result.StatusCode != HttpStatusCode.Unauthorized
                    ? sending
                    : RetryOnceIfUnauthorizedAsync(sending, request, replay: null, token, cancellationToken);
            }

            return SendSlowAsync(request, cancellationToken);
        }

        private async Task<HttpResponseMessage> SendSlowAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var token = await _session.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
            var replay = await RequestReplay.CaptureAsync(request).ConfigureAwait(false);
            request.Headers.Authorization = BearerHeader(token);
            return await RetryOnceIfUnauthorizedAsync(SendInner(request, cancellationToken), request, replay, token, cancellationToken).ConfigureAwait(false);
        }

        private async Task<HttpResponseMessage> RetryOnceIfUnauthorizedAsync(
            Task<HttpResponseMessage> sending, HttpRequestMessage request, RequestReplay? replay, string token, CancellationToken cancellationToken)
        {
            var response = await sending.ConfigureAwait(false);
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

        // The inner handler's task; an exception it throws synchronously becomes a faulted (or cancelled) task,
        // as it was when every path of this handler was one async method.
        private Task<HttpResponseMessage> SendInner(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                return base.SendAsync(request, cancellationToken);
            }
            catch (Exception ex)
            {
                return AsTask(ExceptionDispatchInfo.Capture(ex));
            }
        }

#pragma warning disable CS1998 // async without await: rethrowing inside an async method gives the same faulted or cancelled task.
        private static async Task<HttpResponseMessage> AsTask(ExceptionDispatchInfo exception)
#pragma warning restore CS1998
        {
            exception.Throw();
            throw new InvalidOperationException("unreachable");
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
