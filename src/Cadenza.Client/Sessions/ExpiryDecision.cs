using System;

namespace Cadenza.Client
{
    /// <summary>Why an expiry was not simply taken from <c>expiresIn</c>; each kind is logged once per session.</summary>
    internal enum ExpiryDoubt
    {
        None = 0,

        /// <summary><c>expiresIn</c> was there but could not be believed; an absolute expiry was used instead.</summary>
        Unbelievable = 1,

        /// <summary>The absolute expiry and <c>expiresIn</c> disagree: the clocks differ. <c>expiresIn</c> was used.</summary>
        ClockSkew = 2,

        /// <summary>Nothing could be believed: no proactive refresh, a 401 triggers one.</summary>
        Unknown = 4,
    }

    /// <summary>The outcome of <see cref="ExpiryPolicy.Decide"/>: the expiry (null when unknown) and, when in doubt, why.</summary>
    internal readonly struct ExpiryDecision
    {
        public ExpiryDecision(DateTimeOffset? expiresAt, ExpiryDoubt doubt, string? explanation)
        {
            ExpiresAt = expiresAt;
            Doubt = doubt;
            Explanation = explanation;
        }

        public DateTimeOffset? ExpiresAt { get; }

        public ExpiryDoubt Doubt { get; }

        /// <summary>A one-line warning naming what was not believed; null when nothing is in doubt.</summary>
        public string? Explanation { get; }
    }
}
