using System;
using System.Runtime.ExceptionServices;

namespace Cadenza.Client
{
    /// <summary>
    /// How long to wait before the next refresh attempt after transient failures: the first delay, doubled per
    /// consecutive failure up to a cap, 0–25% shorter at random (so many sessions do not retry in step), and
    /// never shorter than a server's <c>Retry-After</c> (itself capped, so a hostile header cannot stop refreshes
    /// for good). Remembers the last failure: inside the window, callers get it again instead of a new attempt.
    /// Not thread-safe: the <see cref="RefreshCoordinator"/> calls it under its lock.
    /// </summary>
    internal sealed class RefreshBackoff
    {
        /// <summary>The longest <c>Retry-After</c> that is honoured.</summary>
        public static readonly TimeSpan RetryAfterLimit = TimeSpan.FromMinutes(10);

        private readonly TimeSpan _first;
        private readonly TimeSpan _cap;
        private readonly Func<double> _random;
        private DateTimeOffset _notBefore = DateTimeOffset.MinValue;
        private ExceptionDispatchInfo? _lastFailure;

        /// <param name="first">The delay after the first failure.</param>
        /// <param name="cap">The longest delay the doubling reaches.</param>
        /// <param name="random">A number in [0, 1) per failure, for the jitter.</param>
        public RefreshBackoff(TimeSpan first, TimeSpan cap, Func<double> random)
        {
            _first = first < TimeSpan.Zero ? TimeSpan.Zero : first;
            _cap = cap < _first ? _first : cap;
            _random = random;
        }

        /// <summary>Consecutive transient failures since the last success.</summary>
        public int Failures { get; private set; }

        /// <summary>Whether a refresh attempt must wait; if so, <paramref name="lastFailure"/> is the failure to report meanwhile.</summary>
        public bool IsWaiting(DateTimeOffset now, out ExceptionDispatchInfo? lastFailure)
        {
            lastFailure = _lastFailure;
            return lastFailure != null && now < _notBefore;
        }

        /// <summary>Records a transient failure and returns how long the next attempt waits.</summary>
        public TimeSpan RecordFailure(Exception failure, TimeSpan? retryAfter, DateTimeOffset now)
        {
            Failures = Failures == int.MaxValue ? Failures : Failures + 1;
            var nominal = _first;
            for (var i = 1; i < Failures && nominal > TimeSpan.Zero && nominal < _cap; i++)
            {
                nominal = TimeSpan.FromTicks(Math.Min(nominal.Ticks * 2, _cap.Ticks));
            }

            var delay = TimeSpan.FromTicks((long)(nominal.Ticks * (1 - (0.25 * Clamp(_random())))));
            if (retryAfter is TimeSpan asked && asked > delay)
            {
                delay = asked < RetryAfterLimit ? asked : RetryAfterLimit;
            }

            _lastFailure = ExceptionDispatchInfo.Capture(failure);
            _notBefore = DateTimeOffset.MaxValue - now > delay ? now + delay : DateTimeOffset.MaxValue;
            return delay;
        }

        /// <summary>After a success, a login or a logout: the next attempt may happen at once.</summary>
        public void Reset()
        {
            Failures = 0;
            _lastFailure = null;
            _notBefore = DateTimeOffset.MinValue;
        }

        private static double Clamp(double value) => value < 0 || double.IsNaN(value) ? 0 : value > 1 ? 1 : value;
    }
}
