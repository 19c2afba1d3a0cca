using System.Diagnostics;
using System.Globalization;
using System.Text;
using Cadenza.Emulator;

namespace Cadenza.Realtime.Benchmarks;

/// <summary>
/// The emulator in a process of its own, driven line by line on stdin: <c>rate R S CHANNEL</c> publishes R order books a
/// second for S seconds on CHANNEL and answers <c>DONE lastOffset count</c>; <c>drop</c> cuts every
/// connection; <c>quit</c> stops. It announces itself with <c>READY baseAddress wsAddress</c>.
/// </summary>
internal sealed class EmulatorProcess : IAsyncDisposable
{
    public const string Channel = "market:orderbook:BINANCE:BTC/USDT";

    private readonly Process _process;

    private EmulatorProcess(Process process, Uri baseAddress, Uri webSocket)
    {
        _process = process;
        BaseAddress = baseAddress;
        WebSocket = webSocket;
    }

    public Uri BaseAddress { get; }

    public Uri WebSocket { get; }

    public static async Task<EmulatorProcess> StartAsync()
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(EmulatorProcess).Assembly.Location);
        }

        start.ArgumentList.Add("serve");
        var process = Process.Start(start)!;
        var ready = (await process.StandardOutput.ReadLineAsync())!.Split(' ');
        return new EmulatorProcess(process, new Uri(ready[1]), new Uri(ready[2]));
    }

    /// <summary>Publishes at <paramref name="perSecond"/> for <paramref name="seconds"/>; the last offset and the count.</summary>
    public async Task<(long LastOffset, long Count)> PublishAsync(int perSecond, double seconds, string channel = Channel)
    {
        var done = (await CommandAsync($"rate {perSecond} {seconds.ToString(CultureInfo.InvariantCulture)} {channel}")).Split(' ');
        return (long.Parse(done[1], CultureInfo.InvariantCulture), long.Parse(done[2], CultureInfo.InvariantCulture));
    }

    public Task DropAsync() => CommandAsync("drop");

    public async ValueTask DisposeAsync()
    {
        await _process.StandardInput.WriteLineAsync("quit");
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private async Task<string> CommandAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
        return (await _process.StandardOutput.ReadLineAsync())!;
    }

    /// <summary>The child's side.</summary>
    public static async Task<int> ServeAsync()
    {
        var options = new CadenzaEmulatorOptions { PasswordHashIterations = 1 };
        options.Realtime.PublishInterval = null;
        options.Realtime.HistorySize = 10_000;
        options.Realtime.MaxQueuedReplies = 5_000_000;
        await using var emulator = await CadenzaEmulator.StartAsync(options);
        Console.WriteLine($"READY {emulator.BaseAddress} {emulator.Realtime.Address}");
        var payload = SnapshotJson();
        while (Console.ReadLine() is { } line)
        {
            var parts = line.Split(' ');
            switch (parts[0])
            {
                case "rate":
                    var (last, count) = Publish(emulator, payload, int.Parse(parts[1], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture), parts[3]);
                    Console.WriteLine($"DONE {last} {count}");
                    break;
                case "drop":
                    emulator.Realtime.DropConnections();
                    Console.WriteLine("DROPPED");
                    break;
                case "quit":
                    return 0;
            }
        }

        return 0;
    }

    // Paced on the clock: after t seconds, rate * t publications, in bursts every millisecond.
    private static (long Last, long Count) Publish(CadenzaEmulator emulator, string payload, int perSecond, double seconds, string channel)
    {
        var clock = Stopwatch.StartNew();
        long count = 0, last = 0;
        var total = (long)(perSecond * seconds);
        while (count < total)
        {
            var due = Math.Min(total, (long)(clock.Elapsed.TotalSeconds * perSecond));
            for (; count < due; count++)
            {
                last = emulator.Realtime.Publish(channel, payload);
            }

            Thread.Sleep(1);
        }

        return (last, count);
    }

    // A 20-level L2 snapshot in the spec's orderBook schema: the size of a typical order book publication.
    private static string SnapshotJson()
    {
        var rows = new StringBuilder();
        string Rows(int sign) => string.Join(",", Enumerable.Range(1, 20).Select(i => $"[\"{50_000 + (sign * i)}.00\",\"{i * 0.137:F4}\"]"));
        rows.Append("{\"updateType\":\"SNAPSHOT\",\"instrumentId\":\"BINANCE:BTC/USDT\",\"venue\":\"BINANCE\",\"symbol\":\"BTC/USDT\",")
            .Append("\"orderBookType\":\"L2\",\"columns\":[\"price\",\"quantity\"],\"bids\":[").Append(Rows(-1))
            .Append("],\"asks\":[").Append(Rows(1)).Append("],\"timestamp\":1632933600000}");
        return rows.ToString();
    }
}
