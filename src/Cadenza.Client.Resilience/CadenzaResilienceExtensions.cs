using System;
using Cadenza.Client;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Microsoft.Extensions.DependencyInjection
{
    /// <summary>Adds retries that never double an order to the Cadenza HTTP client.</summary>
    public static class CadenzaResilienceExtensions
    {
        /// <summary>The name of the resilience pipeline (for telemetry and <c>IOptions</c>).</summary>
        public const string PipelineName = "cadenza";

        /// <summary>
        /// Adds a Polly resilience handler (Microsoft.Extensions.Http.Resilience) to the Cadenza client's pipeline: a total
        /// timeout, retries with jittered exponential back-off that honour <c>Retry-After</c> on 429/503, a circuit breaker
        /// and a per-attempt timeout. Only requests the spec makes safe to repeat are retried
        /// (<see cref="CadenzaOperations.IsRetrySafe"/>): GET/PUT/DELETE, and POSTs that carry an idempotency key, which the
        /// SDK fills in (submit order, RFQ). The session's own operations (sign-up, login, refresh, logout, recover) and
        /// POSTs without a key are never retried. Call it on the builder <c>AddCadenzaClient</c> returns, so it runs inside
        /// the token handler: a retry reuses the attempt's token, and a 401 is the token handler's business.
        /// </summary>
        /// <param name="builder">The builder <c>AddCadenzaClient</c> returned.</param>
        /// <param name="configure">Changes the strategies' options (<see cref="CadenzaResilienceOptions"/>).</param>
        /// <returns>The resilience pipeline's builder.</returns>
        public static IHttpResiliencePipelineBuilder AddCadenzaResilience(this IHttpClientBuilder builder, Action<CadenzaResilienceOptions>? configure = null)
        {
            if (builder is null)
            {
                throw new ArgumentNullException(nameof(builder));
            }

            var options = new CadenzaResilienceOptions();
            configure?.Invoke(options);
            var safety = new SafeRetryPredicate(options.Retry.ShouldHandle, options.TotalRequestTimeout.Timeout);
            options.Retry.ShouldHandle = safety.ShouldRetryAsync;

            return builder.AddResilienceHandler(PipelineName, (pipeline, context) =>
            {
                var time = context.ServiceProvider.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System;
                pipeline.TimeProvider = time;
                safety.Time = time;
                pipeline
                    .AddTimeout(options.TotalRequestTimeout)
                    .AddRetry(options.Retry)
                    .AddCircuitBreaker(options.CircuitBreaker)
                    .AddTimeout(options.AttemptTimeout);
            });
        }
    }
}
