namespace Cadenza.Client
{
    /// <summary>
    /// The name of the <see cref="System.Diagnostics.ActivitySource"/> and the <see cref="System.Diagnostics.Metrics.Meter"/>
    /// through which the SDK reports what its sessions do. With OpenTelemetry:
    /// <c>.WithTracing(t =&gt; t.AddSource(CadenzaDiagnostics.Name)).WithMetrics(m =&gt; m.AddMeter(CadenzaDiagnostics.Name))</c>.
    /// </summary>
    /// <remarks>
    /// <para>Activity <c>cadenza.session.refresh</c>: one per token refresh, tagged with its trigger and outcome.</para>
    /// <para>Instruments: <c>cadenza.client.session.refresh.duration</c> (histogram, s; its count is the number of
    /// refreshes; tags <c>cadenza.refresh.trigger</c>, <c>cadenza.refresh.outcome</c>, <c>error.type</c>),
    /// <c>cadenza.client.session.refresh.backoff</c> (histogram, s: each back-off window after a transient failure),
    /// <c>cadenza.client.session.refresh.fail_fast</c> (counter: calls that got the last failure again inside a window),
    /// <c>cadenza.client.session.unauthorized_retries</c> (counter: requests resent after a 401),
    /// <c>cadenza.client.session.ends</c> (counter; tag <c>cadenza.session.end_reason</c>: <c>logout</c> or <c>rejected</c>).</para>
    /// <para>No tag or attribute ever carries a token, a password, an email or a user id.</para>
    /// </remarks>
    public static class CadenzaDiagnostics
    {
        /// <summary>The name of both the activity source and the meter: <c>Cadenza.Client</c>.</summary>
        public const string Name = "Cadenza.Client";
    }
}
