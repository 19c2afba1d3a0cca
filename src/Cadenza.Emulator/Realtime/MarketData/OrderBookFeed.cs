namespace Cadenza.Emulator.Realtime.MarketData;

/// <summary>
/// <c>market:orderbook:{venue}:{symbol}</c>: a SNAPSHOT first and every 20th publication; between them DIFFs
/// (the levels changed since the previous publication, quantity "0" for a removed level) and, every 5th,
/// a DELTA (the levels changed since the last SNAPSHOT: the reference state this emulator reconciles against).
/// </summary>
internal sealed class OrderBookFeed(SyntheticInstrument instrument, TimeProvider time) : SyntheticFeed(time)
{
    private Dictionary<decimal, decimal> _lastBids = [], _lastAsks = [], _snapshotBids = [], _snapshotAsks = [];
    private long _sequence;

    protected override object NextPayload(DateTimeOffset now)
    {
        instrument.Step();
        var (bids, asks) = instrument.Book(SyntheticInstrument.Depth);
        var timestamp = now.ToUnixTimeMilliseconds();
        var currentBids = bids.ToDictionary();
        var currentAsks = asks.ToDictionary();
        OrderBookPayload payload;
        _sequence++;
        if (_sequence == 1 || _sequence % 20 == 0)
        {
            payload = OrderBookPayload.Create(instrument, "SNAPSHOT", bids, asks, timestamp);
            (_snapshotBids, _snapshotAsks) = (currentBids, currentAsks);
        }
        else if (_sequence % 5 == 0)
        {
            payload = OrderBookPayload.Create(instrument, "DELTA", Changes(_snapshotBids, currentBids, descending: true), Changes(_snapshotAsks, currentAsks, descending: false), timestamp);
        }
        else
        {
            payload = OrderBookPayload.Create(instrument, "DIFF", Changes(_lastBids, currentBids, descending: true), Changes(_lastAsks, currentAsks, descending: false), timestamp);
        }

        (_lastBids, _lastAsks) = (currentBids, currentAsks);
        return payload;
    }

    /// <summary>The levels to apply to <paramref name="before"/> to get <paramref name="after"/>: upserts, and zero for each removed level.</summary>
    internal static IEnumerable<KeyValuePair<decimal, decimal>> Changes(IReadOnlyDictionary<decimal, decimal> before, IReadOnlyDictionary<decimal, decimal> after, bool descending)
    {
        var changes = after.Where(level => !before.TryGetValue(level.Key, out var quantity) || quantity != level.Value)
            .Concat(before.Where(level => !after.ContainsKey(level.Key)).Select(level => KeyValuePair.Create(level.Key, 0m)));
        return descending ? changes.OrderByDescending(level => level.Key) : changes.OrderBy(level => level.Key);
    }
}
