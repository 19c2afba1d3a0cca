using Cadenza.Client.Realtime;

namespace Cadenza.Realtime.Tests.Protocol;

/// <summary>Reconnect delays: within [min, max], windows that grow, full jitter so clients spread out.</summary>
public class ReconnectBackoffTests
{
    [Test]
    public void Delays_stay_between_the_minimum_and_the_cap_and_spread_out()
    {
        var min = TimeSpan.FromMilliseconds(500);
        var max = TimeSpan.FromSeconds(20);
        var delays = Enumerable.Range(0, 1000).Select(seed =>
        {
            var backoff = new ReconnectBackoff(min, max, new Random(seed));
            return Enumerable.Range(0, 40).Select(_ => backoff.Next()).ToList();
        }).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(delays.SelectMany(d => d), Is.All.InRange(min, max));
            Assert.That(delays.Select(d => d[0]), Is.All.LessThanOrEqualTo(min * 2), "the first retry is quick");
            Assert.That(delays.Select(d => d[10]).Distinct().Count(), Is.GreaterThan(900), "jitter: a thousand clients do not retry together");
            Assert.That(delays.Select(d => d[10].Ticks).Average(), Is.GreaterThan(delays.Select(d => d[1].Ticks).Average()), "windows grow");
        });
    }

    [Test]
    public void Reset_starts_again_from_the_minimum()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10), new Random(1));
        for (var i = 0; i < 20; i++)
        {
            backoff.Next();
        }

        backoff.Reset();

        Assert.That(backoff.Next(), Is.LessThanOrEqualTo(TimeSpan.FromMilliseconds(200)));
    }
}
