using Cadenza.Client;
using Cadenza.Realtime.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Cadenza.Realtime.Tests.Client;

/// <summary>One subscribe method per channel pattern, each reading the spec's own model from the emulator.</summary>
public class TypedSubscriptionTests
{
    [Test]
    public async Task The_order_book_comes_as_OrderBook_snapshot_then_diffs_and_a_delta()
    {
        await using var user = await SignedInUser.StartAsync();
        await using var realtime = Live.Connect(user);
        var subscription = realtime.SubscribeOrderBookAsync(Venue.Binance, "BTC/USDT");
        await using var reader = await Live.SubscribedAsync(subscription, user);

        PublishNext(user, subscription.Channel, 5);
        var books = await reader.NextAsync(5);

        Assert.Multiple(() =>
        {
            Assert.That(subscription.Channel, Is.EqualTo("market:orderbook:BINANCE:BTC/USDT"));
            Assert.That(books.Select(b => b.UpdateType), Is.EqualTo(new[] { UpdateType.Snapshot, UpdateType.Diff, UpdateType.Diff, UpdateType.Diff, UpdateType.Delta }));
            Assert.That(books[0].Venue, Is.EqualTo(Venue.Binance));
            Assert.That(books[0].Symbol, Is.EqualTo("BTC/USDT"));
            Assert.That(books[0].OrderBookType, Is.EqualTo(OrderBookType.L2));
            Assert.That(books[0].Bids, Has.Count.EqualTo(10), "a snapshot has every level");
            Assert.That(decimal.Parse(books[0].Bids.First()[0]), Is.LessThan(decimal.Parse(books[0].Asks.First()[0])), "best bid below best ask");
        });
    }

    [Test]
    public async Task A_ticker_per_instrument_and_the_venue_wide_tickers_come_as_Ticker()
    {
        await using var user = await SignedInUser.StartAsync();
        await using var realtime = Live.Connect(user);
        var one = realtime.SubscribeTickerAsync(Venue.Okx, "ETH/USDT");
        var venue = realtime.SubscribeVenueTickersAsync(Venue.Binance);
        await using var oneReader = await Live.SubscribedAsync(one, user);
        await using var venueReader = await Live.SubscribedAsync(venue, user);

        PublishNext(user, one.Channel, 1);
        PublishNext(user, venue.Channel, 3);
        var ticker = await oneReader.NextAsync();
        var venueTickers = await venueReader.NextAsync(3);

        Assert.Multiple(() =>
        {
            Assert.That(venue.Channel, Is.EqualTo("market:ticker:BINANCE"));
            Assert.That((ticker.Venue, ticker.Symbol, ticker.InstrumentId), Is.EqualTo((Venue.Okx, "ETH/USDT", "OKX:ETH/USDT")));
            Assert.That(decimal.Parse(ticker.BidPrice!), Is.LessThan(decimal.Parse(ticker.AskPrice!)));
            Assert.That(venueTickers.Select(t => t.Venue), Is.All.EqualTo(Venue.Binance));
            Assert.That(venueTickers.Select(t => t.Symbol), Is.Unique, "the venue's instruments in turn");
        });
    }

