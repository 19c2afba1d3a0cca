using System.Diagnostics;
using System.Globalization;
using Cadenza.Client;
using Cadenza.Realtime.Benchmarks;

// dotnet run -c Release --project tests/Cadenza.Realtime.Benchmarks [-- SECONDS_PER_RATE DROPS]
if (args is ["serve"])
{
    return await EmulatorProcess.ServeAsync();
}

var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 3;
var drops = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
await using var emulator = await EmulatorProcess.StartAsync();
using var session = new CadenzaSession(emulator.BaseAddress);
await session.SignUpAsync("bench@example.com", "benchmark-password");
await session.LoginAsync("bench@example.com", "benchmark-password");
Console.WriteLine($"{Environment.ProcessorCount} cores, {RuntimeInformationText()}; emulator in its own process; {seconds} s per rate");

await ThroughputAsync(session, emulator, seconds, [10_000, 25_000, 50_000, 100_000, 150_000, 200_000, 300_000]);
await ReconnectAsync(session, emulator, drops, TimeSpan.FromMilliseconds(500));
await ReconnectAsync(session, emulator, drops, TimeSpan.FromMilliseconds(1));
return 0;

static async Task ThroughputAsync(CadenzaSession session, EmulatorProcess emulator, double seconds, int[] rates)
{
    await using var realtime = new CadenzaRealtime(session, new CadenzaRealtimeOptions { ServerUri = emulator.WebSocket, SubscriptionBufferCapacity = 1_000_000 });
    var subscription = realtime.SubscribeRawAsync(EmulatorProcess.Channel);
    long received = 0, lastOffset = 0, gaps = 0, reconnects = 0;
    subscription.Gap += (_, _) => Interlocked.Increment(ref gaps);
    realtime.StateChanged += (_, e) => _ = e.State == CadenzaRealtimeState.Connecting ? Interlocked.Increment(ref reconnects) : 0;
    var consumer = Task.Run(async () =>
    {
        await foreach (var publication in subscription)
        {
            Volatile.Write(ref lastOffset, publication.Offset);
            Interlocked.Increment(ref received);
        }
    });
    await realtime.ConnectAsync();
    var warmup = await emulator.PublishAsync(20_000, 1); // subscribes, JITs the path
    await CaughtUpAsync(() => Volatile.Read(ref lastOffset), warmup.LastOffset, TimeSpan.FromSeconds(30));

    Console.WriteLine();
    Console.WriteLine("publications/s offered | delivered/s through the SDK | bytes allocated per publication | sustained");
    foreach (var rate in rates)
    {
        GC.Collect();
        var bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
        var receivedBefore = Interlocked.Read(ref received);
        var (gapsBefore, reconnectsBefore) = (Interlocked.Read(ref gaps), Interlocked.Read(ref reconnects));
        var clock = Stopwatch.StartNew();
        var (last, count) = await emulator.PublishAsync(rate, seconds);
        var caughtUp = await CaughtUpAsync(() => Volatile.Read(ref lastOffset), last, TimeSpan.FromSeconds(10));
        var elapsed = clock.Elapsed.TotalSeconds;
        var delivered = Interlocked.Read(ref received) - receivedBefore;
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - bytesBefore;
        // Sustained: everything arrived, in order, without gaps or reconnects, and no later than 10% after the last was sent.
        var sustained = caughtUp && delivered == count && elapsed <= (seconds * 1.1) + 0.1
            && Interlocked.Read(ref gaps) == gapsBefore && Interlocked.Read(ref reconnects) == reconnectsBefore;
        Console.WriteLine($"{rate,22:N0} | {delivered / elapsed,27:N0} | {(double)bytes / Math.Max(1, delivered),31:N0} | {(sustained ? "yes" : "no")}");
    }

    await realtime.DisposeAsync();
    await consumer;
}

static async Task ReconnectAsync(CadenzaSession session, EmulatorProcess emulator, int drops, TimeSpan minDelay)
{
    var options = new CadenzaRealtimeOptions { ServerUri = emulator.WebSocket, MinReconnectDelay = minDelay, MaxReconnectDelay = TimeSpan.FromSeconds(20) };
    await using var realtime = new CadenzaRealtime(session, options);
    var subscription = realtime.SubscribeRawAsync(EmulatorProcess.Channel);
    await using var reader = subscription.GetAsyncEnumerator();
    await realtime.ConnectAsync();
    var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    realtime.StateChanged += (_, e) =>
    {
        if (e.State == CadenzaRealtimeState.Connected)
        {
            connected.TrySetResult();
        }
    };

    var times = new List<double>();
    for (var i = 0; i < drops; i++)
    {
        connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();
        await emulator.DropAsync();
        await connected.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var (last, _) = await emulator.PublishAsync(1000, 0.001); // one publication: once resubscribed, it arrives
        while ((await NextAsync(reader)).Offset < last)
        {
        }

        times.Add(clock.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    Console.WriteLine();
    Console.WriteLine($"reconnect after a drop (drop -> connected -> resubscribed -> next publication received), MinReconnectDelay {minDelay.TotalMilliseconds} ms, {drops} drops:");
    Console.WriteLine($"  median {times[times.Count / 2]:N0} ms, p90 {times[(int)(times.Count * 0.9)]:N0} ms, min {times[0]:N0} ms, max {times[^1]:N0} ms");
}

static async Task<CadenzaPublication> NextAsync(IAsyncEnumerator<CadenzaPublication> reader)
{
    if (!await reader.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60)))
    {
        throw new InvalidOperationException("the subscription ended");
    }

    return reader.Current;
}

static async Task<bool> CaughtUpAsync(Func<long> offset, long last, TimeSpan limit)
{
    var clock = Stopwatch.StartNew();
    while (offset() < last)
    {
        if (clock.Elapsed > limit)
        {
            return false;
        }

        await Task.Delay(1);
    }

    return true;
}

static string RuntimeInformationText() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;
