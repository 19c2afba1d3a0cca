using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;

namespace Cadenza.Client
{
    /// <summary>
    /// How the generated clients read a JSON response (build/templates/Client.Class.ReadObjectResponse.liquid): the
    /// body into pooled buffers, decoded into a pooled char buffer, deserialized by the client's one serializer
    /// through a <see cref="CadenzaJsonReader"/> whose own buffer is pooled too. The text is made a string only when
    /// a failure will quote it (a status outside 2xx, a body that does not deserialize, a null body).
    /// </summary>
    internal static class JsonResponseBody
    {
        private const int FirstBufferSize = 4096;

        /// <summary>
        /// The serializer a generated client keeps for its responses. Typed dates are parsed straight from the
        /// reader's buffer; free-form values keep date-like strings as sent (see <see cref="CadenzaJsonReader"/>).
        /// </summary>
        public static JsonSerializer CreateSerializer(JsonSerializerSettings settings)
        {
            var serializer = JsonSerializer.Create(settings);
            serializer.DateParseHandling = DateParseHandling.DateTime;
            return serializer;
        }

        public static async ValueTask<JsonBody<T>> ReadAsync<T>(HttpContent content, JsonSerializer serializer, bool keepText, CancellationToken cancellationToken)
        {
            var bytes = ArrayPool<byte>.Shared.Rent(InitialSize(content.Headers.ContentLength));
            var length = 0;
            try
            {
#if NET5_0_OR_GREATER
                using (var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
#else
                using (var stream = await content.ReadAsStreamAsync().ConfigureAwait(false))
#endif
                {
                    int read;
                    while ((read = await stream.ReadAsync(bytes, length, bytes.Length - length, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        length += read;
                        if (length == bytes.Length)
                        {
                            bytes = Grow(bytes, length);
                        }
                    }
                }

                return Deserialize<T>(bytes, length, Encoding(content), serializer, keepText);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(bytes);
            }
        }

        public static JsonBody<T> Deserialize<T>(string text, JsonSerializer serializer)
        {
            using var reader = new CadenzaJsonReader(new StringReader(text));
            try
            {
                return new JsonBody<T>(serializer.Deserialize<T>(reader), text, null);
            }
            catch (JsonException ex)
            {
                return new JsonBody<T>(default, text, ex);
            }
        }

        private static JsonBody<T> Deserialize<T>(byte[] bytes, int length, Encoding encoding, JsonSerializer serializer, bool keepText)
        {
            var preamble = Preamble(bytes, length, encoding);
            var chars = ArrayPool<char>.Shared.Rent(Math.Max(1, encoding.GetMaxCharCount(length - preamble)));
            try
            {
                var count = encoding.GetChars(bytes, preamble, length - preamble, chars, 0);
                using var reader = new CadenzaJsonReader(new CharSegmentReader(chars, count));
                try
                {
                    var value = serializer.Deserialize<T>(reader);
                    return new JsonBody<T>(value, keepText || value is null ? new string(chars, 0, count) : null, null);
                }
                catch (JsonException ex)
                {
                    return new JsonBody<T>(default, new string(chars, 0, count), ex);
                }
            }
            finally
            {
                ArrayPool<char>.Shared.Return(chars);
            }
        }

        private static int InitialSize(long? contentLength) =>
            contentLength is long known && known > 0 && known < 16 * 1024 * 1024 ? (int)known + 1 : FirstBufferSize;

        private static byte[] Grow(byte[] bytes, int length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(bytes.Length * 2);
            Buffer.BlockCopy(bytes, 0, larger, 0, length);
            ArrayPool<byte>.Shared.Return(bytes);
            return larger;
        }

        // JSON is UTF-8 (RFC 8259); a charset the server names is honoured, as HttpContent.ReadAsStringAsync does.
        private static Encoding Encoding(HttpContent content)
        {
            var charset = content.Headers.ContentType?.CharSet?.Trim('"');
            if (string.IsNullOrEmpty(charset) || string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase))
            {
                return System.Text.Encoding.UTF8;
            }

            try
            {
                return System.Text.Encoding.GetEncoding(charset);
            }
            catch (ArgumentException)
            {
                return System.Text.Encoding.UTF8;
            }
        }

        private static int Preamble(byte[] bytes, int length, Encoding encoding)
        {
            var preamble = encoding.GetPreamble();
            if (preamble.Length == 0 || length < preamble.Length)
            {
                return 0;
            }

            for (var i = 0; i < preamble.Length; i++)
            {
                if (bytes[i] != preamble[i])
                {
                    return 0;
                }
            }

            return preamble.Length;
        }
    }
}
