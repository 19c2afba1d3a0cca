using System.Diagnostics;
using Cadenza.Client;

namespace Cadenza.Realtime.Benchmarks;

/// <summary>
/// Publications per second one subscription sustains, three ways side by side in one run: the raw-socket baseline,
/// the SDK's raw stream and the SDK's typed OrderBook stream. Each rate is offered to each reader in turn (every
/// reader has its own connection and channel, idle outside its turn), so the machine's load hits all three alike.
/// </summary>
internal static class Throughput
{
    private sealed record Turn(IConsumer Consumer, int Rate, double DeliveredPerSecond, double BytesPerPublication, double CpuMicrosecondsPerPublication, bool Sustained);

    public static async Task RunAsync(CadenzaSession session, EmulatorProcess emulator, double seconds, int[] rates)
    {
        var token = await session.GetAccessTokenAsync();
        IConsumer[] consumers =
        [
            new RawSocketConsumer("market:orderbook:DERIBIT:BTC/USDT"),
            new SdkConsumer(session, Venue.Okx, typed: false),
            new SdkConsumer(session, Venue.Binance, typed: true),
        ];
        foreach (var consumer in consumers)
        {
            await consumer.StartAsync(emulator.WebSocket, token);
            var received = consumer.Received;
            var warmup = await emulator.PublishAsync(20_000, 1, consumer.Channel); // subscribes, JITs the path
            await CaughtUpAsync(consumer, received + warmup.Count, TimeSpan.FromSeconds(30));
        }

        Console.WriteLine();
        Console.WriteLine($"{"publications/s offered",22} | {"reader",-22} | {"delivered/s",11} | {"bytes/publication",17} | {"CPU µs/publication",18} | sustained");
        var turns = new List<Turn>();
        var failed = new HashSet<IConsumer>();
        foreach (var rate in rates)
        {
            foreach (var consumer in consumers.Where(c => !failed.Contains(c)))
            {
                var turn = await MeasureAsync(consumer, emulator, rate, seconds);
                turns.Add(turn);
                Console.WriteLine($"{rate,22:N0} | {consumer.Name,-22} | {turn.DeliveredPerSecond,11:N0} | {turn.BytesPerPublication,17:N0} | {turn.CpuMicrosecondsPerPublication,18:N2} | {(turn.Sustained ? "yes" : "no")}");
                if (!turn.Sustained)
                {
                    failed.Add(consumer); // a higher rate will not do better; its backlog must not load the next turns
                    await DrainedAsync(consumer, TimeSpan.FromSeconds(10));
                }
            }
        }

        Summarize(consumers, turns);
        foreach (var consumer in consumers)
        {
            await consumer.DisposeAsync();
        }
    }

    private static async Task<Turn> MeasureAsync(IConsumer consumer, EmulatorProcess emulator, int rate, double seconds)
    {
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var (bytesBefore, cpuBefore) = (GC.GetTotalAllocatedBytes(precise: true), process.TotalProcessorTime);
        var (receivedBefore, interruptionsBefore) = (consumer.Received, consumer.Interruptions);
        var clock = Stopwatch.StartNew();
        var (_, count) = await emulator.PublishAsync(rate, seconds, consumer.Channel);
        var caughtUp = await CaughtUpAsync(consumer, receivedBefore + count, TimeSpan.FromSeconds(10));
        var elapsed = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var delivered = Math.Max(1, consumer.Received - receivedBefore);
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - bytesBefore;
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMicroseconds;
        // Sustained: everything arrived, without gaps or reconnects, and no later than 10% after the last was sent.
        var sustained = caughtUp && delivered == count && elapsed <= (seconds * 1.1) + 0.1 && consumer.Interruptions == interruptionsBefore;
        return new Turn(consumer, rate, delivered / elapsed, (double)bytes / delivered, cpu / delivered, sustained);
    }

    private static void Summarize(IConsumer[] consumers, List<Turn> turns)
    {
        var baseline = consumers[0];
        double Best(IConsumer c) => turns.Where(t => t.Consumer == c && t.Sustained).Select(t => (double)t.Rate).DefaultIfEmpty(0).Max();
        // Costs compared at the highest rate every reader sustained (the same load for all).
        var common = turns.Where(t => t.Sustained).GroupBy(t => t.Rate).Where(g => g.Count() == consumers.Length).Select(g => g.Key).DefaultIfEmpty(0).Max();
        Turn? At(IConsumer c) => turns.FirstOrDefault(t => t.Consumer == c && t.Rate == common);
        Console.WriteLine();
        Console.WriteLine($"Ratios to the raw socket (highest sustained rate; bytes and CPU per publication at {common:N0}/s, which all sustained):");
        foreach (var consumer in consumers.Skip(1))
        {
            var (mine, raw) = (At(consumer), At(baseline));
            Console.WriteLine($"  {consumer.Name,-22} sustained {Best(consumer):N0}/s vs {Best(baseline):N0}/s = {Best(consumer) / Math.Max(1, Best(baseline)):N2}x; "
                + $"bytes {mine?.BytesPerPublication:N0} vs {raw?.BytesPerPublication:N0}; CPU {mine?.CpuMicrosecondsPerPublication / raw?.CpuMicrosecondsPerPublication:N2}x");
        }
    }

    private static async Task<bool> CaughtUpAsync(IConsumer consumer, long received, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (consumer.Received < received)
        {
            if (clock.Elapsed > limit)
            {
                return false;
            }

            await Task.Delay(1);
        }

        return true;
    }

    // After a turn it could not keep up with: until nothing more arrives for 200 ms.
    private static async Task DrainedAsync(IConsumer consumer, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        long before;
        do
        {
            before = consumer.Received;
            await Task.Delay(200);
        }
        while (consumer.Received != before && clock.Elapsed < limit);
    }
}
