using System;
using System.Collections.Generic;
using System.Linq;

namespace Cadenza.Client.Generators
{
    /// <summary>
    /// THE retry rule: whether a generic retry layer may send an operation again after a timeout, a 5xx or a lost
    /// connection — when the first attempt may already have been processed. Applied to every operation of the spec
    /// at build time, so a new upstream operation is classified with no hand edit. In this order:
    /// <list type="number">
    /// <item><b>SessionOperation, never retried</b>: the operations CadenzaSession itself calls to sign up, log in,
    /// refresh, log out and recover (<see cref="SessionOperationIds"/>). A retried refresh presents a spent single-use
    /// refresh token and signs the user out; the session handles these failures itself.</item>
    /// <item><b>IdempotentMethod, retried</b>: GET, HEAD, OPTIONS, PUT, DELETE (idempotent by HTTP's definition).</item>
    /// <item><b>IdempotencyKey, retried</b>: any other method whose request carries an idempotency key — a header
    /// parameter named <c>X-Idempotency-Key</c>, or a top-level string property of the JSON request body named
    /// <c>idempotencyKey</c> or whose description mentions idempotency ("idempotency", "idempotent"). The server
    /// answers a repeated key as it answered the first time, so a retry cannot do the thing twice. When the body has
    /// several key fields, the SDK fills in one — the one named <c>idempotencyKey</c>, else the first — and only when
    /// the caller left all of them empty: a caller's own key (e.g. submit-order's <c>clientOrderId</c>, the caller's
    /// own order reference) is never replaced or joined by another. A header key is the caller's to pass: such an
    /// operation is retried only when the request carries the header.</item>
    /// <item><b>NotRetried</b>: everything else (a POST without a key): after a lost response, a retry could do it twice.</item>
    /// </list>
    /// </summary>
    internal static class RetryRule
    {
        /// <summary>The operations CadenzaSession calls for its own state (and the compiler checks it calls them by these names).</summary>
        public static readonly IReadOnlyList<string> SessionOperationIds = new[] { "authSignup", "authLogin", "authRefreshToken", "authLogout", "authRecover" };

        public const string IdempotencyKeyHeader = "X-Idempotency-Key";

        private static readonly string[] IdempotentMethods = { "GET", "HEAD", "OPTIONS", "PUT", "DELETE" };

        public static RetryDecision Classify(SpecOperation operation)
        {
            if (SessionOperationIds.Contains(operation.OperationId))
            {
                return new RetryDecision(RetryClass.SessionOperation, "the session's own operation: a retry could present a spent single-use token or repeat a sign-in", Array.Empty<string>(), null, null);
            }

            if (IdempotentMethods.Contains(operation.Method))
            {
                return new RetryDecision(RetryClass.IdempotentMethod, operation.Method + " is idempotent", Array.Empty<string>(), null, null);
            }

            var header = operation.Parameters.FirstOrDefault(p => p.In == "header" && string.Equals(p.Name, IdempotencyKeyHeader, StringComparison.OrdinalIgnoreCase))?.Name;
            var bodyKeys = (operation.Body ?? Array.Empty<SpecProperty>()).Where(IsBodyKey).Select(p => p.Name).Distinct().ToList();
            if (header is null && bodyKeys.Count == 0)
            {
                return new RetryDecision(RetryClass.NotRetried, operation.Method + " without an idempotency key: a retry after a lost response could do it twice", Array.Empty<string>(), null, null);
            }

            var fill = bodyKeys.Count == 0 ? null : bodyKeys.FirstOrDefault(k => k == "idempotencyKey") ?? bodyKeys[0];
            var reason = "the request carries an idempotency key: "
                + string.Join(", ", bodyKeys.Select(k => "body " + k + (k == fill ? " (filled in when the caller leaves every key empty)" : " (the caller's)"))
                    .Concat(header is null ? Enumerable.Empty<string>() : new[] { "header " + header + " (when the caller passes it)" }));
            return new RetryDecision(RetryClass.IdempotencyKey, reason, bodyKeys, fill, header);
        }

        private static bool IsBodyKey(SpecProperty property) =>
            property.Type == "string"
            && (property.Name == "idempotencyKey"
                || (property.Description ?? string.Empty).IndexOf("idempoten", StringComparison.OrdinalIgnoreCase) >= 0);
    }

    /// <summary>Mirrors Cadenza.Client.CadenzaRetryClass (the generated code names its members).</summary>
    internal enum RetryClass
    {
        IdempotentMethod,
        IdempotencyKey,
        NotRetried,
        SessionOperation,
    }

    internal sealed class RetryDecision
    {
        public RetryDecision(RetryClass @class, string reason, IReadOnlyList<string> bodyKeys, string? fillKey, string? headerKey)
        {
            Class = @class;
            Reason = reason;
            BodyKeys = bodyKeys;
            FillKey = fillKey;
            HeaderKey = headerKey;
        }

        public RetryClass Class { get; }

        public string Reason { get; }

        /// <summary>JSON names of the body's idempotency-key properties.</summary>
        public IReadOnlyList<string> BodyKeys { get; }

        /// <summary>The body property the SDK fills in when every key is empty; null when the key is a header only.</summary>
        public string? FillKey { get; }

        public string? HeaderKey { get; }
    }
}
