using Cadenza.Client;
using Cadenza.Realtime.Tests.Support;

namespace Cadenza.Realtime.Tests.Client;

/// <summary>Through disconnects the stream resumes where it was: nothing lost, nothing twice; and says so when it cannot.</summary>
public class RecoveryTests
{
    private const string Channel = "market:orderbook:BINANCE:BTC/USDT";

    [Test]
    public async Task Twenty_forced_disconnects_lose_and_repeat_no_publication()
    {
        await using var user = await SignedInUser.StartAsync();
        var emulator = user.Emulator.Realtime;
        await using var realtime = Live.Connect(user, o => o.SubscriptionBufferCapacity = 100_000);
        var subscription = realtime.SubscribeRawAsync(Channel);
        var gaps = new List<CadenzaGapEventArgs>();
        subscription.Gap += (_, e) => gaps.Add(e);
        await using var reader = subscription.GetAsyncEnumerator();
        await Live.WaitUntilAsync(() => emulator.SubscriberCount(Channel) == 1, "subscribed");
        emulator.PublishNext(Channel);
        Assert.That((await reader.NextAsync()).Offset, Is.EqualTo(1), "subscribed: the stream has a position to recover from");
        var offsets = new List<long> { 1 };

        using var stop = new CancellationTokenSource();
        var lastOffset = 0L;
        var publisher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                Volatile.Write(ref lastOffset, emulator.PublishNext(Channel));
                await Task.Delay(1); // a steady stream, not a flood a real server would cut off as "slow"
            }
        });

        for (var drop = 1; drop <= 20; drop++)
        {
            await Live.WaitUntilAsync(() => emulator.ConnectionCount == 1, "connected");
            // Every other drop, the server stays down a while: what is published meanwhile can only arrive by recovery.
            var outage = drop % 2 == 0;
            emulator.RefuseConnections = outage;
            emulator.DropConnections();
            if (outage)
            {
                var before = Volatile.Read(ref lastOffset);
                await Live.WaitUntilAsync(() => Volatile.Read(ref lastOffset) >= before + 5, "publications during the outage");
                emulator.RefuseConnections = false;
            }

            var connects = drop + 1;
            await Live.WaitUntilAsync(() => emulator.ConnectsAccepted >= connects && emulator.SubscriberCount(Channel) == 1, $"reconnect #{drop}");
        }

        await stop.CancelAsync();
        await publisher;
        var published = Volatile.Read(ref lastOffset);
        while (offsets.Count == 0 || offsets[^1] < published)
        {
            var next = reader.MoveNextAsync().AsTask();
            if (await Task.WhenAny(next, Task.Delay(Live.HangGuard)) != next || !await next)
            {
                Assert.Fail($"The stream stopped at offset {offsets.LastOrDefault()} of {published}; gaps: {gaps.Count}; state {realtime.State}.");
            }

            offsets.Add(reader.Current.Offset);
        }

        Assert.Multiple(() =>
        {
            Assert.That(emulator.ConnectsAccepted, Is.GreaterThanOrEqualTo(21));
            Assert.That(gaps, Is.Empty);
            Assert.That(offsets, Is.EqualTo(Enumerable.Range(1, (int)published).Select(i => (long)i)), "every publication exactly once, in order");
        });
    }

    [Test]
    public async Task A_restarted_stream_is_reported_as_a_gap_before_the_first_publication_after_it()
    {
        await using var user = await SignedInUser.StartAsync();
        var emulator = user.Emulator.Realtime;
        await using var realtime = Live.Connect(user);
        var subscription = realtime.SubscribeRawAsync(Channel);
        var seen = new List<string>();
        subscription.Gap += (_, e) => seen.Add($"gap {e.Reason}");
        await using var reader = subscription.GetAsyncEnumerator();
        await Live.WaitUntilAsync(() => emulator.SubscriberCount(Channel) == 1, "subscribed");

        emulator.PublishNext(Channel);
        seen.Add($"#{(await reader.NextAsync()).Offset}");
        emulator.RefuseConnections = true;
        emulator.RestartStream(Channel);
        emulator.PublishNext(Channel); // offset 1 of the new epoch, while the client is cut off: lost for good
        emulator.RefuseConnections = false;
        await Live.WaitUntilAsync(() => emulator.ConnectsAccepted == 2 && emulator.SubscriberCount(Channel) == 1, "reconnected");
        emulator.PublishNext(Channel);
        seen.Add($"#{(await reader.NextAsync()).Offset}");

        Assert.That(seen, Is.EqualTo(new[] { "#1", "gap Unrecoverable", "#2" }));
        Assert.That(subscription.GapCount, Is.EqualTo(1));
    }

    [Test]
    public async Task Falling_further_behind_than_the_history_is_reported_as_a_gap()
    {
        await using var user = await SignedInUser.StartAsync(o => o.Realtime.HistorySize = 5);
        var emulator = user.Emulator.Realtime;
        await using var realtime = Live.Connect(user);
        var subscription = realtime.SubscribeRawAsync(Channel);
        CadenzaGapEventArgs? gap = null;
        subscription.Gap += (_, e) => gap = e;
        await using var reader = subscription.GetAsyncEnumerator();
        await Live.WaitUntilAsync(() => emulator.SubscriberCount(Channel) == 1, "subscribed");

        emulator.PublishNext(Channel);
        await reader.NextAsync();
        emulator.RefuseConnections = true;
        emulator.DropConnections();
        for (var i = 0; i < 10; i++)
        {
            emulator.PublishNext(Channel);
        }

        emulator.RefuseConnections = false;
        await Live.WaitUntilAsync(() => emulator.ConnectsAccepted == 2 && emulator.SubscriberCount(Channel) == 1, "reconnected");
        emulator.PublishNext(Channel);
        var next = await reader.NextAsync();

        Assert.That(gap?.Reason, Is.EqualTo(CadenzaGapReason.Unrecoverable));
        Assert.That(next.Offset, Is.EqualTo(12), "the stream goes on from the server's position");
    }

    [Test]
    public async Task A_slow_reader_keeps_only_its_buffer_and_is_told_how_many_it_lost()
    {
        await using var user = await SignedInUser.StartAsync();
        var emulator = user.Emulator.Realtime;
        await using var realtime = Live.Connect(user, o => o.SubscriptionBufferCapacity = 10);
        var subscription = realtime.SubscribeRawAsync(Channel);
        CadenzaGapEventArgs? gap = null;
        subscription.Gap += (_, e) => gap = e;
        await using var reader = subscription.GetAsyncEnumerator();
        await Live.WaitUntilAsync(() => emulator.SubscriberCount(Channel) == 1, "subscribed");
        emulator.PublishNext(Channel);
        await reader.NextAsync();

        for (var i = 0; i < 100; i++)
        {
            emulator.PublishNext(Channel);
        }

        await Live.WaitUntilAsync(() => subscription.DroppedCount == 90, "the client received all 100 and kept 10");
        var kept = await reader.NextAsync(10);

        Assert.Multiple(() =>
        {
            Assert.That(gap?.Reason, Is.EqualTo(CadenzaGapReason.BufferOverflow));
            Assert.That(gap?.Lost, Is.EqualTo(90));
            Assert.That(kept.Select(p => p.Offset), Is.EqualTo(Enumerable.Range(92, 10).Select(i => (long)i)), "the newest 10");
        });
    }
}
