using System;

namespace Cadenza.Client.Realtime
{
    /// <summary>
    /// Reconnect delays: exponential from the minimum, capped at the maximum, with full jitter (a random point of the
    /// window), so a thousand clients cut off together do not come back together. The same rule as the Centrifugo
    /// JavaScript client: min + random(0, min(max, min * 2^attempt)), capped at max.
    /// </summary>
    internal sealed class ReconnectBackoff
    {
        private readonly TimeSpan _min;
        private readonly TimeSpan _max;
        private readonly Random _random;
        private int _attempt;

        public ReconnectBackoff(TimeSpan min, TimeSpan max, Random? random = null)
        {
            _min = min;
            _max = max;
            _random = random ?? new Random();
        }

        /// <summary>The delay before the next attempt; each call widens the window until the cap.</summary>
        public TimeSpan Next()
        {
            var exponent = Math.Min(_attempt++, 31);
            var window = Math.Min(_max.Ticks, _min.Ticks * Math.Pow(2, exponent));
            var jitter = (long)(_random.NextDouble() * window);
            return TimeSpan.FromTicks(Math.Min(_max.Ticks, _min.Ticks + jitter));
        }

        /// <summary>After a successful connect: the next failure starts from the minimum again.</summary>
        public void Reset() => _attempt = 0;
    }
}
