using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.RegularExpressions;

namespace Cadenza.Client
{
    /// <summary>
    /// The operations that the spec marks anonymous (<c>security: []</c>): they never carry a bearer token and
    /// never trigger a refresh. The list (<see cref="InSpec"/>) is written at build time from
    /// <c>openapi/cadenza.yaml</c> by <c>build/Cadenza.AnonymousOperations.targets</c>, so a spec change updates it.
    /// </summary>
    internal sealed partial class AnonymousOperations
    {
        private static readonly Lazy<AnonymousOperations> FromSpec = new Lazy<AnonymousOperations>(() => new AnonymousOperations(InSpec));

        private readonly List<(HttpMethod Method, string Suffix, Regex? Template)> _operations;

        /// <param name="operations">"METHOD /path" entries; path parameters (<c>{id}</c>) match one segment.</param>
        internal AnonymousOperations(IEnumerable<string> operations)
        {
            _operations = operations.Select(Parse).ToList();
        }

        /// <summary>The anonymous operations of the spec this assembly was built from.</summary>
        public static AnonymousOperations Current => FromSpec.Value;

        /// <summary>The anonymous operations as "METHOD /path".</summary>
        public IEnumerable<string> Describe() => _operations.Select(o => o.Method + " " + o.Suffix);

        /// <summary>True when the request is one of the anonymous operations.</summary>
        /// <param name="request">The request; matched on method and the end of its path, so a base path prefix is fine.</param>
        public bool Contains(HttpRequestMessage request)
        {
            // The path is computed only once the method matches: Uri.AbsolutePath allocates (~200 B) on a new Uri.
            string? path = null;
            foreach (var (method, suffix, template) in _operations)
            {
                if (request.Method != method)
                {
                    continue;
                }

                path ??= request.RequestUri?.IsAbsoluteUri == true ? request.RequestUri.AbsolutePath : request.RequestUri?.OriginalString ?? string.Empty;
                if (template is null ? path.EndsWith(suffix, StringComparison.Ordinal) : template.IsMatch(path))
                {
                    return true;
                }
            }

            return false;
        }

        private static (HttpMethod, string, Regex?) Parse(string operation)
        {
            var space = operation.IndexOf(' ');
            var suffix = "/" + operation.Substring(space + 1).Trim().TrimStart('/');
            var template = suffix.IndexOf('{') >= 0
                ? new Regex(Regex.Replace(Regex.Escape(suffix), @"\\\{[^/]*?}", "[^/]+") + "$", RegexOptions.CultureInvariant)
                : null;
            return (new HttpMethod(operation.Substring(0, space)), suffix, template);
        }
    }
}
