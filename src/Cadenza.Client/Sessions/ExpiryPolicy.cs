using System;
using System.Globalization;

namespace Cadenza.Client
{
    /// <summary>
    /// Decides, once per token and without I/O, when a token expires and when to refresh it. The relative
    /// <c>expiresIn</c> is preferred because it does not depend on this machine's clock agreeing with the
    /// server's; the absolute <c>expiresAt</c> and the JWT's <c>exp</c> are fallbacks and cross-checks. A value
    /// that is missing, zero, negative, already past or implausibly far ahead is not believed; when nothing is,
    /// the expiry is unknown and the session reacts to a 401 instead.
    /// </summary>
    internal sealed class ExpiryPolicy
    {
        /// <summary>Longer lifetimes are not believed: a millisecond timestamp read as seconds, int.MaxValue, a typo.</summary>
        public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(30);

        /// <summary>How far an absolute expiry may disagree with <c>expiresIn</c> before the clocks are said to differ.</summary>
        public static readonly TimeSpan SkewTolerance = TimeSpan.FromSeconds(60);

        private const long MinUnixSeconds = -62135596800; // 0001-01-01
        private const long MaxUnixSeconds = 253402300799; // 9999-12-31T23:59:59

        private readonly TimeSpan _margin;

        public ExpiryPolicy(TimeSpan margin)
        {
            _margin = margin < TimeSpan.Zero ? TimeSpan.Zero : margin;
        }

        /// <summary>The expiry of a token that has just arrived, from what the server said about it.</summary>
        public ExpiryDecision Decide(int? expiresIn, long? expiresAt, long? jwtExp, DateTimeOffset now)
        {
            var relative = expiresIn is int seconds && seconds > 0 && seconds <= MaxLifetime.TotalSeconds && DateTimeOffset.MaxValue - now > MaxLifetime
                ? now.AddSeconds(seconds)
                : (DateTimeOffset?)null;
            var absolute = Plausible(expiresAt, now);
            var fromJwt = Plausible(jwtExp, now);
            if (relative is DateTimeOffset decided)
            {
                // Only a real timestamp near now can tell of clock skew; 0 or an absurd value is a placeholder.
                if ((Near(expiresAt, now) ?? Near(jwtExp, now)) is DateTimeOffset cross && Distance(cross, decided) > SkewTolerance)
                {
                    return new ExpiryDecision(decided, ExpiryDoubt.ClockSkew, string.Format(CultureInfo.InvariantCulture,
                        "The server's absolute expiry disagrees with its expiresIn ({0} s) by {1:0} s: this machine's clock and the server's differ (clock skew). Using expiresIn, which does not depend on the clock.",
                        expiresIn, Distance(cross, decided).TotalSeconds));
                }

                return new ExpiryDecision(decided, ExpiryDoubt.None, null);
            }

            var fallback = absolute ?? fromJwt;
            var said = Said(expiresIn, expiresAt, jwtExp);
            if (fallback is DateTimeOffset believed)
            {
                return new ExpiryDecision(believed, expiresIn is null ? ExpiryDoubt.None : ExpiryDoubt.Unbelievable,
                    expiresIn is null ? null : $"The server's expiresIn cannot be believed ({said}); using {(absolute is null ? "the token's exp" : "expiresAt")} instead.");
            }

            var past = (Near(expiresAt, now) ?? Near(jwtExp, now)) is DateTimeOffset at && at <= now;
            return new ExpiryDecision(null, ExpiryDoubt.Unknown,
                $"No believable expiry in the server's answer ({said}); the token is used until the server answers 401, then refreshed."
                + (past ? " An expiry in the past can mean this machine's clock is ahead of the server's (clock skew)." : string.Empty));
        }

        /// <summary>The expiry of a token decided earlier (a stored session), if it is still believable.</summary>
        public static DateTimeOffset? Believe(DateTimeOffset receivedAt, DateTimeOffset? expiresAt) =>
            expiresAt is DateTimeOffset at && at > receivedAt && at - receivedAt <= MaxLifetime ? at : (DateTimeOffset?)null;

        /// <summary>
        /// When to refresh a token that lives from <paramref name="receivedAt"/> to <paramref name="expiresAt"/>: the margin
        /// before expiry, or half-way for a token that lives less than twice the margin (so never on every call).
        /// </summary>
        public DateTimeOffset RefreshAt(DateTimeOffset receivedAt, DateTimeOffset expiresAt)
        {
            var lifetime = expiresAt > receivedAt ? expiresAt - receivedAt : TimeSpan.Zero;
            var margin = lifetime.Ticks / 2 < _margin.Ticks ? TimeSpan.FromTicks(lifetime.Ticks / 2) : _margin;
            return expiresAt - DateTimeOffset.MinValue > margin ? expiresAt - margin : DateTimeOffset.MinValue;
        }

        private static DateTimeOffset? Plausible(long? unixSeconds, DateTimeOffset now) =>
            Absolute(unixSeconds) is DateTimeOffset at && at > now && at - now <= MaxLifetime ? at : (DateTimeOffset?)null;

        private static DateTimeOffset? Absolute(long? unixSeconds) =>
            unixSeconds is long s && s >= MinUnixSeconds && s <= MaxUnixSeconds ? DateTimeOffset.FromUnixTimeSeconds(s) : (DateTimeOffset?)null;

        private static DateTimeOffset? Near(long? unixSeconds, DateTimeOffset now) =>
            Absolute(unixSeconds) is DateTimeOffset at && Distance(at, now) <= MaxLifetime ? at : (DateTimeOffset?)null;

        private static TimeSpan Distance(DateTimeOffset a, DateTimeOffset b) => a > b ? a - b : b - a;

        private static string Said(int? expiresIn, long? expiresAt, long? jwtExp) => string.Format(CultureInfo.InvariantCulture,
            "expiresIn {0}, expiresAt {1}, token exp {2}", expiresIn?.ToString(CultureInfo.InvariantCulture) ?? "missing",
            expiresAt?.ToString(CultureInfo.InvariantCulture) ?? "missing", jwtExp?.ToString(CultureInfo.InvariantCulture) ?? "none");
    }
}
