using System;
using Cadenza.Client;

namespace Cadenza.Cli.Watch
{
    /// <summary>
    /// What <c>cadenza watch</c> follows: a channel, named by the SDK's typed subscribe method (which checks each part),
    /// and how one of its publications reads as a line. The watch itself reads the raw publications, so that
    /// <c>--json</c> prints each payload exactly as the server sent it, with its offset.
    /// </summary>
    /// <param name="Channel">The channel name, e.g. <c>market:orderbook:BINANCE:BTC/USDT</c>.</param>
    /// <param name="Line">One line for a person; throws <see cref="CadenzaRealtimeException"/> for a payload that does not fit its model.</param>
    internal sealed record WatchTarget(string Channel, Func<CadenzaPublication, string> Line)
    {
        public static WatchTarget OrderBook<T>(CadenzaSubscription<T> typed) =>
            new WatchTarget(typed.Channel, p => UpdateLines.OrderBook(p.GetData<Client.OrderBook>() ?? throw Null(p)));

        public static WatchTarget Ticker<T>(CadenzaSubscription<T> typed) =>
            new WatchTarget(typed.Channel, p => UpdateLines.Ticker(p.GetData<Client.Ticker>() ?? throw Null(p)));

        public static WatchTarget Kline<T>(CadenzaSubscription<T> typed) =>
            new WatchTarget(typed.Channel, p => UpdateLines.Kline(p.GetData<Client.Kline>() ?? throw Null(p)));

        public static WatchTarget Raw<T>(CadenzaSubscription<T> typed) =>
            new WatchTarget(typed.Channel, UpdateLines.Raw);

        private static CadenzaRealtimeException Null(CadenzaPublication publication) =>
            new CadenzaRealtimeException($"A publication on {publication.Channel} (offset {publication.Offset}) has no data.", 0, isTemporary: false);
    }
}
