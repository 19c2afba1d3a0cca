using System.Net.Http;
using System.Threading.Tasks;

namespace Cadenza.Client
{
    /// <summary>
    /// A request that can be sent a second time. An <see cref="HttpRequestMessage"/> cannot be resent, so the
    /// body is captured before the first send and a fresh message is built for the retry.
    /// </summary>
    internal sealed class RequestReplay
    {
        private readonly HttpRequestMessage _original;
        private readonly byte[]? _body;

        private RequestReplay(HttpRequestMessage original, byte[]? body)
        {
            _original = original;
            _body = body;
        }

        public static async Task<RequestReplay> CaptureAsync(HttpRequestMessage request)
        {
            var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            return new RequestReplay(request, body);
        }

        /// <summary>A replay of a request that has no body: nothing to capture, so it can be made after the send.</summary>
        public static RequestReplay WithoutBody(HttpRequestMessage request) => new RequestReplay(request, null);

        public HttpRequestMessage CreateRetry()
        {
            var retry = new HttpRequestMessage(_original.Method, _original.RequestUri) { Version = _original.Version };
#if NET5_0_OR_GREATER
            retry.VersionPolicy = _original.VersionPolicy;
            foreach (var option in _original.Options)
            {
                ((System.Collections.Generic.IDictionary<string, object?>)retry.Options)[option.Key] = option.Value;
            }
#else
            foreach (var property in _original.Properties)
            {
                retry.Properties[property.Key] = property.Value;
            }
#endif
            foreach (var header in _original.Headers)
            {
                retry.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            if (_body != null)
            {
                retry.Content = new ByteArrayContent(_body);
                foreach (var header in _original.Content!.Headers)
                {
                    retry.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }

            return retry;
        }
    }
}
