namespace Cadenza.Emulator.Realtime.MarketData;

/// <summary>
/// <c>market:kline:{venue}:{symbol}:{interval}</c>: the forming bar (<c>isClosed: false</c>) on every publication
/// while its interval lasts; the first publication after the interval ends is that bar, closed (<c>isClosed: true</c>).
/// </summary>
internal sealed class KlineFeed(SyntheticInstrument instrument, string interval, TimeProvider time) : SyntheticFeed(time)
{
    private Bar? _bar;

    protected override object NextPayload(DateTimeOffset now)
    {
        var openTime = OpenTime(now, interval);
        if (_bar is { } finished && finished.OpenTime != openTime)
        {
            _bar = null;
            return Payload(finished, isClosed: true, now);
        }

        instrument.Step();
        var quote = instrument.Quote();
        var price = (quote.Bid.Key + quote.Ask.Key) / 2;
        var bar = _bar ??= new Bar(openTime, price);
        bar.Add(price, quote.LastQuantity);
        return Payload(bar, isClosed: false, now);
    }

    /// <summary>When the bar holding <paramref name="now"/> opened: a whole number of intervals since the Unix epoch; months start on the 1st (UTC).</summary>
    internal static long OpenTime(DateTimeOffset now, string interval)
    {
        if (interval == "1M")
        {
            return new DateTimeOffset(now.UtcDateTime.Year, now.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        }

        var length = (long)ChannelName.Intervals[interval].TotalMilliseconds;
        var ms = now.ToUnixTimeMilliseconds();
        return ms - (ms % length);
    }

    private KlinePayload Payload(Bar bar, bool isClosed, DateTimeOffset now)
    {
        object[] candle = [bar.OpenTime, instrument.Price(bar.Open), instrument.Price(bar.High), instrument.Price(bar.Low), instrument.Price(bar.Close), SyntheticInstrument.Size(bar.Volume)];
        return new KlinePayload(instrument.InstrumentId, instrument.Venue, instrument.Symbol, interval, [candle], isClosed, now.ToUnixTimeMilliseconds());
    }

    private sealed class Bar(long openTime, decimal open)
    {
        public long OpenTime { get; } = openTime;

        public decimal Open { get; } = open;

        public decimal High { get; private set; } = open;

        public decimal Low { get; private set; } = open;

        public decimal Close { get; private set; } = open;

        public decimal Volume { get; private set; }

        public void Add(decimal price, decimal quantity)
        {
            High = Math.Max(High, price);
            Low = Math.Min(Low, price);
            Close = price;
            Volume += quantity;
        }
    }
}
