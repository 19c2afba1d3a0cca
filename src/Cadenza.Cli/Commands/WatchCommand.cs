using System;
using System.CommandLine;
using Cadenza.Cli.Watch;
using Cadenza.Client;

namespace Cadenza.Cli.Commands
{
    /// <summary>
    /// <c>cadenza watch orderbook|ticker|kline|trades|account …</c>: follows one channel of the Cadenza WebSocket API
    /// with the stored session, one line per update (one JSON object with <c>--json</c>), until Ctrl+C or <c>--count</c>.
    /// </summary>
    internal static class WatchCommand
    {
        public static Command Create(CliHost host)
        {
            var options = new WatchOptions();
            var watch = host.Globals.WithBaseUrlAndSessionFile(new Command(
                "watch", "Print live updates of an order book, ticker, kline, trades or trading account, one line each (one JSON object with --json), until Ctrl+C"));
            watch.Add(options.WebSocketUrl);
            watch.Add(options.Count);

            var venue = Venue();
            var symbol = Symbol();
            watch.Add(Sub(host, options, new Command("orderbook", "Order book updates (SNAPSHOT, DIFF, DELTA) of one instrument") { venue, symbol },
                (realtime, parse) => WatchTarget.OrderBook(realtime.SubscribeOrderBookAsync(VenueOf(parse, venue), parse.GetValue(symbol)!))));

            var tickerVenue = Venue();
            var tickerSymbol = new Argument<string?>("symbol") { Description = "The pair, BASE/QUOTE (leave out for every instrument of the venue)", Arity = ArgumentArity.ZeroOrOne };
            watch.Add(Sub(host, options, new Command("ticker", "Ticker updates of one instrument, or of every instrument of a venue") { tickerVenue, tickerSymbol },
                (realtime, parse) => WatchTarget.Ticker(parse.GetValue(tickerSymbol) is { } pair
                    ? realtime.SubscribeTickerAsync(VenueOf(parse, tickerVenue), pair)
                    : realtime.SubscribeVenueTickersAsync(VenueOf(parse, tickerVenue)))));

            var klineVenue = Venue();
            var klineSymbol = Symbol();
            var interval = new Argument<string>("interval") { Description = "The bar length as the spec spells it: 1s, 1m, 5m, 1h, 1d, 1w, 1M…" };
            watch.Add(Sub(host, options, new Command("kline", "Candles of one instrument: the live bar on every update, then once closed") { klineVenue, klineSymbol, interval },
                (realtime, parse) => WatchTarget.Kline(realtime.SubscribeKlineAsync(
                    VenueOf(parse, klineVenue), parse.GetValue(klineSymbol)!, WireEnum.Parse<KlineInterval>(parse.GetValue(interval)!, "interval")))));

            var tradesVenue = Venue();
            var tradesSymbol = Symbol();
            watch.Add(Sub(host, options, new Command("trades", "Trades of one instrument (payload as sent: the spec leaves it open)") { tradesVenue, tradesSymbol },
                (realtime, parse) => WatchTarget.Raw(realtime.SubscribeTradesAsync(VenueOf(parse, tradesVenue), parse.GetValue(tradesSymbol)!))));

            var account = new Argument<string>("trading-account-id") { Description = "The trading account's id" };
            watch.Add(Sub(host, options, new Command("account", "A trading account's order, portfolio and balance updates (payload as sent)") { account },
                (realtime, parse) => WatchTarget.Raw(realtime.SubscribeTradingAccountAsync(parse.GetValue(account)!))));
            return watch;
        }

        private static Command Sub(CliHost host, WatchOptions options, Command command, Func<CadenzaRealtime, ParseResult, WatchTarget> target)
        {
            host.Globals.WithBaseUrlAndSessionFile(command);
            command.SetAction((parse, cancellationToken) => new WatchRun(host, options, parse, target).RunAsync(cancellationToken));
            return command;
        }

        private static Argument<string> Venue() => new Argument<string>("venue") { Description = "The venue as the spec spells it: BINANCE, OKX, DERIBIT…" };

        private static Argument<string> Symbol() => new Argument<string>("symbol") { Description = "The pair, BASE/QUOTE, e.g. BTC/USDT" };

        private static Client.Venue VenueOf(ParseResult parse, Argument<string> venue) => WireEnum.Parse<Client.Venue>(parse.GetValue(venue)!, "venue");
    }
}
