using Cadenza.Client.Tests.Support;
using CsCheck;
using Microsoft.Extensions.Logging;

namespace Cadenza.Client.Tests.Sessions;

/// <summary>Whatever expiry numbers a server sends, and however the clock moves, calls keep working and nothing crashes.</summary>
public class RandomServerTests
{
    [Test]
    public void Any_expiry_numbers_and_clock_steps_leave_a_working_session()
    {
        var expiresIn = Gen.OneOf(Gen.Int, Gen.Int[-100, 7200], Gen.Const(0)).Nullable();
        var expiresAt = Gen.OneOf(Gen.Long, Gen.Long[-100_000, 100_000].Select(d => FakeCadenza.Start.ToUnixTimeSeconds() + d), Gen.Const(0L)).Nullable();
        var steps = Gen.Long[0, TimeSpan.TicksPerHour].Select(TimeSpan.FromTicks).Array[1, 15];

        Gen.Select(expiresIn, expiresAt, steps).Sample((seconds, at, clockSteps) =>
        {
            using var server = new FakeCadenza { ShapeSession = s => { s["expiresIn"] = seconds; s["expiresAt"] = at; } };
            using var session = server.CreateSession();
            session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password).GetAwaiter().GetResult();
            foreach (var step in clockSteps)
            {
                server.Time.Advance(step);
                Assert.That(session.GetUserAsync().GetAwaiter().GetResult().Email, Is.EqualTo(FakeCadenza.Email));
            }

            Assert.That(session.State, Is.EqualTo(CadenzaSessionState.SignedIn));
        }, iter: 150);
    }

    [Test]
    public async Task A_clock_skew_warning_is_logged_once_however_many_tokens_show_it()
    {
        using var logs = new CapturedLogs();
        using var server = new FakeCadenza();
        server.ShapeSession = s => s["expiresAt"] = server.Time.GetUtcNow().AddHours(3).ToUnixTimeSeconds();
        using var session = server.CreateSession(logs: logs.Factory);

        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        await session.RefreshAsync();
        await session.RefreshAsync();

        var warnings = logs.Lines.Where(l => l.Contains("[ExpiryDoubted]")).ToList();
        Assert.That(warnings, Has.Count.EqualTo(1));
        Assert.That(warnings[0], Does.StartWith(LogLevel.Warning.ToString()).And.Contain("clock skew"));
        Assert.That(session.ExpiresAt, Is.EqualTo(server.Time.GetUtcNow().AddHours(1)), "expiresIn decided");
    }
}
