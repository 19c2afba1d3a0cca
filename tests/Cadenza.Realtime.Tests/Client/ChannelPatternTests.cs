using Cadenza.Realtime.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Cadenza.Realtime.Tests.Client;

/// <summary>Every channel pattern of the spec's "Available Channels" table: subscribe, receive, in order, with the documented payload.</summary>
public class ChannelPatternTests
{
    private static readonly object[] Channels =
    [
        new object[] { "market:orderbook:BINANCE:BTC/USDT", "updateType" },
        new object[] { "market:ticker:OKX:ETH/USDT", "lastPrice" },
        new object[] { "market:ticker:BINANCE", "bidPrice" },
        new object[] { "market:kline:BINANCE:BTC/USDT:1m", "candles" },
        new object[] { "market:trade:DERIBIT:BTC/USD", "tradeId" },
        new object[] { "tradingAccount:acc-123", "type" },
    ];

    [TestCaseSource(nameof(Channels))]
    public async Task Receives_the_publications_of(string channel, string payloadField)
    {
        await using var user = await SignedInUser.StartAsync();
        await using var realtime = Live.Connect(user);
        await using var reader = await realtime.SubscribedAsync(user, channel);

        user.Emulator.Realtime.PublishNext(channel);
        user.Emulator.Realtime.PublishNext(channel);
        var received = await reader.NextAsync(2);

        Assert.Multiple(() =>
        {
            Assert.That(received.Select(p => p.Offset), Is.EqualTo(new long[] { 1, 2 }));
            Assert.That(received.Select(p => p.Channel), Is.All.EqualTo(channel));
            Assert.That(received.Select(p => p.GetData()[payloadField]), Is.All.Not.Null);
            Assert.That(received.Select(p => p.Time), Is.All.Not.Null);
        });
    }

    [Test]
    public async Task The_order_book_starts_with_a_snapshot_then_sends_diffs_and_deltas()
    {
        const string channel = "market:orderbook:BINANCE:ETH/USDT";
        await using var user = await SignedInUser.StartAsync();
        await using var realtime = Live.Connect(user);
        await using var reader = await realtime.SubscribedAsync(user, channel);

        for (var i = 0; i < 20; i++)
        {
            user.Emulator.Realtime.PublishNext(channel);
        }

        var types = (await reader.NextAsync(20)).Select(p => (string?)p.GetData()["updateType"]).ToList();

        Assert.That(types[0], Is.EqualTo("SNAPSHOT"));
        Assert.That(types, Does.Contain("DIFF").And.Contains("DELTA"));
        Assert.That(types[19], Is.EqualTo("SNAPSHOT"));
    }

    [Test]
    public async Task A_kline_bar_is_live_until_its_interval_ends_then_published_closed()
    {
        const string channel = "market:kline:BINANCE:BTC/USDT:1m";
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 9, 12, 0, 10, TimeSpan.Zero));
        await using var user = await SignedInUser.StartAsync(time: clock);
        await using var realtime = Live.Connect(user);
        await using var reader = await realtime.SubscribedAsync(user, channel);

        user.Emulator.Realtime.PublishNext(channel);
        user.Emulator.Realtime.PublishNext(channel);
        clock.Advance(TimeSpan.FromMinutes(1));
        user.Emulator.Realtime.PublishNext(channel);
        user.Emulator.Realtime.PublishNext(channel);
        var bars = (await reader.NextAsync(4)).Select(p => p.GetData()).ToList();

        var openTimes = bars.Select(b => (long)b["candles"]![0]![0]!).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(bars.Select(b => (bool)b["isClosed"]!), Is.EqualTo(new[] { false, false, true, false }));
            Assert.That(openTimes[2], Is.EqualTo(openTimes[0]), "the closed bar is the one that was live");
            Assert.That(openTimes[3], Is.EqualTo(openTimes[0] + 60_000), "the next bar opens one interval later");
        });
    }
}
