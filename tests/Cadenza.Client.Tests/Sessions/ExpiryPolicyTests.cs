using CsCheck;

namespace Cadenza.Client.Tests.Sessions;

/// <summary>The expiry policy on its own: no HTTP, no clock but the one passed in.</summary>
public class ExpiryPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly long NowUnix = Now.ToUnixTimeSeconds();
    private readonly ExpiryPolicy _policy = new(TimeSpan.FromSeconds(60));

    [Test]
    public void ExpiresIn_decides_when_it_is_believable_even_when_expiresAt_is_a_placeholder()
    {
        var decision = _policy.Decide(3600, 0, null, Now);

        Assert.That(decision.ExpiresAt, Is.EqualTo(Now.AddHours(1)));
        Assert.That(decision.Doubt, Is.EqualTo(ExpiryDoubt.None), "0 is the spec's placeholder, not a clock");
    }

    [TestCase(3 * 3600)]
    [TestCase(-1800)]
    public void An_expiresAt_that_disagrees_with_expiresIn_is_named_clock_skew_and_expiresIn_wins(int offsetSeconds)
    {
        var decision = _policy.Decide(3600, NowUnix + 3600 + offsetSeconds, null, Now);

        Assert.That(decision.ExpiresAt, Is.EqualTo(Now.AddHours(1)));
        Assert.That(decision.Doubt, Is.EqualTo(ExpiryDoubt.ClockSkew));
        Assert.That(decision.Explanation, Does.Contain("clock skew"));
    }

    [Test]
    public void Within_a_minute_the_two_agree()
    {
        Assert.That(_policy.Decide(3600, NowUnix + 3630, null, Now).Doubt, Is.EqualTo(ExpiryDoubt.None));
    }

    [TestCase(0)]
    [TestCase(-5)]
    [TestCase(int.MinValue)]
    [TestCase(int.MaxValue)]
    public void An_unbelievable_expiresIn_falls_back_to_expiresAt_and_says_so(int expiresIn)
    {
        var decision = _policy.Decide(expiresIn, NowUnix + 1800, null, Now);

        Assert.That(decision.ExpiresAt, Is.EqualTo(Now.AddMinutes(30)));
        Assert.That(decision.Doubt, Is.EqualTo(ExpiryDoubt.Unbelievable));
    }

    [Test]
    public void Without_expiresIn_and_expiresAt_the_JWT_exp_decides()
    {
        Assert.That(_policy.Decide(null, null, NowUnix + 900, Now).ExpiresAt, Is.EqualTo(Now.AddMinutes(15)));
    }

    [Test]
    public void An_expiry_already_past_is_not_believed_and_the_warning_names_clock_skew()
    {
        var decision = _policy.Decide(null, NowUnix - 600, null, Now);

        Assert.That(decision.ExpiresAt, Is.Null);
        Assert.That(decision.Doubt, Is.EqualTo(ExpiryDoubt.Unknown));
        Assert.That(decision.Explanation, Does.Contain("401").And.Contain("clock skew"));
    }

    [Test]
    public void The_refresh_is_due_a_margin_before_expiry_or_half_way_for_short_tokens()
    {
        Assert.That(_policy.RefreshAt(Now, Now.AddHours(1)), Is.EqualTo(Now.AddMinutes(59)));
        Assert.That(_policy.RefreshAt(Now, Now.AddSeconds(10)), Is.EqualTo(Now.AddSeconds(5)));
        Assert.That(_policy.RefreshAt(DateTimeOffset.MinValue, DateTimeOffset.MinValue.AddSeconds(1)), Is.EqualTo(DateTimeOffset.MinValue.AddTicks(TimeSpan.TicksPerSecond / 2)));
    }

    [Test]
    public void No_combination_of_values_and_clocks_crashes_and_a_believed_expiry_is_always_ahead_and_plausible()
    {
        var expiresIn = Gen.OneOf(Gen.Int, Gen.Int[-10, 200_000], Gen.Const(0)).Nullable();
        var unixSeconds = Gen.OneOf(Gen.Long, Gen.Long[-62_135_596_900, 253_402_300_900], Gen.Long[NowUnix - 100_000, NowUnix + 100_000], Gen.Const(0L)).Nullable();
        var now = Gen.OneOf(Gen.Long[DateTimeOffset.MinValue.Ticks, DateTimeOffset.MaxValue.Ticks], Gen.Long[Now.Ticks - TimeSpan.TicksPerDay, Now.Ticks + TimeSpan.TicksPerDay])
            .Select(ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
        var margin = Gen.Long[0, TimeSpan.TicksPerDay].Select(TimeSpan.FromTicks);

        Gen.Select(expiresIn, unixSeconds, unixSeconds, now, margin).Sample((i, at, exp, clock, m) =>
        {
            var policy = new ExpiryPolicy(m);
            var decision = policy.Decide(i, at, exp, clock);
            if (decision.ExpiresAt is DateTimeOffset expires)
            {
                Assert.That(expires, Is.GreaterThan(clock));
                Assert.That(expires - clock, Is.LessThanOrEqualTo(ExpiryPolicy.MaxLifetime));
                var refreshAt = policy.RefreshAt(clock, expires);
                Assert.That(refreshAt, Is.LessThanOrEqualTo(expires));
                Assert.That(refreshAt - clock, Is.GreaterThanOrEqualTo(TimeSpan.FromTicks((expires - clock).Ticks / 2) - TimeSpan.FromTicks(1)), "never a refresh on every call");
            }
            else
            {
                Assert.That(decision.Doubt, Is.EqualTo(ExpiryDoubt.Unknown));
            }
        }, iter: 20_000);
    }
}
