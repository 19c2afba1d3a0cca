using System;
using System.Net.Http;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;

namespace Cadenza.Client
{
    /// <summary>
    /// What the retry strategy asks after each failed attempt: the user's (or the default transient) predicate, and then
    /// whether the request may be sent again at all (<see cref="CadenzaOperations.IsRetrySafe"/>) and whether the server's
    /// <c>Retry-After</c> fits in the call's time.
    /// </summary>
    internal sealed class SafeRetryPredicate
    {
        private readonly Func<RetryPredicateArguments<HttpResponseMessage>, ValueTask<bool>> _transient;
        private readonly TimeSpan _budget;

        public SafeRetryPredicate(Func<RetryPredicateArguments<HttpResponseMessage>, ValueTask<bool>> transient, TimeSpan budget)
        {
            _transient = transient;
            _budget = budget;
        }

        /// <summary>The pipeline's clock, for a Retry-After given as a date; set when the pipeline is built.</summary>
        public TimeProvider Time { get; set; } = TimeProvider.System;

        public async ValueTask<bool> ShouldRetryAsync(RetryPredicateArguments<HttpResponseMessage> args)
        {
            if (!await _transient(args).ConfigureAwait(false))
            {
                return false;
            }

            var request = args.Context.GetRequestMessage();
            if (request is null || !CadenzaOperations.IsRetrySafe(request))
            {
                return false;
            }

            return !(args.Outcome.Result is HttpResponseMessage response && RetryAfter(response) > _budget);
        }

        private TimeSpan? RetryAfter(HttpResponseMessage response)
        {
            var header = response.Headers.RetryAfter;
            return header?.Delta ?? (header?.Date is DateTimeOffset date ? date - Time.GetUtcNow() : null);
        }
    }
}
