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

await Throughput.RunAsync(session, emulator, seconds, [10_000, 25_000, 50_000, 75_000, 100_000, 150_000, 200_000]);
var floor = await RawReconnectFloorAsync(session, emulator, drops);
await ReconnectAsync(session, emulator, drops, TimeSpan.FromMilliseconds(500), floor);
await ReconnectAsync(session, emulator, drops, TimeSpan.FromMilliseconds(1), floor);
return 0;

// The floor of any reconnect: a new socket, connect, subscribe, the next publication, by hand (RawSocketConsumer).
static async Task<double> RawReconnectFloorAsync(CadenzaSession session, EmulatorProcess emulator, int drops)
{
    const string channel = "market:orderbook:BITFINEX:BTC/USDT";
    var times = new List<double>();
    for (var i = 0; i < drops; i++)
    {
        var clock = Stopwatch.StartNew();
        await using var raw = new RawSocketConsumer(channel);
        await raw.StartAsync(emulator.WebSocket, await session.GetAccessTokenAsync());
        while (raw.Received == 0)
        {
            await emulator.PublishAsync(1000, 0.001, channel); // until one arrives: the subscribe reply may come after the first
        }

        times.Add(clock.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    Console.WriteLine();
    Console.WriteLine($"raw socket floor (new socket -> connect -> subscribe -> next publication received), {drops} times:");
    Console.WriteLine($"  median {times[times.Count / 2]:N1} ms, p90 {times[(int)(times.Count * 0.9)]:N1} ms, min {times[0]:N1} ms, max {times[^1]:N1} ms");
    return times[times.Count / 2];
}

static async Task ReconnectAsync(CadenzaSession session, EmulatorProcess emulator, int drops, TimeSpan minDelay, double floorMedian)
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
    Console.WriteLine($"  median {times[times.Count / 2]:N1} ms, p90 {times[(int)(times.Count * 0.9)]:N1} ms, min {times[0]:N1} ms, max {times[^1]:N1} ms; median / raw floor = {times[times.Count / 2] / floorMedian:N1}");
}

static async Task<CadenzaPublication> NextAsync(IAsyncEnumerator<CadenzaPublication> reader)
{
    if (!await reader.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60)))
    {
        throw new InvalidOperationException("the subscription ended");
    }

    return reader.Current;
}

static string RuntimeInformationText() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;
