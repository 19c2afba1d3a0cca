using Cadenza.Client;

namespace Cadenza.Realtime.Tests.Client;

/// <summary>Typed subscriptions check their arguments before anything is sent: one line saying what was wrong.</summary>
public class SubscribeArgumentTests
{
    private CadenzaSession _session = null!;
    private CadenzaRealtime _realtime = null!;

    [SetUp]
    public void Create()
    {
        _session = new CadenzaSession(new Uri("http://127.0.0.1:9/"));
        _realtime = new CadenzaRealtime(_session, new Uri("ws://127.0.0.1:9/connection/websocket"));
    }

    [TearDown]
    public async Task Dispose()
    {
        await _realtime.DisposeAsync();
        _session.Dispose();
    }

    private static readonly object[] BadCalls =
    [
        new object[] { "venue Unrecognized", (Action<CadenzaRealtime>)(r => r.SubscribeOrderBookAsync(Venue.Unrecognized, "BTC/USDT")), "venue", "Venue" },
        new object[] { "venue not a member", (Action<CadenzaRealtime>)(r => r.SubscribeVenueTickersAsync((Venue)999)), "venue", "999" },
        new object[] { "interval Unrecognized", (Action<CadenzaRealtime>)(r => r.SubscribeKlineAsync(Venue.Binance, "BTC/USDT", KlineInterval.Unrecognized)), "interval", "KlineInterval" },
        new object[] { "symbol without a slash", (Action<CadenzaRealtime>)(r => r.SubscribeTickerAsync(Venue.Binance, "BTCUSDT")), "symbol", "'BTCUSDT'" },
        new object[] { "symbol with two slashes", (Action<CadenzaRealtime>)(r => r.SubscribeTradesAsync(Venue.Binance, "BTC/USDT/X")), "symbol", "BASE/QUOTE" },
        new object[] { "symbol with an empty side", (Action<CadenzaRealtime>)(r => r.SubscribeTradesAsync(Venue.Binance, "/USDT")), "symbol", "BASE/QUOTE" },
        new object[] { "symbol that would change the channel", (Action<CadenzaRealtime>)(r => r.SubscribeOrderBookAsync(Venue.Binance, "BTC/USDT:1m")), "symbol", "BASE/QUOTE" },
        new object[] { "symbol with a space", (Action<CadenzaRealtime>)(r => r.SubscribeOrderBookAsync(Venue.Binance, "BTC /USDT")), "symbol", "BASE/QUOTE" },
        new object[] { "symbol null", (Action<CadenzaRealtime>)(r => r.SubscribeOrderBookAsync(Venue.Binance, null!)), "symbol", "'null'" },
        new object[] { "account id empty", (Action<CadenzaRealtime>)(r => r.SubscribeTradingAccountAsync("")), "tradingAccountId", "trading account id" },
        new object[] { "account id with a colon", (Action<CadenzaRealtime>)(r => r.SubscribeTradingAccountAsync("acc:1")), "tradingAccountId", "'acc:1'" },
        new object[] { "account id with a newline", (Action<CadenzaRealtime>)(r => r.SubscribeTradingAccountAsync("acc\nnext")), "tradingAccountId", "trading account id" },
    ];

    [TestCaseSource(nameof(BadCalls))]
    public void Is_refused_before_anything_is_sent(string what, Action<CadenzaRealtime> call, string parameter, string mentioned)
    {
        var error = Assert.Throws<ArgumentException>(() => call(_realtime))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.ParamName, Is.EqualTo(parameter), what);
            Assert.That(error.Message, Does.Contain(mentioned), what);
            Assert.That(error.Message.Split('\n'), Has.Length.EqualTo(1), "one line");
            Assert.That(_realtime.State, Is.EqualTo(CadenzaRealtimeState.Idle), "no connection was started");
        });
    }

    [Test]
    public void Every_documented_venue_and_interval_makes_a_channel_with_its_wire_value()
    {
        var venues = Enum.GetValues<Venue>().Where(v => v != Venue.Unrecognized).ToList();
        var intervals = Enum.GetValues<KlineInterval>().Where(i => i != KlineInterval.Unrecognized).ToList();

        var channels = venues.Select(v => _realtime.SubscribeVenueTickersAsync(v).Channel)
            .Concat(intervals.Select(i => _realtime.SubscribeKlineAsync(Venue.BinanceUat, "SOL/USDT", i).Channel)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(channels, Does.Contain("market:ticker:BINANCE_UAT").And.Contain("market:ticker:IBKR_PAPER"));
            Assert.That(channels, Does.Contain("market:kline:BINANCE_UAT:SOL/USDT:1s").And.Contain("market:kline:BINANCE_UAT:SOL/USDT:1w"));
            Assert.That(channels, Is.Unique);
            Assert.That(channels, Has.Count.EqualTo(venues.Count + intervals.Count));
            Assert.That(_realtime.State, Is.EqualTo(CadenzaRealtimeState.Idle), "building a subscription sends nothing");
        });
    }
}
