using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Cadenza.Client
{
    /// <summary>The activity source and instruments behind <see cref="CadenzaDiagnostics"/>. Tags are fixed words and status codes only.</summary>
    internal static class SessionTelemetry
    {
        private static readonly string? Version = typeof(SessionTelemetry).Assembly.GetName().Version?.ToString();
        private static readonly ActivitySource Source = new ActivitySource(CadenzaDiagnostics.Name, Version);
        private static readonly Meter Meter = new Meter(CadenzaDiagnostics.Name, Version);

        private static readonly Histogram<double> RefreshDuration = Meter.CreateHistogram<double>(
            "cadenza.client.session.refresh.duration", "s", "How long token refreshes took, by trigger and outcome.");

        private static readonly Histogram<double> Backoff = Meter.CreateHistogram<double>(
            "cadenza.client.session.refresh.backoff", "s", "The wait before the next refresh attempt, set after each transient failure.");

        private static readonly Counter<long> FailFast = Meter.CreateCounter<long>(
            "cadenza.client.session.refresh.fail_fast", "{call}", "Calls that needed a refresh inside a back-off window and got the last failure again.");

        private static readonly Counter<long> UnauthorizedRetries = Meter.CreateCounter<long>(
            "cadenza.client.session.unauthorized_retries", "{request}", "Requests resent with a renewed token after a 401.");

        private static readonly Counter<long> Ends = Meter.CreateCounter<long>(
            "cadenza.client.session.ends", "{session}", "Sessions that ended, by reason.");

        public static Activity? StartRefresh(RefreshTrigger trigger)
        {
            var activity = Source.StartActivity("cadenza.session.refresh", ActivityKind.Internal);
            activity?.SetTag("cadenza.refresh.trigger", Name(trigger));
            return activity;
        }

        // outcome: success, rejected, failed or cancelled. errorType: an HTTP status or an exception type name; null on success.
        public static void RefreshEnded(Activity? activity, RefreshTrigger trigger, string outcome, string? errorType, TimeSpan duration)
        {
            var tags = new TagList
            {
                { "cadenza.refresh.trigger", Name(trigger) },
                { "cadenza.refresh.outcome", outcome },
            };
            if (errorType != null)
            {
                tags.Add("error.type", errorType);
            }

            RefreshDuration.Record(duration.TotalSeconds, tags);
            if (activity != null)
            {
                activity.SetTag("cadenza.refresh.outcome", outcome);
                if (errorType != null)
                {
                    activity.SetTag("error.type", errorType);
                    activity.SetStatus(ActivityStatusCode.Error, errorType);
                }

                activity.Dispose();
            }
        }

        public static void BackedOff(TimeSpan delay) => Backoff.Record(delay.TotalSeconds);

        public static void FailedFast() => FailFast.Add(1);

        public static void RetriedAfterUnauthorized() => UnauthorizedRetries.Add(1);

        public static void Ended(SessionEndReason reason) =>
            Ends.Add(1, new KeyValuePair<string, object?>("cadenza.session.end_reason", reason == SessionEndReason.Logout ? "logout" : "rejected"));

        private static string Name(RefreshTrigger trigger) => trigger switch
        {
            RefreshTrigger.Ahead => "ahead",
            RefreshTrigger.Expired => "expired",
            RefreshTrigger.Unauthorized => "unauthorized",
            _ => "explicit",
        };
    }
}
