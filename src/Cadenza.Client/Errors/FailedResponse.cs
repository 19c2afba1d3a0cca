using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cadenza.Client
{
    /// <summary>What a failed response said, reduced to the facts a <see cref="CadenzaApiException"/> carries.</summary>
    internal sealed class FailedResponse
    {
        private static readonly IReadOnlyDictionary<string, IEnumerable<string>> NoHeaders = new Dictionary<string, IEnumerable<string>>();

        private FailedResponse(int statusCode, IReadOnlyDictionary<string, IEnumerable<string>> headers)
        {
            StatusCode = statusCode;
            Headers = headers;
            Message = string.Empty;
        }

        public int StatusCode { get; }

        public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; }

        public BaseResponse? Envelope { get; private set; }

        public TimeSpan? RetryAfter { get; private set; }

        public string? Excerpt { get; private set; }

        public string Message { get; private set; }

        public Exception? InnerException { get; private set; }

        public static FailedResponse Describe(int statusCode, string? body, IReadOnlyDictionary<string, IEnumerable<string>>? headers, Exception? cause, BaseResponse? envelope)
        {
            var json = TryParse(body);
            var failure = new FailedResponse(statusCode, headers ?? NoHeaders)
            {
                // Newtonsoft's messages can quote the offending value, which may be a token: keep the path only.
                InnerException = cause is JsonException || cause is UnsuccessfulEnvelopeException ? null : cause,
                Envelope = envelope ?? (cause as UnsuccessfulEnvelopeException)?.Envelope ?? TryReadEnvelope(json as JObject),
                RetryAfter = RetryAfterHeader.Read(headers),
            };

            var message = new StringBuilder("Cadenza API call failed: HTTP ").Append(statusCode.ToString(CultureInfo.InvariantCulture));
            if (failure.Envelope is { } e)
            {
                message.Append(", errno ").Append(e.Errno.ToString(CultureInfo.InvariantCulture));
                if (!string.IsNullOrWhiteSpace(e.Error))
                {
                    message.Append(": ").Append(Redaction.OneLine(e.Error!, 300));
                }

                var facts = new List<string>();
                if (!string.IsNullOrEmpty(e.Details?.Code)) facts.Add("code " + Redaction.OneLine(e.Details!.Code!, 80));
                if (!string.IsNullOrEmpty(e.Details?.RequestId)) facts.Add("request_id " + Redaction.OneLine(e.Details!.RequestId!, 80));
                if (facts.Count > 0) message.Append(" (").Append(string.Join(", ", facts)).Append(')');
            }
            else
            {
                message.Append(", ").Append(DescribeBody(body, json != null, cause));
                if (!string.IsNullOrWhiteSpace(body))
                {
                    failure.Excerpt = Redaction.Excerpt(body!, 160);
                    message.Append(": ").Append(failure.Excerpt);
                }
            }

            if (statusCode == 301 || statusCode == 302 || statusCode == 303 || statusCode == 307 || statusCode == 308)
            {
                // Redirects are not followed (credentials stay with the server they were meant for): say where it pointed.
                message.Append("; redirect to ").Append(RedirectTarget(headers)).Append(" not followed");
            }

            if (failure.RetryAfter is { } delay)
            {
                message.Append("; retry after ").Append(Math.Ceiling(delay.TotalSeconds).ToString(CultureInfo.InvariantCulture)).Append(" s");
            }

            failure.Message = message.ToString();
            return failure;
        }

        // The origin only: a path or query may carry anything.
        private static string RedirectTarget(IReadOnlyDictionary<string, IEnumerable<string>>? headers)
        {
            var location = headers?.FirstOrDefault(h => string.Equals(h.Key, "Location", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
            if (location is null || !Uri.TryCreate(location.Trim(), UriKind.RelativeOrAbsolute, out var target))
            {
                return "(no Location)";
            }

            return target.IsAbsoluteUri ? Redaction.OneLine(target.GetLeftPart(UriPartial.Authority), 200) : "a path on the same server";
        }

        private static string DescribeBody(string? body, bool isJson, Exception? cause)
        {
            var path = (cause as JsonReaderException)?.Path ?? (cause as JsonSerializationException)?.Path;
            var at = string.IsNullOrEmpty(path) ? string.Empty : " at '" + path + "'";
            if (string.IsNullOrWhiteSpace(body))
            {
                return cause is JsonException ? "body is not valid JSON" + at : "empty body";
            }

            if (!isJson)
            {
                return "body is not valid JSON" + at;
            }

            return cause is JsonException ? "body does not match the spec" + at : "body is not a Cadenza envelope";
        }

        private static JToken? TryParse(string? body)
        {
            if (string.IsNullOrWhiteSpace(body))
            {
                return null;
            }

            try
            {
                return JToken.Parse(body!);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        // Read leniently, field by field: an error body that is half right still says more than its excerpt.
        private static BaseResponse? TryReadEnvelope(JObject? json)
        {
            if (json is null || !(json["errno"] is JValue errno) || errno.Type != JTokenType.Integer)
            {
                return null;
            }

            try
            {
                return new BaseResponse
                {
                    Success = json["success"]?.Type == JTokenType.Boolean && json.Value<bool>("success"),
                    Errno = errno.Value<int>(),
                    Error = json["error"]?.Type == JTokenType.String ? json.Value<string>("error") : null,
                    Details = json["details"] is JObject details ? details.ToObject<BaseResponseDetails>() : null,
                };
            }
            catch (Exception ex) when (ex is JsonException || ex is OverflowException || ex is FormatException || ex is InvalidCastException)
            {
                return null;
            }
        }
    }
}
