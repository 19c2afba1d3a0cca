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
        }

        /// <inheritdoc />
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is { IsAbsoluteUri: true } uri && !_allowInsecureHttp && InsecureTransport.IsInsecure(uri))
            {
                throw new InvalidOperationException(InsecureTransport.Refusal(uri));
            }

            if (_anonymous.Contains(request))
            {
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }

            var token = await _session.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
            var replay = await RequestReplay.CaptureAsync(request).ConfigureAwait(false);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                return response;
            }

            response.Dispose();
            var renewed = await _session.RenewRejectedTokenAsync(token, cancellationToken).ConfigureAwait(false);
            var retry = replay.CreateRetry();
            retry.Headers.Authorization = new AuthenticationHeaderValue("Bearer", renewed);
            // A second 401 goes back to the caller as it is: one retry, never a loop.
            return await base.SendAsync(retry, cancellationToken).ConfigureAwait(false);
        }
    }
}
