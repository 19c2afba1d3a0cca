using System.Globalization;

namespace Cadenza.Emulator.Realtime.MarketData;

/// <summary>
/// A made-up market for one instrument: a mid price on a random walk, ten price levels a side around it, and
/// trades. Every channel and RPC about the instrument reads this one state, so a ticker's best bid is the order
/// book's. Thread-safe.
/// </summary>
internal sealed class SyntheticInstrument
{
    public const int Depth = 10;

    private readonly Lock _gate = new();
    private readonly Random _random;
    private readonly SortedDictionary<decimal, decimal> _bids = new(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<decimal, decimal> _asks = new();
    private readonly decimal _tick;
    private decimal _mid;
    private decimal _lastPrice;
    private decimal _lastQuantity;
    private long _tradeId;

    public SyntheticInstrument(string venue, string symbol)
    {
        Venue = venue;
        Symbol = symbol;
        // A stable seed per instrument: the same book on every run, which makes failures reproducible.
        _random = new Random(StableHash(InstrumentId));
        _mid = symbol.Split('/')[0] switch { "BTC" => 50_000m, "ETH" => 3_000m, "SOL" => 150m, _ => 100m };
        _tick = _mid >= 10_000m ? 1m : _mid >= 1_000m ? 0.1m : 0.01m;
        _lastPrice = _mid;
        _lastQuantity = Quantity();
        Rebuild();
    }

    public string Venue { get; }

    public string Symbol { get; }

    public string InstrumentId => Venue + ":" + Symbol;

    /// <summary>Moves the market one step: the mid walks up to two ticks, levels follow it, one or two sizes change.</summary>
    public void Step()
    {
        lock (_gate)
        {
            _mid += _tick * _random.Next(-2, 3);
            if (_mid <= _tick * (Depth + 1))
            {
                _mid = _tick * (Depth + 1);
            }

            Rebuild();
            for (var i = _random.Next(1, 3); i > 0; i--)
            {
                var side = _random.Next(2) == 0 ? _bids : _asks;
                var price = side.Keys.ElementAt(_random.Next(side.Count));
                side[price] = Quantity();
            }
        }
    }

    /// <summary>The book now: bids best (highest) first, asks best (lowest) first.</summary>
    public (IReadOnlyList<KeyValuePair<decimal, decimal>> Bids, IReadOnlyList<KeyValuePair<decimal, decimal>> Asks) Book(int depth)
    {
        lock (_gate)
        {
            return ([.. _bids.Take(depth)], [.. _asks.Take(depth)]);
        }
    }

    /// <summary>A trade at the best bid or ask, which becomes the last price.</summary>
    public (string TradeId, string Side, decimal Price, decimal Quantity) Trade()
    {
        lock (_gate)
        {
            var buy = _random.Next(2) == 0;
            _lastPrice = buy ? _asks.First().Key : _bids.First().Key;
            _lastQuantity = Quantity();
            return ((++_tradeId).ToString(CultureInfo.InvariantCulture), buy ? "BUY" : "SELL", _lastPrice, _lastQuantity);
        }
    }

    public (decimal Last, decimal LastQuantity, KeyValuePair<decimal, decimal> Bid, KeyValuePair<decimal, decimal> Ask) Quote()
    {
        lock (_gate)
        {
            return (_lastPrice, _lastQuantity, _bids.First(), _asks.First());
        }
    }

    public string Price(decimal price) => price.ToString(_tick >= 1m ? "F2" : "F4", CultureInfo.InvariantCulture);

    public static string Size(decimal quantity) => quantity.ToString("F4", CultureInfo.InvariantCulture);

    // Keeps Depth levels a side, one tick apart, strictly below (bids) and above (asks) the mid: the book never crosses.
    private void Rebuild()
    {
        Follow(_bids, k => _mid - (_tick * k));
        Follow(_asks, k => _mid + (_tick * k));
    }

    private void Follow(SortedDictionary<decimal, decimal> side, Func<int, decimal> levelPrice)
    {
        var wanted = Enumerable.Range(1, Depth).Select(levelPrice).ToHashSet();
        foreach (var price in side.Keys.Where(p => !wanted.Contains(p)).ToList())
        {
            side.Remove(price);
        }

        foreach (var price in wanted.Where(p => !side.ContainsKey(p)))
        {
            side[price] = Quantity();
        }
    }

    private decimal Quantity() => Math.Round((decimal)(_random.NextDouble() * 5) + 0.001m, 4);

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }
}
