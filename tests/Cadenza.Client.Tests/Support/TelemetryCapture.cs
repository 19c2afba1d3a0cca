using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Cadenza.Client.Tests.Support;

/// <summary>
/// Listens to the SDK's activity source and meter, keeping only what happens inside this capture's own trace (a
/// root activity started here flows into every call and refresh of the test), so other tests' sessions cannot
/// add to the counts.
/// </summary>
public sealed class TelemetryCapture : IDisposable
{
    private static readonly ActivitySource TestSource = new("Cadenza.Client.Tests");
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters = new();
    private readonly Activity _root;

    public TelemetryCapture()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name is CadenzaDiagnostics.Name or "Cadenza.Client.Tests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == CadenzaDiagnostics.Name && activity.TraceId == _root!.TraceId)
                {
                    Activities.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_activities);
        _root = TestSource.StartActivity("test")!;
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == CadenzaDiagnostics.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.Start();
    }

    public ConcurrentQueue<Activity> Activities { get; } = new();

    public ConcurrentQueue<Measurement> Measurements { get; } = new();

    public IEnumerable<Measurement> Of(string instrument) => Measurements.Where(m => m.Instrument == instrument);

    public void Dispose()
    {
        _root.Dispose();
        _meters.Dispose();
        _activities.Dispose();
    }

    private void Record(System.Diagnostics.Metrics.Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (Activity.Current?.TraceId == _root.TraceId)
        {
            Measurements.Enqueue(new Measurement(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString())));
        }
    }

    public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags)
    {
        public string? this[string tag] => Tags.TryGetValue(tag, out var value) ? value : null;
    }
}