    [Test]
    public async Task A_kline_is_live_then_closed_and_carries_the_interval_it_was_asked_for()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 9, 12, 0, 10, TimeSpan.Zero));
        await using var user = await SignedInUser.StartAsync(time: clock);
        await using var realtime = Live.Connect(user);
        var minutes = realtime.SubscribeKlineAsync(Venue.Binance, "BTC/USDT", KlineInterval.Minute1);
        var months = realtime.SubscribeKlineAsync(Venue.Binance, "BTC/USDT", KlineInterval.Month1);
        await using var reader = await Live.SubscribedAsync(minutes, user);
        await using var monthReader = await Live.SubscribedAsync(months, user);

        PublishNext(user, minutes.Channel, 1);
        clock.Advance(TimeSpan.FromMinutes(1));
        PublishNext(user, minutes.Channel, 2);
        PublishNext(user, months.Channel, 1);
        var bars = await reader.NextAsync(3);
        var month = await monthReader.NextAsync();

        Assert.Multiple(() =>
        {
            Assert.That(minutes.Channel, Is.EqualTo("market:kline:BINANCE:BTC/USDT:1m"));
            Assert.That(months.Channel, Is.EqualTo("market:kline:BINANCE:BTC/USDT:1M"), "1M (a month) is not 1m (a minute)");
            Assert.That(bars.Select(b => b.IsClosed), Is.EqualTo(new[] { false, true, false }));
            Assert.That(bars.Select(b => b.Interval), Is.All.EqualTo(KlineInterval.Minute1));
            Assert.That(bars[0].Candles.Single(), Has.Count.EqualTo(6), "[openTime, open, high, low, close, volume]");
            Assert.That(month.Interval, Is.EqualTo(KlineInterval.Month1));
        });
    }

    [Test]
    public async Task Trades_and_the_trading_account_come_as_sent_because_the_spec_leaves_them_open()
    {
        await using var user = await SignedInUser.StartAsync();
        await using var realtime = Live.Connect(user);
        var trades = realtime.SubscribeTradesAsync(Venue.Deribit, "BTC/USD");
        var account = realtime.SubscribeTradingAccountAsync("550e8400-e29b-41d4-a716-446655440000");
        await using var tradeReader = await Live.SubscribedAsync(trades, user);
        await using var accountReader = await Live.SubscribedAsync(account, user);

        PublishNext(user, trades.Channel, 1);
        PublishNext(user, account.Channel, 3);
        var trade = await tradeReader.NextAsync();
        var updates = await accountReader.NextAsync(3);

        Assert.Multiple(() =>
        {
            Assert.That(trades.Channel, Is.EqualTo("market:trade:DERIBIT:BTC/USD"));
            Assert.That(account.Channel, Is.EqualTo("tradingAccount:550e8400-e29b-41d4-a716-446655440000"));
            Assert.That((string?)trade.GetData()["tradeId"], Is.EqualTo("1"));
            Assert.That(updates.Select(u => (string?)u.GetData()["type"]), Is.EqualTo(new[] { "orderUpdate", "balanceUpdate", "portfolioUpdate" }));
        });
    }

    [Test]
    public async Task A_payload_that_does_not_fit_the_model_is_skipped_and_reported_and_the_stream_goes_on()
    {
        await using var user = await SignedInUser.StartAsync();
        await using var realtime = Live.Connect(user);
        var subscription = realtime.SubscribeTickerAsync(Venue.Binance, "BTC/USDT");
        var gaps = new List<CadenzaGapEventArgs>();
        subscription.Gap += (_, e) => gaps.Add(e);
        await using var reader = await Live.SubscribedAsync(subscription, user);

        user.Emulator.Realtime.Publish(subscription.Channel, """{"venue":"BINANCE","symbol":"BTC/USDT"}""");           // no timestamp (required)
        user.Emulator.Realtime.Publish(subscription.Channel, """{"venue":"BINANCE","symbol":"BTC/USDT","timestamp":"soon"}""");
        user.Emulator.Realtime.Publish(subscription.Channel, "null");
        user.Emulator.Realtime.Publish(subscription.Channel, """{"venue":"NEWVENUE","symbol":"BTC/USDT","timestamp":1}""");
        var ticker = await reader.NextAsync();

        Assert.Multiple(() =>
        {
            Assert.That(ticker.Venue, Is.EqualTo(Venue.Unrecognized), "a venue the spec does not list is not an error");
            Assert.That(gaps.Select(g => g.Reason), Is.EqualTo(Enumerable.Repeat(CadenzaGapReason.InvalidPayload, 3)));
            Assert.That(gaps.Select(g => g.Lost), Is.All.EqualTo(1));
            Assert.That(gaps.Select(g => g.Detail), Has.All.Contains("market:ticker:BINANCE:BTC/USDT").And.All.Contains("Ticker"));
            Assert.That(gaps[0].Detail, Does.Contain("offset 1").And.Contain("timestamp"));
            Assert.That(gaps[2].Detail, Does.Contain("null"));
            Assert.That(subscription.GapCount, Is.EqualTo(3));
        });
    }

    [Test]
    public async Task Disposing_a_typed_reader_unsubscribes()
    {
        await using var user = await SignedInUser.StartAsync();
        await using var realtime = Live.Connect(user);
        var subscription = realtime.SubscribeKlineAsync(Venue.Binance, "ETH/USDT", KlineInterval.Hour4);
        var reader = await Live.SubscribedAsync(subscription, user);

        await reader.DisposeAsync();

        await Live.WaitUntilAsync(() => user.Emulator.Realtime.SubscriberCount(subscription.Channel) == 0, "unsubscribed");
    }

    private static void PublishNext(SignedInUser user, string channel, int count)
    {
        for (var i = 0; i < count; i++)
        {
            user.Emulator.Realtime.PublishNext(channel);
        }
    }
}
