using System;

namespace Cadenza.Client
{
    /// <summary>The lease timing rules every store of this package follows, kept in one place.</summary>
    internal static class SessionLeases
    {
        /// <summary>A refresh takes well under a second; ten leaves room for a slow network without stalling others long.</summary>
        public static readonly TimeSpan DefaultLeaseTime = TimeSpan.FromSeconds(10);

        private static readonly TimeSpan LongestLeaseTime = TimeSpan.FromHours(1);

        /// <summary>
        /// How long to wait for a lease: twice its time, so a crashed holder's lease lapses and the next holder
        /// finishes within the wait.
        /// </summary>
        public static TimeSpan Wait(TimeSpan leaseTime) => TimeSpan.FromTicks(leaseTime.Ticks * 2);

        public static TimeSpan ValidLeaseTime(TimeSpan value) =>
            value >= TimeSpan.FromMilliseconds(100) && value <= LongestLeaseTime
                ? value
                : throw new ArgumentOutOfRangeException(nameof(value), value, "LeaseTime must be between 100 milliseconds and 1 hour.");
    }
}
