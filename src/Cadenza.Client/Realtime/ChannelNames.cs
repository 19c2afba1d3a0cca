using System;

namespace Cadenza.Client.Realtime
{
    /// <summary>
    /// The channel names of the spec's "Available Channels" table, built from checked parts: a venue the spec lists,
    /// a symbol shaped <c>BASE/QUOTE</c>, a kline interval the spec lists, an account id. A part that would change the
    /// channel's meaning (a <c>:</c>, spaces) is refused before anything is sent.
    /// </summary>
    internal static class ChannelNames
    {
        public static string OrderBook(Venue venue, string symbol) =>
            "market:orderbook:" + WireNames.Of(venue, nameof(venue)) + ":" + Symbol(symbol);

        public static string Ticker(Venue venue, string symbol) =>
            "market:ticker:" + WireNames.Of(venue, nameof(venue)) + ":" + Symbol(symbol);

        public static string VenueTickers(Venue venue) =>
            "market:ticker:" + WireNames.Of(venue, nameof(venue));

        public static string Kline(Venue venue, string symbol, KlineInterval interval) =>
            "market:kline:" + WireNames.Of(venue, nameof(venue)) + ":" + Symbol(symbol) + ":" + WireNames.Of(interval, nameof(interval));

        public static string Trades(Venue venue, string symbol) =>
            "market:trade:" + WireNames.Of(venue, nameof(venue)) + ":" + Symbol(symbol);

        public static string TradingAccount(string tradingAccountId)
        {
            if (string.IsNullOrWhiteSpace(tradingAccountId) || !IsNamePart(tradingAccountId, slashes: 0))
            {
                throw new ArgumentException(
                    $"The trading account id must be letters, digits, '-', '_' or '.', e.g. 550e8400-e29b-41d4-a716-446655440000, not '{Shown(tradingAccountId)}'.",
                    nameof(tradingAccountId));
            }

            return "tradingAccount:" + tradingAccountId;
        }

        /// <summary>A symbol as the spec writes it, <c>{BASE}/{QUOTE}</c>: two non-empty parts of letters, digits, '-', '_' or '.'.</summary>
        private static string Symbol(string symbol)
        {
            if (string.IsNullOrWhiteSpace(symbol) || !IsNamePart(symbol, slashes: 1) || symbol.StartsWith("/", StringComparison.Ordinal) || symbol.EndsWith("/", StringComparison.Ordinal))
            {
                throw new ArgumentException($"The symbol must be BASE/QUOTE, e.g. BTC/USDT, not '{Shown(symbol)}'.", nameof(symbol));
            }

            return symbol;
        }

        private static bool IsNamePart(string text, int slashes)
        {
            var seen = 0;
            foreach (var c in text)
            {
                if (c == '/')
                {
                    seen++;
                }
                else if (!(c < 128 && (char.IsLetterOrDigit(c) || c == '-' || c == '_' || c == '.')))
                {
                    return false;
                }
            }

            return seen == slashes && text.Length <= 128;
        }

        // Quoted back in the error, on one line and short: it came from the caller, but may come from a config file.
        private static string Shown(string? text) => text is null ? "null" : Redaction.OneLine(text, 60);
    }
}
