using System;
using System.Net.Http;
using System.Text;

namespace Cadenza.Client
{
    /// <summary>
    /// What the bearer handler checks on every response before anyone reads it: that no redirect took the request
    /// (and so its credentials) to another origin or to plain http, and that the body's charset can be decoded.
    /// </summary>
    internal static class ResponseChecks
    {
        /// <summary>
        /// Returns <paramref name="response"/>, or disposes it and throws a <see cref="CadenzaApiException"/>;
        /// <paramref name="sent"/> is the request URI as it was handed to the inner handler.
        /// </summary>
        public static HttpResponseMessage Verify(Uri? sent, HttpResponseMessage response, bool allowInsecureHttp)
        {
            // An inner handler that follows redirects (AllowAutoRedirect) changes the request's URI: the cheap test first.
            var final = response.RequestMessage?.RequestUri;
            if (final != null && sent != null && !ReferenceEquals(final, sent) && final.IsAbsoluteUri && sent.IsAbsoluteUri
                && (!SameOrigin(sent, final) || (!allowInsecureHttp && InsecureTransport.IsInsecure(final))))
            {
                response.Dispose();
                throw CadenzaApiException.Unusable(0, $"the transport followed a redirect from {Origin(sent)} to {Origin(final)}: Cadenza credentials never follow a redirect to another origin or to plain http (set AllowAutoRedirect = false on the HttpMessageHandler)");
            }

            var charset = response.Content?.Headers.ContentType?.CharSet;
            if (charset != null && !CanDecode(charset))
            {
                var status = (int)response.StatusCode;
                response.Dispose();
                throw CadenzaApiException.Unusable(status, $"HTTP {status}, the response declares charset \"{Redaction.OneLine(charset, 40)}\", which cannot be decoded");
            }

            return response;
        }

        private static bool SameOrigin(Uri a, Uri b) =>
            string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
            && a.Port == b.Port;

        private static string Origin(Uri uri) => Redaction.OneLine(uri.GetLeftPart(UriPartial.Authority), 200);

        // As HttpContent.ReadAsStringAsync reads it: one pair of quotes removed, then Encoding.GetEncoding.
        private static bool CanDecode(string charset)
        {
            if (string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase) || string.Equals(charset, "\"utf-8\"", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            var name = charset.Length > 2 && charset[0] == '"' && charset[charset.Length - 1] == '"' ? charset.Substring(1, charset.Length - 2) : charset;
            try
            {
                Encoding.GetEncoding(name);
                return true;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }
    }
}
