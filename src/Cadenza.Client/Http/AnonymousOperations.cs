using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace Cadenza.Client
{
    /// <summary>
    /// The operations that the spec marks anonymous (<c>security: []</c>): they never carry a bearer token and
    /// never trigger a refresh. Read from the copy of <c>openapi/cadenza.yaml</c> that the build embeds, so a
    /// spec change updates this with no hand-kept list.
    /// </summary>
    internal sealed class AnonymousOperations
    {
        private const string ResourceName = "Cadenza.Client.openapi.json";
        private static readonly string[] Methods = { "get", "put", "post", "delete", "options", "head", "patch", "trace" };

        private static readonly Lazy<AnonymousOperations> FromSpec = new Lazy<AnonymousOperations>(Load);

        private readonly List<(HttpMethod Method, string Suffix, Regex? Template)> _operations;

        internal AnonymousOperations(JObject spec)
        {
            var globalSecurity = spec["security"] as JArray;
            _operations = new List<(HttpMethod, string, Regex?)>();
            foreach (var path in (spec["paths"] as JObject)?.Properties() ?? Enumerable.Empty<JProperty>())
            {
                foreach (var method in Methods)
                {
                    if (!(path.Value[method] is JObject operation))
                    {
                        continue;
                    }

                    var security = operation["security"] as JArray ?? globalSecurity;
                    if (security is null || security.Count == 0)
                    {
                        var relative = path.Name.TrimStart('/');
                        var template = relative.Contains("{")
                            ? new Regex("/" + Regex.Replace(Regex.Escape(relative), @"\\\{[^/]*?}", "[^/]+") + "$", RegexOptions.CultureInvariant)
                            : null;
                        _operations.Add((new HttpMethod(method.ToUpperInvariant()), "/" + relative, template));
                    }
                }
            }
        }

        /// <summary>The anonymous operations of the spec this assembly was built from.</summary>
        public static AnonymousOperations Current => FromSpec.Value;

        /// <summary>The anonymous operations as "METHOD /path" (for diagnostics and tests).</summary>
        public IEnumerable<string> Describe() => _operations.Select(o => o.Method + " " + o.Suffix);

        /// <summary>True when the request is one of the spec's anonymous operations.</summary>
        /// <param name="request">The request; matched on method and the end of its path, so a base path prefix is fine.</param>
        public bool Contains(HttpRequestMessage request)
        {
            var path = request.RequestUri?.IsAbsoluteUri == true ? request.RequestUri.AbsolutePath : request.RequestUri?.OriginalString ?? string.Empty;
            foreach (var (method, suffix, template) in _operations)
            {
                if (request.Method == method &&
                    (template is null ? path.EndsWith(suffix, StringComparison.Ordinal) : template.IsMatch(path)))
                {
                    return true;
                }
            }

            return false;
        }

        private static AnonymousOperations Load()
        {
            using (var stream = typeof(AnonymousOperations).Assembly.GetManifestResourceStream(ResourceName)
                ?? throw new InvalidOperationException($"The embedded spec '{ResourceName}' is missing: the build did not run the Cadenza generation target."))
            using (var reader = new StreamReader(stream))
            {
                return new AnonymousOperations(JObject.Parse(reader.ReadToEnd()));
            }
        }
    }
}
