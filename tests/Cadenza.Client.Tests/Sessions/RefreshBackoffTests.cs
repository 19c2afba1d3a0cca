namespace Cadenza.Client.Tests.Sessions;

public class RefreshBackoffTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void The_wait_doubles_per_consecutive_failure_up_to_the_cap()
    {
        var backoff = new RefreshBackoff(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), () => 0);

        var delays = Enumerable.Range(0, 6).Select(_ => backoff.RecordFailure(new InvalidOperationException(), null, Now).TotalSeconds);

        Assert.That(delays, Is.EqualTo(new[] { 5.0, 10, 20, 30, 30, 30 }));
    }

    [TestCase(0.0, 8.0)]
    [TestCase(0.5, 7.0)]
    [TestCase(0.999999, 6.000002)]
    public void Jitter_makes_the_wait_up_to_a_quarter_shorter_never_longer(double random, double expectedSeconds)
    {
        var backoff = new RefreshBackoff(TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(30), () => random);

        Assert.That(backoff.RecordFailure(new InvalidOperationException(), null, Now).TotalSeconds, Is.EqualTo(expectedSeconds).Within(1e-6));
    }

    [Test]
    public void Retry_After_is_honoured_when_longer_and_capped_at_ten_minutes()
    {
        var backoff = new RefreshBackoff(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), () => 0);

        Assert.That(backoff.RecordFailure(new InvalidOperationException(), TimeSpan.FromSeconds(90), Now), Is.EqualTo(TimeSpan.FromSeconds(90)));
        Assert.That(backoff.RecordFailure(new InvalidOperationException(), TimeSpan.FromSeconds(1), Now), Is.EqualTo(TimeSpan.FromSeconds(10)));
        Assert.That(backoff.RecordFailure(new InvalidOperationException(), TimeSpan.FromDays(3650), Now), Is.EqualTo(RefreshBackoff.RetryAfterLimit));
    }

    [Test]
    public void Inside_the_window_the_last_failure_is_given_again_and_after_it_nothing()
    {
        var backoff = new RefreshBackoff(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), () => 0);
        var failure = new InvalidOperationException("the last one");

        backoff.RecordFailure(failure, null, Now);

        Assert.That(backoff.IsWaiting(Now.AddSeconds(4.9), out var last), Is.True);
        Assert.That(last!.SourceException, Is.SameAs(failure));
        Assert.That(backoff.IsWaiting(Now.AddSeconds(5), out _), Is.False);
        backoff.Reset();
        Assert.That(backoff.IsWaiting(Now, out _), Is.False);
        Assert.That(backoff.Failures, Is.Zero);
    }

    [Test]
    public void A_zero_first_delay_and_extreme_clocks_do_not_hang_or_crash()
    {
        var zero = new RefreshBackoff(TimeSpan.Zero, TimeSpan.FromSeconds(30), () => 0.5);
        var late = new RefreshBackoff(TimeSpan.FromSeconds(5), TimeSpan.FromDays(1), () => double.NaN);

        for (var i = 0; i < 200; i++)
        {
            Assert.That(zero.RecordFailure(new InvalidOperationException(), null, Now), Is.EqualTo(TimeSpan.Zero));
            late.RecordFailure(new InvalidOperationException(), TimeSpan.MaxValue, DateTimeOffset.MaxValue.AddSeconds(-1));
        }

        Assert.That(late.IsWaiting(DateTimeOffset.MaxValue.AddSeconds(-1), out _), Is.True);
    }
}
