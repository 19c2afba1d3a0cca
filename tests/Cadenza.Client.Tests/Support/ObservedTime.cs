using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Cadenza.Client.Tests.Support;

/// <summary>
/// Fake time that tells when someone starts waiting on it: a test advances the clock only once the retry delay or the
/// timeout it means to pass is actually armed, so nothing depends on how fast the machine is.
/// </summary>
public sealed class ObservedTime : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _armed = Channel.CreateUnbounded<TimeSpan>();
    private readonly List<TimeSpan> _seen = [];

    public ObservedTime()
        : base(FakeCadenza.Start)
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Armed(dueTime);
        return new ObservedTimer(base.CreateTimer(callback, state, dueTime, period), this);
    }

    /// <summary>Waits until a timer of <paramref name="dueTime"/> has been armed (since the last wait that took one), then advances by it.</summary>
    public async Task AdvanceWhenArmedAsync(TimeSpan dueTime)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!_seen.Remove(dueTime))
        {
            _seen.Add(await _armed.Reader.ReadAsync(timeout.Token));
        }

        Advance(dueTime);
    }

    private void Armed(TimeSpan dueTime)
    {
        if (dueTime > TimeSpan.Zero)
        {
            _armed.Writer.TryWrite(dueTime);
        }
    }

    // Timeouts arm their timer after creating it (CancellationTokenSource.CancelAfter), through Change.
    private sealed class ObservedTimer(ITimer inner, ObservedTime time) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            time.Armed(dueTime);
            return inner.Change(dueTime, period);
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
