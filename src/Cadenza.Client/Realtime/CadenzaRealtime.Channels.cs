using System;
using Cadenza.Client.Realtime;

namespace Cadenza.Client
{
    /// <summary>One subscribe method per channel pattern of the spec's "Available Channels" table.</summary>
    public partial class CadenzaRealtime
    {
        /// <summary>
        /// The order book of one instrument (<c>market:orderbook:{venue}:{symbol}</c>), as the spec's <see cref="OrderBook"/>.
        /// <see cref="OrderBook.UpdateType"/> says how to apply each one: <c>Snapshot</c> replaces the local book,
        /// <c>Diff</c> changes levels since the previous update (quantity 0 removes a level), <c>Delta</c> reconciles
        /// against a reference state (venue-specific). The first update after subscribing need not be a snapshot:
        /// wait for one, or fetch one with <see cref="CadenzaRpc.GetOrderBookAsync"/>.
        /// </summary>
        /// <param name="venue">The venue, e.g. <see cref="Venue.Binance"/>.</param>
        /// <param name="symbol">The pair, <c>BASE/QUOTE</c>, e.g. <c>BTC/USDT</c>.</param>
        /// <returns>The stream; enumerating it subscribes, disposing the enumerator unsubscribes.</returns>
        /// <exception cref="ArgumentException">The venue is <c>Unrecognized</c>, or the symbol is not <c>BASE/QUOTE</c>.</exception>
        public virtual CadenzaSubscription<OrderBook> SubscribeOrderBookAsync(Venue venue, string symbol) =>
            Subscribe(ChannelNames.OrderBook(venue, symbol), ReadModel<OrderBook>);

        /// <summary>The ticker of one instrument (<c>market:ticker:{venue}:{symbol}</c>), as the spec's <see cref="Ticker"/>.</summary>
        /// <param name="venue">The venue.</param>
        /// <param name="symbol">The pair, <c>BASE/QUOTE</c>.</param>
        /// <returns>The stream; enumerating it subscribes, disposing the enumerator unsubscribes.</returns>
        /// <exception cref="ArgumentException">The venue is <c>Unrecognized</c>, or the symbol is not <c>BASE/QUOTE</c>.</exception>
        public virtual CadenzaSubscription<Ticker> SubscribeTickerAsync(Venue venue, string symbol) =>
            Subscribe(ChannelNames.Ticker(venue, symbol), ReadModel<Ticker>);

        /// <summary>The tickers of every instrument of a venue (<c>market:ticker:{venue}</c>), one <see cref="Ticker"/> per update: for screening.</summary>
        /// <param name="venue">The venue.</param>
        /// <returns>The stream; enumerating it subscribes, disposing the enumerator unsubscribes.</returns>
        /// <exception cref="ArgumentException">The venue is <c>Unrecognized</c>.</exception>
        public virtual CadenzaSubscription<Ticker> SubscribeVenueTickersAsync(Venue venue) =>
            Subscribe(ChannelNames.VenueTickers(venue), ReadModel<Ticker>);

        /// <summary>
        /// The candles of one instrument and interval (<c>market:kline:{venue}:{symbol}:{interval}</c>), as the spec's
        /// <see cref="Kline"/>: the forming bar with <see cref="Kline.IsClosed"/> false on every update while its interval
        /// lasts, then once more with <see cref="Kline.IsClosed"/> true when it closes.
        /// </summary>
        /// <param name="venue">The venue.</param>
        /// <param name="symbol">The pair, <c>BASE/QUOTE</c>.</param>
        /// <param name="interval">The bar length, e.g. <see cref="KlineInterval.Minute1"/> (<c>1m</c> on the wire).</param>
        /// <returns>The stream; enumerating it subscribes, disposing the enumerator unsubscribes.</returns>
        /// <exception cref="ArgumentException">The venue or interval is <c>Unrecognized</c>, or the symbol is not <c>BASE/QUOTE</c>.</exception>
        public virtual CadenzaSubscription<Kline> SubscribeKlineAsync(Venue venue, string symbol, KlineInterval interval) =>
            Subscribe(ChannelNames.Kline(venue, symbol, interval), ReadModel<Kline>);

        /// <summary>
        /// The trades of one instrument (<c>market:trade:{venue}:{symbol}</c>). The spec leaves this payload's schema
        /// open, so each publication comes as sent: read it with <see cref="CadenzaPublication.GetData{T}"/>.
        /// </summary>
        /// <param name="venue">The venue.</param>
        /// <param name="symbol">The pair, <c>BASE/QUOTE</c>.</param>
        /// <returns>The stream; enumerating it subscribes, disposing the enumerator unsubscribes.</returns>
        /// <exception cref="ArgumentException">The venue is <c>Unrecognized</c>, or the symbol is not <c>BASE/QUOTE</c>.</exception>
        public virtual CadenzaSubscription<CadenzaPublication> SubscribeTradesAsync(Venue venue, string symbol) =>
            Subscribe(ChannelNames.Trades(venue, symbol), publication => publication);

        /// <summary>
        /// A trading account's updates (<c>tradingAccount:{accountId}</c>): orders, portfolio, balances. The spec leaves
        /// this payload's schema open (its example: <c>{"type": "orderUpdate", "order": {…}}</c>), so each publication
        /// comes as sent: read it with <see cref="CadenzaPublication.GetData{T}"/>.
        /// </summary>
        /// <param name="tradingAccountId">The trading account's id.</param>
        /// <returns>The stream; enumerating it subscribes, disposing the enumerator unsubscribes.</returns>
        /// <exception cref="ArgumentException">The id is empty or has characters other than letters, digits, '-', '_' and '.'.</exception>
        public virtual CadenzaSubscription<CadenzaPublication> SubscribeTradingAccountAsync(string tradingAccountId) =>
            Subscribe(ChannelNames.TradingAccount(tradingAccountId), publication => publication);

        private static T ReadModel<T>(CadenzaPublication publication)
            where T : class =>
            publication.GetData<T>() ?? throw new CadenzaRealtimeException(
                $"A publication on {publication.Channel} (offset {publication.Offset}) is not a valid {typeof(T).Name}: its data is null.", 0, isTemporary: false);
    }
}
