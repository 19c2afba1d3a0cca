using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Cadenza.Client;
using Newtonsoft.Json;

namespace Cadenza.Cli.Watch
{
    /// <summary>
    /// One readable line per update, from the spec's own models: what a person watching a terminal wants to see
    /// (for everything the server sent, use <c>--json</c>).
    /// </summary>
    internal static class UpdateLines
    {
        /// <summary>
        /// <c>BINANCE BTC/USDT SNAPSHOT 20 bids, 20 asks; bid 64000.1 x 0.5, ask 64000.2 x 1.2</c>. The first row of each
        /// side is shown: the best level in a snapshot, the first changed level in a diff (quantity 0 removes it).
        /// </summary>
        public static string OrderBook(OrderBook book)
        {
            var price = IndexOf(book.Columns, "price", 0);
            var quantity = IndexOf(book.Columns, "quantity", 1);
            return $"{Wire(book.Venue)} {book.Symbol} {Wire(book.UpdateType)} {Count(book.Bids, "bid")}, {Count(book.Asks, "ask")}"
                + $"; bid {Level(book.Bids, price, quantity)}, ask {Level(book.Asks, price, quantity)}";
        }

        /// <summary><c>OKX ETH/USDT last 3100.5 x 0.2; bid 3100.4 x 1.5, ask 3100.6 x 2</c>.</summary>
        public static string Ticker(Ticker ticker) =>
            $"{Wire(ticker.Venue)} {ticker.Symbol} last {Or(ticker.LastPrice)} x {Or(ticker.LastQuantity)}"
            + $"; bid {Or(ticker.BidPrice)} x {Or(ticker.BidQuantity)}, ask {Or(ticker.AskPrice)} x {Or(ticker.AskQuantity)}";

        /// <summary><c>BINANCE BTC/USDT 1m 2026-01-01T12:00:00Z open 1 high 2 low 0.5 close 1.5 volume 10 (live)</c>, the last candle sent.</summary>
        public static string Kline(Kline kline)
        {
            var head = $"{Wire(kline.Venue)} {kline.Symbol} {Wire(kline.Interval)}";
            var candle = kline.Candles?.LastOrDefault()?.ToList();
            if (candle is null || candle.Count < 5)
            {
                return head + " (no candle) " + (kline.IsClosed ? "(closed)" : "(live)");
            }

            var opened = long.TryParse(Text(candle[0]), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms is > 0 and < 253402300800000
                ? UserView.FormatInstant(DateTimeOffset.FromUnixTimeMilliseconds(ms))
                : Text(candle[0]);
            var volume = candle.Count > 5 ? Text(candle[5]) : "-";
            return $"{head} {opened} open {Text(candle[1])} high {Text(candle[2])} low {Text(candle[3])} close {Text(candle[4])} volume {volume} "
                + (kline.IsClosed ? "(closed)" : "(live)");
        }

        /// <summary>A channel whose payload the spec leaves open: the channel, the offset, and the payload on one line.</summary>
        public static string Raw(CadenzaPublication publication) =>
            $"{publication.Channel} #{publication.Offset} {publication.GetData().ToString(Formatting.None)}";

        private static int IndexOf(ICollection<string>? columns, string name, int fallback)
        {
            var index = columns?.ToList().FindIndex(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase)) ?? -1;
            return index >= 0 ? index : fallback;
        }

        private static string Count(ICollection<OrderBookEntry>? side, string noun) =>
            (side?.Count ?? 0).ToString(CultureInfo.InvariantCulture) + " " + noun + ((side?.Count ?? 0) == 1 ? "" : "s");

        private static string Level(ICollection<OrderBookEntry>? side, int price, int quantity)
        {
            var row = side?.FirstOrDefault();
            return row is null ? "-" : $"{Or(row.ElementAtOrDefault(price))} x {Or(row.ElementAtOrDefault(quantity))}";
        }

        private static string Or(string? value) => string.IsNullOrEmpty(value) ? "-" : FailureReport.OneLine(value!);

        private static string Text(object? value) => value switch
        {
            null => "-",
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => FailureReport.OneLine(value.ToString() ?? "-"),
        };

        private static string Wire<TEnum>(TEnum value)
            where TEnum : struct, Enum => WireEnum.Name(value);
    }
}
