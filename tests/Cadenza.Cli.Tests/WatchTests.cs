using Cadenza.Cli.Tests.Support;
using Cadenza.Emulator;
using Newtonsoft.Json.Linq;

namespace Cadenza.Cli.Tests;

/// <summary><c>cadenza watch</c> against the real emulator's WebSocket endpoint over loopback, with a session the CLI logged in.</summary>
[NonParallelizable]
public sealed class WatchTests
{
    private const string Password = "correct-horse-battery";

    private CadenzaEmulator _emulator = null!;

    [OneTimeSetUp]
    public async Task StartEmulator() =>
        _emulator = await CadenzaEmulator.StartAsync(new CadenzaEmulatorOptions
        {
            PasswordHashIterations = 10,
            Realtime = { PublishInterval = TimeSpan.FromMilliseconds(100) },
        });

    [OneTimeTearDown]
    public async Task StopEmulator() => await _emulator.DisposeAsync();

    private async Task<CliRunner> SignedInAsync()
    {
        var cli = new CliRunner { RealTransport = true, Clock = TimeProvider.System };
        cli.Environment["CADENZA_BASE_URL"] = _emulator.BaseAddress.AbsoluteUri;
        var email = "watch-" + Guid.NewGuid().ToString("N")[..10] + "@example.com";
        await cli.RunWithStdinAsync(Password + "\n", "signup", "--email", email, "--password-stdin");
        var login = await cli.RunWithStdinAsync(Password + "\n", "login", "--email", email, "--password-stdin");
        Assert.That(login.ExitCode, Is.EqualTo(0), login.ToString());
        return cli;
    }

    [Test]
    public async Task An_order_book_prints_one_line_per_update_from_the_spec_model()
    {
        using var cli = await SignedInAsync();

        var result = await cli.RunAsync("watch", "orderbook", "binance", "BTC/USDT", "--count", "3");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(3), result.ToString());
        Assert.That(lines, Has.All.Match(@"^\d\d:\d\d:\d\d\.\d{3} BINANCE BTC/USDT (SNAPSHOT|DIFF|DELTA) \d+ bids?, \d+ asks?; bid \S+ x \S+, ask \S+ x \S+$"));
        Assert.That(lines[0], Does.Contain("SNAPSHOT"), "a new subscriber's first update is the emulator's snapshot");
        Assert.That(result.Stderr, Is.EqualTo("Connected.\n"));
    }

    [TestCase(new[] { "ticker", "OKX", "ETH/USDT" }, "market:ticker:OKX:ETH/USDT", "lastPrice")]
    [TestCase(new[] { "ticker", "OKX" }, "market:ticker:OKX", "lastPrice")]
    [TestCase(new[] { "kline", "BINANCE", "BTC/USDT", "1m" }, "market:kline:BINANCE:BTC/USDT:1m", "candles")]
    [TestCase(new[] { "trades", "DERIBIT", "BTC/USD" }, "market:trade:DERIBIT:BTC/USD", "tradeId")]
    [TestCase(new[] { "account", "acc-123" }, "tradingAccount:acc-123", "type")]
    public async Task With_json_each_update_is_one_object_with_the_payload_as_sent(string[] target, string channel, string payloadProperty)
    {
        using var cli = await SignedInAsync();

        var result = await cli.RunAsync(["watch", .. target, "--count", "2", "--json"]);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        var updates = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(JObject.Parse).ToList();
        Assert.That(updates, Has.Count.EqualTo(2), result.ToString());
        Assert.That(updates.Select(u => (string?)u["channel"]), Has.All.EqualTo(channel));
        Assert.That(updates.Select(u => u["data"]?[payloadProperty]), Has.All.Not.Null, result.Stdout);
        Assert.That((long)updates[1]["offset"]!, Is.EqualTo((long)updates[0]["offset"]! + 1));
    }

    [Test]
    public async Task Ctrl_C_ends_the_watch_with_exit_0_and_a_count()
    {
        using var cli = await SignedInAsync();
        using var stop = new CancellationTokenSource();
        var stdout = new LineSignal("BTC/USDT");

        var running = cli.RunWithAsync(stop.Token, stdout, "watch", "ticker", "BINANCE", "BTC/USDT");
        await stdout.Matched.WaitAsync(TimeSpan.FromSeconds(30));
        stop.Cancel();
        var result = await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Stderr, Does.Match(@"^Connected\.\nStopped after [1-9]\d* updates?\.\n$"));
        Assert.That(() => _emulator.Realtime.SubscriberCount("market:ticker:BINANCE:BTC/USDT"), Is.Zero.After(5000, 50), "unsubscribed on the way out");
    }

    [Test]
    public async Task A_dropped_connection_is_noted_and_the_stream_goes_on_without_loss()
    {
        using var cli = await SignedInAsync();
        using var stop = new CancellationTokenSource();
        var stdout = new LineSignal("\"offset\":3,");

        var running = cli.RunWithAsync(stop.Token, stdout, "watch", "orderbook", "OKX", "SOL/USDT", "--json", "--count", "8");
        await stdout.Matched.WaitAsync(TimeSpan.FromSeconds(30));
        _emulator.Realtime.DropConnections();
        var result = await running.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        var offsets = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (long)JObject.Parse(l)["offset"]!).ToList();
        Assert.That(offsets, Is.EqualTo(Enumerable.Range(1, 8).Select(i => (long)i)), "nothing lost, nothing twice");
        Assert.That(result.Stderr, Does.StartWith("Connected.\nConnection lost").And.EndWith("; reconnecting.\nReconnected.\n"));
    }
}
