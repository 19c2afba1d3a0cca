using System;
using Microsoft.Extensions.Http.Resilience;

namespace Cadenza.Client
{
    /// <summary>
    /// The strategies of <c>AddCadenzaResilience</c>, outermost first, with the defaults of Microsoft's standard handler.
    /// Whatever is set here, a request is retried only when <see cref="CadenzaOperations.IsRetrySafe"/> says so.
    /// </summary>
    public sealed class CadenzaResilienceOptions
    {
        /// <summary>The time one call may take, retries and their delays included. Default 30 s.</summary>
        public HttpTimeoutStrategyOptions TotalRequestTimeout { get; set; } = new HttpTimeoutStrategyOptions { Timeout = TimeSpan.FromSeconds(30) };

        /// <summary>
        /// Retries of transient failures (HTTP 408, 429, 5xx, connection failures, attempt timeouts): 3 at most, exponential
        /// back-off from 2 s with jitter, a server's <c>Retry-After</c> honoured. A <see cref="Retry"/>'s own
        /// <c>ShouldHandle</c> can only narrow what is retried; a <c>Retry-After</c> beyond <see cref="TotalRequestTimeout"/>
        /// is not waited for: that response goes back to the caller (as a CadenzaApiException with RetryAfter).
        /// </summary>
        public HttpRetryStrategyOptions Retry { get; set; } = new HttpRetryStrategyOptions();

        /// <summary>Stops calling a failing server for a while (by default: 10% failures over 30 s, at least 100 calls, then 5 s open).</summary>
        public HttpCircuitBreakerStrategyOptions CircuitBreaker { get; set; } = new HttpCircuitBreakerStrategyOptions();

        /// <summary>The time one attempt may take. Default 10 s.</summary>
        public HttpTimeoutStrategyOptions AttemptTimeout { get; set; } = new HttpTimeoutStrategyOptions { Timeout = TimeSpan.FromSeconds(10) };
    }
}
