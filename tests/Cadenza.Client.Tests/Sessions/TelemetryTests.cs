using System.Net;
using Cadenza.Client.Tests.Support;

namespace Cadenza.Client.Tests.Sessions;

/// <summary>What the session reports through the "Cadenza.Client" ActivitySource and Meter, and that none of it is secret.</summary>
[NonParallelizable]
public class TelemetryTests
{
    [Test]
    public async Task A_refresh_ahead_reports_its_duration_outcome_and_trigger_and_an_activity()
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();
        using var telemetry = new TelemetryCapture();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.Time.Advance(TimeSpan.FromMinutes(59.5));

        var expiresBefore = session.ExpiresAt;
        await session.GetAccessTokenAsync();
        await ProactiveRefreshTests.RefreshedAsync(session, expiresBefore);
        await ReactiveRefreshTests.WaitUntil(() => !telemetry.Activities.IsEmpty);

        var refresh = telemetry.Of("cadenza.client.session.refresh.duration").Single();
        Assert.That(refresh["cadenza.refresh.outcome"], Is.EqualTo("success"));
        Assert.That(refresh["cadenza.refresh.trigger"], Is.EqualTo("ahead"));
        Assert.That(refresh.Value, Is.GreaterThanOrEqualTo(0));
        var activity = telemetry.Activities.Single();
        Assert.That(activity.OperationName, Is.EqualTo("cadenza.session.refresh"));
        Assert.That(activity.GetTagItem("cadenza.refresh.outcome"), Is.EqualTo("success"));
    }

    [Test]
    public async Task An_outage_reports_the_failure_the_back_off_and_every_call_that_failed_fast()
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();
        using var telemetry = new TelemetryCapture();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.Time.Advance(TimeSpan.FromHours(2));
        server.RefreshFailure = _ => Task.FromResult(FakeCadenza.Json(HttpStatusCode.ServiceUnavailable, "down"));

        for (var i = 0; i < 5; i++)
        {
            Assert.CatchAsync<CadenzaApiException>(() => session.GetAccessTokenAsync());
        }

        var refresh = telemetry.Of("cadenza.client.session.refresh.duration").Single();
        Assert.That(refresh["cadenza.refresh.outcome"], Is.EqualTo("failed"));
        Assert.That(refresh["cadenza.refresh.trigger"], Is.EqualTo("expired"));
        Assert.That(refresh["error.type"], Is.EqualTo("503"));
        var backoff = telemetry.Of("cadenza.client.session.refresh.backoff").Single();
        Assert.That(backoff.Value, Is.InRange(3.75, 5.0), "the first delay: RefreshRetryDelay (5 s), up to 25% shorter");
        Assert.That(telemetry.Of("cadenza.client.session.refresh.fail_fast").Sum(m => m.Value), Is.EqualTo(4));
        Assert.That(telemetry.Activities.Single().Status, Is.EqualTo(System.Diagnostics.ActivityStatusCode.Error));
    }

    [Test]
    public async Task A_401_retry_and_the_ends_of_sessions_are_counted()
    {
        using var server = new FakeCadenza { ForcedUnauthorized = 1 };
        using var session = server.CreateSession();
        using var telemetry = new TelemetryCapture();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);

        await session.GetUserAsync();
        await session.LogoutAsync();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.Time.Advance(TimeSpan.FromHours(2));
        server.RefreshFailure = _ => Task.FromResult(FakeCadenza.Json(HttpStatusCode.BadRequest, Bodies.Error(10400, "Invalid Refresh Token")));
        Assert.CatchAsync<CadenzaSessionExpiredException>(() => session.GetUserAsync());

        Assert.That(telemetry.Of("cadenza.client.session.unauthorized_retries").Sum(m => m.Value), Is.EqualTo(1));
        Assert.That(telemetry.Of("cadenza.client.session.ends").Select(m => m["cadenza.session.end_reason"]), Is.EqualTo(new[] { "logout", "rejected" }));
        Assert.That(telemetry.Of("cadenza.client.session.refresh.duration").Select(m => m["cadenza.refresh.outcome"]), Is.EqualTo(new[] { "success", "rejected" }));
    }

    [Test]
    public async Task No_tag_carries_a_token_a_password_an_email_or_a_user_id()
    {
        using var server = new FakeCadenza { ForcedUnauthorized = 1 };
        using var session = server.CreateSession();
        using var telemetry = new TelemetryCapture();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        await session.GetUserAsync();
        server.Time.Advance(TimeSpan.FromHours(2));
        server.NetworkFailure = r => FakeCadenza.IsRefresh(r) ? new HttpRequestException("reset " + FakeCadenza.RefreshToken(2)) : null;
        Assert.CatchAsync<CadenzaApiException>(() => session.GetUserAsync());
        Assert.CatchAsync<CadenzaApiException>(() => session.GetUserAsync());
        Assert.CatchAsync<CadenzaApiException>(() => session.LogoutAsync()); // signs out, then reports that the server was not told

        var values = telemetry.Measurements.SelectMany(m => m.Tags.Values)
            .Concat(telemetry.Activities.SelectMany(a => a.TagObjects.Select(t => t.Value?.ToString())))
            .Concat(telemetry.Activities.Select(a => a.StatusDescription))
            .Where(v => v != null).Select(v => v!).ToList();
        Assert.That(values, Is.Not.Empty);
        foreach (var secret in server.IssuedSecrets.Append(FakeCadenza.Email).Append("0b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b"))
        {
            Assert.That(values, Has.None.Contain(secret), secret);
        }
    }
}
