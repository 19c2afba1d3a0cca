namespace Cadenza.Emulator.Realtime;

/// <summary>
/// Publishes the next synthetic update on every channel that has a subscriber, every
/// <see cref="CadenzaEmulatorRealtimeOptions.PublishInterval"/>, on the emulator's clock.
/// </summary>
internal sealed class SyntheticPublisher(RealtimeHub hub) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public void Start()
    {
        if (hub.Options.PublishInterval is { } interval)
        {
            _loop = RunAsync(interval, _stopping.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _loop;
        _stopping.Dispose();
    }

    private async Task RunAsync(TimeSpan interval, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(interval, hub.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                foreach (var stream in hub.Streams.Where(s => s.SubscriberCount > 0))
                {
                    stream.Publish(stream.Feed.Next());
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }
}
