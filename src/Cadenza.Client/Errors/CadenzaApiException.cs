using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Newtonsoft.Json;

namespace Cadenza.Client
{
    /// <summary>
    /// The one exception type for a failed Cadenza call: an HTTP status outside 2xx, an envelope with
    /// <c>success: false</c>, a body that is not the envelope the spec promises, or a token refresh that got
    /// no response at all (<see cref="StatusCode"/> 0, the transport's exception as <see cref="Exception.InnerException"/>).
    /// </summary>
    /// <remarks>
    /// The message is one line: status, <c>errno</c>, <c>error</c>, <c>details.code</c>,
    /// <c>details.request_id</c> and, for 429, the <c>Retry-After</c> delay. For a body that is not an envelope
    /// (a proxy's HTML page, an empty or truncated body) it carries a short excerpt with tokens and passwords
    /// masked. The raw body is never kept: it may hold tokens.
    /// </remarks>
    public class CadenzaApiException : Exception
    {
        /// <summary>Creates the exception the generated clients throw; parses the body for the envelope's fields.</summary>
        /// <param name="message">The generated client's own description; the message is rebuilt from the response instead.</param>
        /// <param name="statusCode">The HTTP status code.</param>
        /// <param name="response">The response body, if it was read.</param>
        /// <param name="headers">The response headers.</param>
        /// <param name="innerException">The cause, if any.</param>
        public CadenzaApiException(string message, int statusCode, string? response, IReadOnlyDictionary<string, IEnumerable<string>>? headers, Exception? innerException)
            : this(FailedResponse.Describe(statusCode, response, headers, innerException, envelope: null))
        {
        }

        private protected CadenzaApiException(FailedResponse failure)
            : base(failure.Message, failure.InnerException)
        {
            StatusCode = failure.StatusCode;
            Errno = failure.Envelope?.Errno;
            Error = failure.Envelope?.Error is string error ? KnownSecrets.Mask(error) : null;
            Details = failure.Envelope?.Details;
            RetryAfter = failure.RetryAfter;
            ResponseExcerpt = failure.Excerpt;
            Headers = failure.Headers;
        }

        /// <summary>Creates an exception that did not come from an HTTP response (for example an expired session).</summary>
        /// <param name="message">A one-line description, free of secrets.</param>
        /// <param name="statusCode">The HTTP status that led here, or 0 when none did.</param>
        /// <param name="innerException">The cause, if any.</param>
        protected CadenzaApiException(string message, int statusCode, Exception? innerException)
            : base(message, innerException)
        {
            StatusCode = statusCode;
            Headers = new Dictionary<string, IEnumerable<string>>();
        }

        internal static CadenzaApiException IncompleteSuccess(string what) =>
            new CadenzaApiException("Cadenza API call failed: HTTP 200, " + what, 200, null);

        /// <summary>A refresh that was not attempted, so its refresh token was not spent (a shared store's lease could not be had): transient.</summary>
        internal static CadenzaApiException RefreshNotAttempted(string why, Exception? innerException) =>
            new CadenzaApiException("Cadenza token refresh not attempted: " + why + "; the refresh token was not spent, so the session is kept", 0, innerException);

        /// <summary>A refresh request given up before its shared store's lease could lapse, since the store cannot renew it: transient.</summary>
        internal static CadenzaApiException RefreshAbandoned(TimeSpan waited, Exception? innerException) =>
            new CadenzaApiException(string.Format(CultureInfo.InvariantCulture,
                "Cadenza token refresh abandoned: no answer within the {0:0.#} s left on the shared session store's refresh lease, which that store cannot renew (CadenzaRefreshLease.TryExtendAsync); the session is kept and the refresh will be retried",
                waited.TotalSeconds), 0, innerException);

        /// <summary>A response that arrived but cannot be used as it is (a redirect followed elsewhere, an unknown charset).</summary>
        internal static CadenzaApiException Unusable(int statusCode, string what) =>
            new CadenzaApiException("Cadenza API call failed: " + what, statusCode, null);

        /// <summary>What a caller sees of a failed refresh: the failure itself when typed, else a typed failure around it.</summary>
        internal static CadenzaApiException FromRefreshFailure(Exception failure)
        {
            if (failure is CadenzaApiException typed)
            {
                return typed;
            }

            var what = failure is OperationCanceledException
                ? "no answer in time"
                : "no response (" + failure.GetType().Name + ": " + Redaction.OneLine(failure.Message, 200) + ")";
            return new CadenzaApiException("Cadenza token refresh failed: " + what, 0, failure);
        }

        /// <summary>The HTTP status code of the response (200 for an unsuccessful envelope in a 200 body; 0 when no response arrived).</summary>
        public int StatusCode { get; }

        /// <summary>The envelope's <c>errno</c> (format AABBB), or null when the body was not an envelope.</summary>
        public int? Errno { get; }

        /// <summary>The envelope's <c>error</c> message, or null.</summary>
        public string? Error { get; }

        /// <summary>The envelope's <c>details</c>, or null.</summary>
        public BaseResponseDetails? Details { get; }

        /// <summary>The machine-readable error code (<c>details.code</c>), e.g. <c>INVALID_TOKEN</c>.</summary>
        public string? ErrorCode => Details?.Code;

        /// <summary>The server's request id (<c>details.request_id</c>), for support tickets.</summary>
        public string? RequestId => Details?.RequestId;

        /// <summary>How long the server asked to wait (<c>Retry-After</c>), when it said.</summary>
        public TimeSpan? RetryAfter { get; }

        /// <summary>True for HTTP 429 Too Many Requests.</summary>
        public bool IsRateLimited => StatusCode == 429;

        /// <summary>A short excerpt of a body that was not a valid envelope, with secrets masked; null otherwise.</summary>
        public string? ResponseExcerpt { get; }

        /// <summary>The response headers.</summary>
        public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; }

        /// <inheritdoc />
        /// <remarks>Any token or password the SDK holds is masked, also in the inner exceptions' messages.</remarks>
        public override string ToString() => KnownSecrets.Mask(base.ToString());
    }
}
