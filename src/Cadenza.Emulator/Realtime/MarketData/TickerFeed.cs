namespace Cadenza.Emulator.Realtime.MarketData;

/// <summary>
/// <c>market:ticker:{venue}:{symbol}</c> (one instrument) and <c>market:ticker:{venue}</c> (the venue's
/// instruments in turn, one ticker per publication).
/// </summary>
internal sealed class TickerFeed(IReadOnlyList<SyntheticInstrument> instruments, TimeProvider time) : SyntheticFeed(time)
{
    private int _next;

    protected override object NextPayload(DateTimeOffset now)
    {
        var instrument = instruments[_next++ % instruments.Count];
        instrument.Step();
        return TickerPayload.Create(instrument, now.ToUnixTimeMilliseconds());
    }
}
