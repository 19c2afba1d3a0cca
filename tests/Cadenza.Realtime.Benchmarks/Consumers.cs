using Cadenza.Client;

namespace Cadenza.Realtime.Benchmarks;

/// <summary>One way of reading a channel, kept connected and subscribed to a channel of its own between turns.</summary>
internal interface IConsumer : IAsyncDisposable
{
    string Name { get; }

    string Channel { get; }

    long Received { get; }

    /// <summary>Gaps and reconnects so far: a rate is sustained only if none happened during it.</summary>
    long Interruptions { get; }

    Task StartAsync(Uri server, string accessToken);
}

/// <summary>Through the SDK: <see cref="CadenzaRealtime.SubscribeRawAsync"/> (payload kept as JSON text) or the typed <see cref="CadenzaRealtime.SubscribeOrderBookAsync"/>.</summary>
internal sealed class SdkConsumer(CadenzaSession session, Venue venue, bool typed) : IConsumer
{
    private CadenzaRealtime? _realtime;
    private Task? _loop;
    private long _received;
    private long _interruptions;

    public string Name => typed ? "SDK typed (OrderBook)" : "SDK raw (JSON text)";

    public string Channel => $"market:orderbook:{venue.ToString().ToUpperInvariant()}:BTC/USDT";

    public long Received => Interlocked.Read(ref _received);

    public long Interruptions => Interlocked.Read(ref _interruptions);

    public async Task StartAsync(Uri server, string accessToken)
    {
        _realtime = new CadenzaRealtime(session, new CadenzaRealtimeOptions { ServerUri = server, SubscriptionBufferCapacity = 1_000_000 });
        _realtime.StateChanged += (_, e) => _ = e.State == CadenzaRealtimeState.Connecting ? Interlocked.Increment(ref _interruptions) : 0;
        if (typed)
        {
            var books = _realtime.SubscribeOrderBookAsync(venue, "BTC/USDT");
            books.Gap += (_, _) => Interlocked.Increment(ref _interruptions);
            _loop = Task.Run(async () =>
            {
                await foreach (var book in books)
                {
                    GC.KeepAlive(book);
                    Interlocked.Increment(ref _received);
                }
            });
        }
        else
        {
            var publications = _realtime.SubscribeRawAsync(Channel);
            publications.Gap += (_, _) => Interlocked.Increment(ref _interruptions);
            _loop = Task.Run(async () =>
            {
                await foreach (var publication in publications)
                {
                    GC.KeepAlive(publication);
                    Interlocked.Increment(ref _received);
                }
            });
        }

        await _realtime.ConnectAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_realtime != null)
        {
            await _realtime.DisposeAsync();
        }

        if (_loop != null)
        {
            await Task.WhenAny(_loop, Task.Delay(2000));
        }
    }
}
