using System;
using System.Threading;
using System.Threading.Tasks;

namespace Cadenza.Client.Realtime
{
    /// <summary>Waits and timeouts on a <see cref="TimeProvider"/>, on every target framework.</summary>
    internal static class Timing
    {
        public static Task DelayAsync(TimeProvider time, TimeSpan delay, CancellationToken cancellationToken)
        {
#if NET8_0_OR_GREATER
            return Task.Delay(delay, time, cancellationToken);
#else
            return time.Delay(delay, cancellationToken);
#endif
        }

        public static CancellationTokenSource CancelAfter(TimeProvider time, TimeSpan delay)
        {
#if NET8_0_OR_GREATER
            return new CancellationTokenSource(delay, time);
#else
            return time.CreateCancellationTokenSource(delay);
#endif
        }

        /// <summary>A human form of a duration for messages: "10 s", "500 ms".</summary>
        public static string Describe(TimeSpan duration) =>
            duration.TotalSeconds >= 1
                ? duration.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s"
                : duration.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " ms";
    }
}
