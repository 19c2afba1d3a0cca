namespace Cadenza.Emulator.Realtime.MarketData;

/// <summary>The spec's <c>orderBook</c> schema (L2: each row is <c>[price, quantity]</c>, decimals as strings).</summary>
internal sealed record OrderBookPayload(
    string UpdateType, string InstrumentId, string Venue, string Symbol, string OrderBookType,
    IReadOnlyList<string> Columns, IReadOnlyList<string[]> Bids, IReadOnlyList<string[]> Asks, long Timestamp)
{
    public static readonly IReadOnlyList<string> L2Columns = ["price", "quantity"];

    public static OrderBookPayload Create(
        SyntheticInstrument instrument, string updateType, IEnumerable<KeyValuePair<decimal, decimal>> bids, IEnumerable<KeyValuePair<decimal, decimal>> asks, long timestamp) =>
        new(updateType, instrument.InstrumentId, instrument.Venue, instrument.Symbol, "L2", L2Columns, Rows(instrument, bids), Rows(instrument, asks), timestamp);

    private static List<string[]> Rows(SyntheticInstrument instrument, IEnumerable<KeyValuePair<decimal, decimal>> levels) =>
        [.. levels.Select(level => new[] { instrument.Price(level.Key), SyntheticInstrument.Size(level.Value) })];
}

/// <summary>The spec's <c>ticker</c> schema.</summary>
internal sealed record TickerPayload(
    string InstrumentId, string Venue, string Symbol, string LastPrice, string LastQuantity,
    string BidPrice, string BidQuantity, string AskPrice, string AskQuantity, long Timestamp)
{
    public static TickerPayload Create(SyntheticInstrument instrument, long timestamp)
    {
        var quote = instrument.Quote();
        return new(
            instrument.InstrumentId, instrument.Venue, instrument.Symbol,
            instrument.Price(quote.Last), SyntheticInstrument.Size(quote.LastQuantity),
            instrument.Price(quote.Bid.Key), SyntheticInstrument.Size(quote.Bid.Value),
            instrument.Price(quote.Ask.Key), SyntheticInstrument.Size(quote.Ask.Value),
            timestamp);
    }
}

/// <summary>The spec's <c>kline</c> schema: candles are <c>[openTime, open, high, low, close, volume]</c> tuples.</summary>
internal sealed record KlinePayload(
    string InstrumentId, string Venue, string Symbol, string Interval, IReadOnlyList<object[]> Candles, bool IsClosed, long Timestamp);

/// <summary>A trade on <c>market:trade:{venue}:{symbol}</c>; the spec leaves this payload's schema open.</summary>
internal sealed record TradePayload(
    string TradeId, string InstrumentId, string Venue, string Symbol, string Side, string Price, string Quantity, long Timestamp);
