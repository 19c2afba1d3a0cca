using System;

namespace Cadenza.Client
{
    /// <summary>One operation of the spec this assembly was generated from, with its retry classification.</summary>
    public sealed class CadenzaOperation
    {
        internal CadenzaOperation(string operationId, string method, string path, CadenzaRetryClass retry, string retryReason, string? idempotencyKeyHeader)
        {
            OperationId = operationId;
            Method = method;
            Path = path;
            Retry = retry;
            RetryReason = retryReason;
            IdempotencyKeyHeader = idempotencyKeyHeader;
        }

        /// <summary>The spec's operationId, e.g. <c>submitTradeOrder</c>.</summary>
        public string OperationId { get; }

        /// <summary>The HTTP method, upper case.</summary>
        public string Method { get; }

        /// <summary>The path template, e.g. <c>/api/v3/tradeOrder/submit</c>.</summary>
        public string Path { get; }

        /// <summary>Whether a generic retry layer may send it again.</summary>
        public CadenzaRetryClass Retry { get; }

        /// <summary>Why, in a few words (which key, which rule).</summary>
        public string RetryReason { get; }

        /// <summary>
        /// The idempotency-key header a request of this operation must carry to be retried, when the operation has no body
        /// key that the SDK fills in itself; otherwise null.
        /// </summary>
        public string? IdempotencyKeyHeader { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Method} {Path} ({OperationId}): {Retry}: {RetryReason}";

        internal bool AllowsRetryOf(System.Net.Http.HttpRequestMessage request) => Retry switch
        {
            CadenzaRetryClass.IdempotentMethod => true,
            // A body key is filled in by the serializer before the first attempt; a header key must be on the request.
            CadenzaRetryClass.IdempotencyKey => IdempotencyKeyHeader is null || HasValue(request, IdempotencyKeyHeader),
            _ => false,
        };

        private static bool HasValue(System.Net.Http.HttpRequestMessage request, string header) =>
            request.Headers.TryGetValues(header, out var values) && System.Linq.Enumerable.Any(values, v => !string.IsNullOrWhiteSpace(v));
    }
}
