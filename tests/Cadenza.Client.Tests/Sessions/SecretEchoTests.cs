using System.Net;
using Cadenza.Client.Tests.Support;

namespace Cadenza.Client.Tests.Sessions;

/// <summary>
/// A server (or a proxy's error page) that echoes a secret in free text: the SDK knows the exact values it holds,
/// and masks them wherever text leaves it, even where no pattern would recognise them.
/// </summary>
public class SecretEchoTests
{
    private static IEnumerable<TestCaseData> Echoes()
    {
        yield return Case("html page", HttpStatusCode.InternalServerError, "text/html", s => $"<html><body>could not process {s}</body></html>");
        yield return Case("envelope error text", HttpStatusCode.BadRequest, "application/json", s => Bodies.Error(10400, $"bad value {s}"));
        yield return Case("plain text", HttpStatusCode.BadGateway, "text/plain", s => $"upstream said: {s}");
        yield return Case("json-escaped", HttpStatusCode.BadRequest, "application/json", s => Bodies.Error(10400, $"bad value {Newtonsoft.Json.JsonConvert.ToString(s).Trim('"')}"));

        static TestCaseData Case(string name, HttpStatusCode status, string mediaType, Func<string, string> body) => new TestCaseData(status, mediaType, body).SetArgDisplayNames(name);
    }

    [TestCaseSource(nameof(Echoes))]
    public void A_password_echoed_by_a_failed_login_is_masked(HttpStatusCode status, string mediaType, Func<string, string> body)
    {
        const string password = "opaque pass\"word/with\\odd chars";
        using var server = new FakeCadenza();
        server.LoginFailure = _ => new HttpResponseMessage(status) { Content = new StringContent(body(password), System.Text.Encoding.UTF8, mediaType) };
        using var logs = new CapturedLogs();
        using var session = server.CreateSession(logs: logs.Factory);

        var ex = Assert.CatchAsync<CadenzaApiException>(() => session.LoginAsync(FakeCadenza.Email, password))!;

        AssertNowhere(password, ex, logs);
        Assert.That(ex.Message, Does.Contain("***"));
    }

    [TestCaseSource(nameof(Echoes))]
    public async Task An_opaque_refresh_token_echoed_by_a_failed_refresh_is_masked(HttpStatusCode status, string mediaType, Func<string, string> body)
    {
        using var server = new FakeCadenza();
        using var logs = new CapturedLogs();
        using var session = server.CreateSession(logs: logs.Factory);
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.Time.Advance(TimeSpan.FromHours(2));
        var refreshToken = FakeCadenza.RefreshToken(1);
        server.RefreshFailure = _ => Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body(refreshToken), System.Text.Encoding.UTF8, mediaType) });

        var ex = Assert.CatchAsync<CadenzaApiException>(() => session.GetUserAsync())!;

        AssertNowhere(refreshToken, ex, logs);
    }

    [Test]
    public async Task An_opaque_access_token_echoed_by_a_failed_call_is_masked()
    {
        using var server = new FakeCadenza();
        server.ShapeSession = s => s["accessToken"] = "opaque-access-token-value";
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);

        // What a generated client builds from a failed response that quotes the token (any operation, any client).
        var ex = new CadenzaApiException("x", 500, "token opaque-access-token-value broke us", null, null);

        Assert.That(ex.Message + ex.ResponseExcerpt + ex, Does.Not.Contain("opaque-access-token-value"));
    }

    private static void AssertNowhere(string secret, CadenzaApiException ex, CapturedLogs logs)
    {
        var escaped = Newtonsoft.Json.JsonConvert.ToString(secret).Trim('"');
        foreach (var text in new[] { ex.Message, ex.ResponseExcerpt ?? string.Empty, ex.ToString(), ex.Error ?? string.Empty }.Concat(logs.Lines))
        {
            Assert.That(text, Does.Not.Contain(secret).And.Not.Contain(escaped), text);
        }
    }
}
