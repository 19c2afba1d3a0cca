using Cadenza.Client;
using Cadenza.Client.Realtime;

namespace Cadenza.Realtime.Tests.Protocol;

/// <summary>A reader's bounded buffer: never more than its capacity, and every loss reported where it happened.</summary>
public class SubscriberBufferTests
{
    private static CadenzaPublication Publication(long offset) => new("c", offset, null, "{}", null);

    private static List<string> Drain(SubscriberBuffer buffer)
    {
        var seen = new List<string>();
        while (buffer.TryRead(out var publication, out var gap, out _, out var ended) && !ended)
        {
            if (gap.Unrecoverable)
            {
                seen.Add("unrecoverable");
            }

            if (gap.Lost > 0)
            {
                seen.Add($"lost {gap.Lost}");
            }

            if (publication != null)
            {
                seen.Add($"#{publication.Offset}");
            }
        }

        return seen;
    }

    [Test]
    public void When_full_the_oldest_go_and_the_loss_is_reported_before_the_oldest_kept()
    {
        var buffer = new SubscriberBuffer(3);
        for (var i = 1; i <= 7; i++)
        {
            buffer.Add(Publication(i));
        }

        Assert.That(Drain(buffer), Is.EqualTo(new[] { "lost 4", "#5", "#6", "#7" }));
        Assert.That(buffer.Dropped, Is.EqualTo(4));
    }

    [Test]
    public void An_unrecoverable_gap_comes_before_the_first_publication_after_it_even_when_that_one_is_dropped()
    {
        var buffer = new SubscriberBuffer(2);
        buffer.Add(Publication(1));
        buffer.AddUnrecoverableGap();
        buffer.Add(Publication(10));
        buffer.Add(Publication(11));
        buffer.Add(Publication(12));

        Assert.That(Drain(buffer), Is.EqualTo(new[] { "unrecoverable", "lost 2", "#11", "#12" }));
    }

    [Test]
    public void A_gap_with_nothing_after_it_yet_is_reported_at_once()
    {
        var buffer = new SubscriberBuffer(2);
        buffer.Add(Publication(1));
        buffer.AddUnrecoverableGap();

        Assert.That(Drain(buffer), Is.EqualTo(new[] { "#1", "unrecoverable" }));
    }

    [Test]
    public void Random_writes_never_exceed_the_capacity_and_lose_exactly_what_is_reported()
    {
        var random = new Random(12);
        for (var run = 0; run < 200; run++)
        {
            var capacity = random.Next(1, 8);
            var buffer = new SubscriberBuffer(capacity);
            var written = 0L;
            var read = new List<long>();
            var reportedLost = 0L;
            for (var step = 0; step < 100; step++)
            {
                if (random.Next(3) > 0)
                {
                    buffer.Add(Publication(++written));
                }
                else
                {
                    var queued = 0;
                    while (buffer.TryRead(out var publication, out var gap, out _, out _))
                    {
                        reportedLost += gap.Lost;
                        if (publication != null)
                        {
                            read.Add(publication.Offset);
                            queued++;
                        }
                    }

                    Assert.That(queued, Is.LessThanOrEqualTo(capacity));
                }
            }

            while (buffer.TryRead(out var publication, out var gap, out _, out _))
            {
                reportedLost += gap.Lost;
                if (publication != null)
                {
                    read.Add(publication.Offset);
                }
            }

            Assert.That(read, Is.Ordered.And.Unique);
            Assert.That(read.Count + reportedLost, Is.EqualTo(written));
            Assert.That(buffer.Dropped, Is.EqualTo(reportedLost));
        }
    }

    [Test]
    public async Task A_waiting_reader_wakes_for_a_publication_and_for_the_end()
    {
        var buffer = new SubscriberBuffer(4);
        var waiting = buffer.WaitAsync(CancellationToken.None);
        Assert.That(waiting.IsCompleted, Is.False);
        buffer.Add(Publication(1));
        Assert.That(await waiting.AsTask().WaitAsync(TimeSpan.FromSeconds(30)), Is.True);
        Drain(buffer);

        var again = buffer.WaitAsync(CancellationToken.None);
        buffer.Complete(new InvalidOperationException("over"));
        await again.AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(buffer.TryRead(out _, out _, out var error, out var ended), Is.True);
        Assert.That(ended, Is.True);
        Assert.That(error?.Message, Is.EqualTo("over"));
    }
}
