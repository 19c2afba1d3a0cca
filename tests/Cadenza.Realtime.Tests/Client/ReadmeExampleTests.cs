using System.Globalization;
using Cadenza.Client;
using Cadenza.Realtime.Tests.Support;

namespace Cadenza.Realtime.Tests.Client;

/// <summary>The README's live order book example, as written there (login and server aside), against the emulator.</summary>
public class ReadmeExampleTests
{
    [Test]
    public async Task The_readme_order_book_stays_a_book_across_snapshots_diffs_and_deltas()
    {
        await using var user = await SignedInUser.StartAsync(o => o.Realtime.PublishInterval = TimeSpan.FromMilliseconds(20));
        await using var realtime = Live.Connect(user);
        using var stop = new CancellationTokenSource(Live.HangGuard);
        var seen = new List<UpdateType>();
        var tops = new List<(decimal Bid, decimal Ask)>();

        // From the README:
        var bids = new SortedDictionary<decimal, decimal>(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));
        var asks = new SortedDictionary<decimal, decimal>();
        var books = realtime.SubscribeOrderBookAsync(Venue.Binance, "BTC/USDT");
        books.Gap += (_, _) => { bids.Clear(); asks.Clear(); };
        await foreach (OrderBook book in books.WithCancellation(stop.Token))
        {
            if (book.UpdateType == UpdateType.Snapshot) { bids.Clear(); asks.Clear(); }
            foreach (var (side, rows) in new[] { (bids, book.Bids), (asks, book.Asks) })
                foreach (var row in rows.Select(r => r.Select(x => decimal.Parse(x, CultureInfo.InvariantCulture)).ToArray()))
                    if (row[1] == 0) side.Remove(row[0]); else side[row[0]] = row[1];
            // In place of the README's Console.WriteLine:
            seen.Add(book.UpdateType);
            tops.Add((bids.FirstOrDefault().Key, asks.FirstOrDefault().Key));
            if (seen.Count == 25)
            {
                break;
            }
        }

        Assert.That(seen, Does.Contain(UpdateType.Snapshot).And.Contain(UpdateType.Diff).And.Contain(UpdateType.Delta));
        Assert.That(tops, Has.All.Matches<(decimal Bid, decimal Ask)>(t => t.Bid > 0 && t.Bid < t.Ask), "a crossed or empty book means an update was applied wrongly");
        Assert.That(bids.Count + asks.Count, Is.GreaterThan(10));
    }
}
