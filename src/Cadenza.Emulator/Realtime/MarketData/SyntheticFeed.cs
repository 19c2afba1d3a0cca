namespace Cadenza.Emulator.Realtime.MarketData;

/// <summary>Makes the next publication of one channel, in that channel's payload schema. Thread-safe.</summary>
internal abstract class SyntheticFeed(TimeProvider time)
{
    private readonly Lock _gate = new();

    public static SyntheticFeed For(ChannelName channel, SyntheticMarket market, TimeProvider time) => channel.Kind switch
    {
        ChannelKind.OrderBook => new OrderBookFeed(market.Instrument(channel.Venue, channel.Symbol), time),
        ChannelKind.Ticker => new TickerFeed([market.Instrument(channel.Venue, channel.Symbol)], time),
        ChannelKind.VenueTicker => new TickerFeed([.. SyntheticMarket.VenueSymbols.Select(s => market.Instrument(channel.Venue, s))], time),
        ChannelKind.Kline => new KlineFeed(market.Instrument(channel.Venue, channel.Symbol), channel.Interval, time),
        ChannelKind.Trade => new TradeFeed(market.Instrument(channel.Venue, channel.Symbol), time),
        _ => new TradingAccountFeed(channel.AccountId, time),
    };

    /// <summary>The JSON payload of the channel's next publication.</summary>
    public byte[] Next()
    {
        lock (_gate)
        {
            return ReplyWriter.Json<object>(NextPayload(time.GetUtcNow()));
        }
    }

    /// <summary>Called under the feed's lock, one call at a time.</summary>
    protected abstract object NextPayload(DateTimeOffset now);
}
