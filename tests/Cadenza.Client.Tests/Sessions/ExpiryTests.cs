using Cadenza.Client.Tests.Support;
using Newtonsoft.Json.Linq;

namespace Cadenza.Client.Tests.Sessions;

/// <summary>What the server says about expiry is believed only when it makes sense; no value makes a refresh per call or a crash.</summary>
public class ExpiryTests
{
    private static IEnumerable<TestCaseData> UnbelievableExpiries()
    {
        yield return Case("expiresAt 0 (the spec's example)", s => s["expiresAt"] = 0);
        yield return Case("expiresAt 0, expiresIn 0", s => { s["expiresAt"] = 0; s["expiresIn"] = 0; });
        yield return Case("expiresIn 0, no expiresAt", s => { s.Remove("expiresAt"); s["expiresIn"] = 0; });
        yield return Case("expiresIn negative, no expiresAt", s => { s.Remove("expiresAt"); s["expiresIn"] = -3600; });
        yield return Case("expiresAt an hour ago, no expiresIn", s => { s.Remove("expiresIn"); s["expiresAt"] = (long)s["expiresAt"]! - 7200; });
        yield return Case("neither", s => { s.Remove("expiresAt"); s.Remove("expiresIn"); });

        static TestCaseData Case(string name, Action<JObject> shape) => new TestCaseData(shape).SetArgDisplayNames(name);
    }

    [TestCaseSource(nameof(UnbelievableExpiries))]
    public async Task An_expiry_that_cannot_be_believed_never_causes_a_refresh_per_call(Action<JObject> shape)
    {
        using var server = new FakeCadenza { ShapeSession = shape };
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);

        for (var i = 0; i < 1000; i++)
        {
            await session.GetUserAsync();
        }

        TestContext.Out.WriteLine($"refreshes per 1,000 calls: {server.RefreshCalls}");
        Assert.That(server.RefreshCalls, Is.Zero, "the server's tokens are valid for an hour; nothing asked for a refresh");
    }

    [Test]
    public async Task With_expiresAt_0_the_relative_expiresIn_decides()
    {
        using var server = new FakeCadenza { ShapeSession = s => s["expiresAt"] = 0 };
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);

        Assert.That(session.ExpiresAt, Is.EqualTo(FakeCadenza.Start.AddHours(1)));
        server.Time.Advance(TimeSpan.FromMinutes(59.5));
        await session.GetUserAsync();
        await ReactiveRefreshTests.WaitUntil(() => session.ExpiresAt > FakeCadenza.Start.AddHours(1));
        Assert.That(server.RefreshCalls, Is.EqualTo(1), "refreshed ahead of expiry, once");
    }

    [Test]
    public async Task Without_a_believable_expiry_a_401_still_gets_a_new_token()
    {
        using var server = new FakeCadenza { ShapeSession = s => { s["expiresAt"] = 0; s["expiresIn"] = 0; } };
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.Time.Advance(TimeSpan.FromHours(2));

        await session.GetUserAsync();

        Assert.That(server.RefreshCalls, Is.EqualTo(1));
        Assert.That(server.Requests.Last().Authorization, Is.EqualTo("Bearer " + FakeCadenza.AccessToken(2)));
    }

    private static IEnumerable<TestCaseData> OddNumbers()
    {
        foreach (var at in new[] { long.MaxValue, long.MinValue, 253402300800L, -62135596801L, -62135596800L, 253402300799L, 1767225600000L, -1L })
        {
            yield return new TestCaseData((Action<JObject>)(s => s["expiresAt"] = at)).SetArgDisplayNames("expiresAt " + at);
            yield return new TestCaseData((Action<JObject>)(s => { s.Remove("expiresIn"); s["expiresAt"] = at; })).SetArgDisplayNames("only expiresAt " + at);
        }

        foreach (var seconds in new[] { int.MaxValue, int.MinValue, -1, 1 })
        {
            yield return new TestCaseData((Action<JObject>)(s => { s.Remove("expiresAt"); s["expiresIn"] = seconds; })).SetArgDisplayNames("only expiresIn " + seconds);
        }
    }

    [TestCaseSource(nameof(OddNumbers))]
    public async Task No_expiry_value_crashes_login_refresh_or_a_call(Action<JObject> shape)
    {
        using var server = new FakeCadenza { ShapeSession = shape };
        using var session = server.CreateSession();

        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        await session.GetUserAsync();
        await session.RefreshAsync();
        server.Time.Advance(TimeSpan.FromHours(2));
        await session.GetUserAsync();

        Assert.That(session.State, Is.EqualTo(CadenzaSessionState.SignedIn));
    }

    [TestCase("0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59+00:00")]
    [TestCase("9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00+00:00")]
    [TestCase("2026-01-01T00:00:00+00:00", "0001-01-01T00:00:00+00:00")]
    public async Task A_stored_session_with_extreme_times_restores_without_a_crash(string receivedAt, string expiresAt)
    {
        using var server = new FakeCadenza();
        var store = new InMemorySessionStore();
        await store.SaveAsync(new StoredSession("stored-access", "stored-refresh", DateTimeOffset.Parse(receivedAt), DateTimeOffset.Parse(expiresAt), null, MockServer.BaseAddress));
        using var session = server.CreateSession(store);

        Assert.That(await session.RestoreAsync(), Is.True);
        Exception? failure = null;
        try
        {
            await session.GetAccessTokenAsync();
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        // The fake does not know the stored refresh token: rejecting it ends the session, but nothing crashes on the times.
        Assert.That(failure, Is.Null.Or.InstanceOf<CadenzaApiException>());
    }
}
