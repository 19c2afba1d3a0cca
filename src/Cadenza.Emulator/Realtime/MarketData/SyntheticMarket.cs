using System.Collections.Concurrent;

namespace Cadenza.Emulator.Realtime.MarketData;

/// <summary>Every instrument the emulator has been asked about, created on first use.</summary>
internal sealed class SyntheticMarket
{
    /// <summary>The symbols a venue lists, for venue-wide tickers and RPC listings.</summary>
    public static readonly IReadOnlyList<string> VenueSymbols = ["BTC/USDT", "ETH/USDT", "SOL/USDT"];

    private readonly ConcurrentDictionary<string, SyntheticInstrument> _instruments = new(StringComparer.Ordinal);

    public SyntheticInstrument Instrument(string venue, string symbol) =>
        _instruments.GetOrAdd(venue + ":" + symbol, _ => new SyntheticInstrument(venue, symbol));
}
