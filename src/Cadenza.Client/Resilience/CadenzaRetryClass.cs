namespace Cadenza.Client
{
    /// <summary>
    /// Whether a generic retry layer may send an operation again after a timeout, a 5xx or a lost connection, when the
    /// first attempt may already have been processed. Every operation of the spec is classified at build time by one
    /// rule (see <see cref="CadenzaOperations"/>).
    /// </summary>
    public enum CadenzaRetryClass
    {
        /// <summary>GET, HEAD, OPTIONS, PUT or DELETE: idempotent by HTTP's definition; retried.</summary>
        IdempotentMethod,

        /// <summary>Another method whose request carries an idempotency key (the server answers a repeat as the first time); retried.</summary>
        IdempotencyKey,

        /// <summary>A POST without an idempotency key: after a lost response a retry could do it twice; never retried.</summary>
        NotRetried,

        /// <summary>The session's own operations (sign-up, login, refresh, logout, recover); never retried by a generic layer.</summary>
        SessionOperation,
    }
}
