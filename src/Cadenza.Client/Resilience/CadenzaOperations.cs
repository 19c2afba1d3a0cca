using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.RegularExpressions;

namespace Cadenza.Client
{
    /// <summary>
    /// Every operation of the spec this assembly was generated from, each with its retry classification, and the
    /// predicate a retry layer asks (<see cref="IsRetrySafe"/>). The list is written at build time from
    /// <c>openapi/cadenza.yaml</c> by one rule (src/Cadenza.Client.Generators/RetryRule.cs):
    /// the session's own operations (sign-up, login, refresh, logout, recover) are never retried; GET, HEAD, OPTIONS, PUT
    /// and DELETE are; any other method only when its request carries an idempotency key (an <c>X-Idempotency-Key</c>
    /// header, or a request-body string property named <c>idempotencyKey</c> or described as one, which the SDK fills
    /// in when empty).
    /// </summary>
    public static partial class CadenzaOperations
    {
        private static readonly Lazy<Table> Operations = new Lazy<Table>(() => new Table(FromSpec()));

        /// <summary>Every operation of the spec, in the spec's order.</summary>
        public static IReadOnlyList<CadenzaOperation> All => Operations.Value.All;

        /// <summary>The operation a request is for, matched on method and the end of its path; null when none is.</summary>
        /// <param name="request">The request.</param>
        public static CadenzaOperation? Find(HttpRequestMessage request) =>
            Operations.Value.Find(request ?? throw new ArgumentNullException(nameof(request)));

        /// <summary>
        /// True when a retry layer may send <paramref name="request"/> again after a failure that the server may already
        /// have processed. A request for no operation of the spec is judged by its method alone (GET, HEAD, OPTIONS, PUT,
        /// DELETE) or an <c>X-Idempotency-Key</c> header.
        /// </summary>
        /// <param name="request">The request that failed.</param>
        public static bool IsRetrySafe(HttpRequestMessage request)
        {
            if (Find(request) is CadenzaOperation operation)
            {
                return operation.AllowsRetryOf(request);
            }

            var method = request.Method.Method.ToUpperInvariant();
            return method == "GET" || method == "HEAD" || method == "OPTIONS" || method == "PUT" || method == "DELETE"
                || (request.Headers.TryGetValues("X-Idempotency-Key", out var keys) && keys.Any(k => !string.IsNullOrWhiteSpace(k)));
        }

        private static partial CadenzaOperation[] FromSpec();

        private sealed class Table
        {
            private readonly List<(CadenzaOperation Operation, HttpMethod Method, string Suffix, Regex? Template)> _entries;

            public Table(CadenzaOperation[] operations)
            {
                All = operations;
                // Literal paths first: "/tradeOrder/list" must not be taken for a template such as "/tradeOrder/{id}".
                _entries = operations
                    .Select(o => (Operation: o, Method: new HttpMethod(o.Method), Suffix: "/" + o.Path.TrimStart('/'), Template: Template(o.Path)))
                    .OrderBy(e => e.Template is null ? 0 : 1)
                    .ToList();
            }

            public IReadOnlyList<CadenzaOperation> All { get; }

            public CadenzaOperation? Find(HttpRequestMessage request)
            {
                var uri = request.RequestUri;
                var path = uri is null ? string.Empty : uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0];
                foreach (var (operation, method, suffix, template) in _entries)
                {
                    if (request.Method == method && (template is null ? path.EndsWith(suffix, StringComparison.Ordinal) : template.IsMatch(path)))
                    {
                        return operation;
                    }
                }

                return null;
            }

            private static Regex? Template(string path) => path.IndexOf('{') < 0
                ? null
                : new Regex(Regex.Replace(Regex.Escape("/" + path.TrimStart('/')), @"\\\{[^/]*?}", "[^/]+") + "$", RegexOptions.CultureInvariant);
        }
    }
}
