using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Cadenza.Client
{
    /// <summary>Reads <c>Retry-After</c> (RFC 9110 §10.2.3): delay-seconds, or an HTTP date measured against the response's <c>Date</c>.</summary>
    internal static class RetryAfterHeader
    {
        public static TimeSpan? Read(IReadOnlyDictionary<string, IEnumerable<string>>? headers)
        {
            var value = First(headers, "Retry-After");
            if (value is null)
            {
                return null;
            }

            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }

            if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var until)
                && DateTimeOffset.TryParseExact(First(headers, "Date") ?? string.Empty, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sent))
            {
                var delay = until - sent;
                return delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
            }

            return null;
        }

        private static string? First(IReadOnlyDictionary<string, IEnumerable<string>>? headers, string name)
        {
            if (headers is null)
            {
                return null;
            }

            return headers
                .Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase))
                .SelectMany(h => h.Value)
                .Select(v => v.Trim())
                .FirstOrDefault(v => v.Length > 0);
        }
    }
}
