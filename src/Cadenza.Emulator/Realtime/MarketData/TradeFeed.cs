namespace Cadenza.Emulator.Realtime.MarketData;

/// <summary><c>market:trade:{venue}:{symbol}</c>: one trade per publication, at the best bid or ask.</summary>
internal sealed class TradeFeed(SyntheticInstrument instrument, TimeProvider time) : SyntheticFeed(time)
{
    protected override object NextPayload(DateTimeOffset now)
    {
        instrument.Step();
        var trade = instrument.Trade();
        return new TradePayload(
            trade.TradeId, instrument.InstrumentId, instrument.Venue, instrument.Symbol, trade.Side,
            instrument.Price(trade.Price), SyntheticInstrument.Size(trade.Quantity), now.ToUnixTimeMilliseconds());
    }
}
