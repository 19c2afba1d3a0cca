using System.Text.RegularExpressions;

namespace Cadenza.Emulator.Realtime;

/// <summary>What a channel carries, by the patterns of the spec's "Available Channels" table.</summary>
internal enum ChannelKind
{
    TradingAccount,
    OrderBook,
    Ticker,
    VenueTicker,
    Kline,
    Trade,
}

/// <summary>A channel name taken apart; only names that match a documented pattern with valid parts parse.</summary>
internal sealed partial record ChannelName(string Name, ChannelKind Kind, string Venue, string Symbol, string Interval, string AccountId)
{
    /// <summary>The spec's <c>venue</c> enum.</summary>
    public static readonly IReadOnlySet<string> Venues = new HashSet<string>(StringComparer.Ordinal)
    {
        "BINANCE", "B2C2", "WINTERMUTE", "BLOCKFILLS", "STONEX", "CUMBERLAND", "IBKR", "DERIBIT", "BITFINEX", "OKX",
        "BINANCE_UAT", "B2C2_UAT", "WINTERMUTE_UAT", "BLOCKFILLS_UAT", "STONEX_UAT", "CUMBERLAND_UAT", "IBKR_UAT",
        "DERIBIT_UAT", "BITFINEX_UAT", "OKX_UAT", "BINANCE_SANDBOX", "B2C2_SANDBOX", "IBKR_PAPER", "FERMATA", "MOCK", "PAPER",
    };

    /// <summary>The spec's <c>klineInterval</c> enum, with each interval's length (a month counts as 30 days).</summary>
    public static readonly IReadOnlyDictionary<string, TimeSpan> Intervals = new Dictionary<string, TimeSpan>(StringComparer.Ordinal)
    {
        ["1s"] = TimeSpan.FromSeconds(1), ["1m"] = TimeSpan.FromMinutes(1), ["3m"] = TimeSpan.FromMinutes(3),
        ["5m"] = TimeSpan.FromMinutes(5), ["15m"] = TimeSpan.FromMinutes(15), ["30m"] = TimeSpan.FromMinutes(30),
        ["1h"] = TimeSpan.FromHours(1), ["2h"] = TimeSpan.FromHours(2), ["4h"] = TimeSpan.FromHours(4),
        ["6h"] = TimeSpan.FromHours(6), ["8h"] = TimeSpan.FromHours(8), ["12h"] = TimeSpan.FromHours(12),
        ["1d"] = TimeSpan.FromDays(1), ["3d"] = TimeSpan.FromDays(3), ["1w"] = TimeSpan.FromDays(7), ["1M"] = TimeSpan.FromDays(30),
    };

    /// <summary>The instrument id the spec's payloads carry: <c>{VENUE}:{BASE}/{QUOTE}</c>.</summary>
    public string InstrumentId => Venue + ":" + Symbol;

    public static bool TryParse(string name, out ChannelName channel)
    {
        channel = null!;
        var parts = name.Split(':');
        var parsed = parts switch
        {
            ["tradingAccount", var account] when AccountIdPattern().IsMatch(account) =>
                new ChannelName(name, ChannelKind.TradingAccount, "", "", "", account),
            ["market", "orderbook", var venue, var symbol] => Market(name, ChannelKind.OrderBook, venue, symbol),
            ["market", "ticker", var venue, var symbol] => Market(name, ChannelKind.Ticker, venue, symbol),
            ["market", "ticker", var venue] when Venues.Contains(venue) => new ChannelName(name, ChannelKind.VenueTicker, venue, "", "", ""),
            ["market", "kline", var venue, var symbol, var interval] when Intervals.ContainsKey(interval) =>
                Market(name, ChannelKind.Kline, venue, symbol) is { } kline ? kline with { Interval = interval } : null,
            ["market", "trade", var venue, var symbol] => Market(name, ChannelKind.Trade, venue, symbol),
            _ => null,
        };

        if (parsed is null)
        {
            return false;
        }

        channel = parsed;
        return true;
    }

    /// <summary>Parses <c>{VENUE}:{BASE}/{QUOTE}</c>, the form RPC parameters use.</summary>
    public static bool TryParseInstrument(string? instrumentId, out string venue, out string symbol)
    {
        var parts = (instrumentId ?? "").Split(':');
        venue = parts.Length == 2 ? parts[0] : "";
        symbol = parts.Length == 2 ? parts[1] : "";
        return parts.Length == 2 && Venues.Contains(venue) && SymbolPattern().IsMatch(symbol);
    }

    private static ChannelName? Market(string name, ChannelKind kind, string venue, string symbol) =>
        Venues.Contains(venue) && SymbolPattern().IsMatch(symbol) ? new ChannelName(name, kind, venue, symbol, "", "") : null;

    [GeneratedRegex("^[A-Z0-9]{1,20}/[A-Z0-9]{1,20}$")]
    private static partial Regex SymbolPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex AccountIdPattern();
}
