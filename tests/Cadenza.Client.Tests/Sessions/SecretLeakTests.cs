using System.Net;
using Cadenza.Client.Tests.Support;

namespace Cadenza.Client.Tests.Sessions;

/// <summary>Runs the session through every scenario that logs, with all log levels captured, and looks for secrets.</summary>
public class SecretLeakTests
{
    [Test]
    public async Task No_token_refresh_token_or_password_appears_in_any_log_line_or_exception_message()
    {
        using var server = new FakeCadenza { ForcedUnauthorized = 1 };
        using var logs = new CapturedLogs();
        var folder = Directory.CreateTempSubdirectory("cadenza-leak-").FullName;
        var file = Path.Combine(folder, "session.json");
        var messages = new List<string>();
        try
        {
            using var session = server.CreateSession(new FileSessionStore(file, logs.Factory.CreateLogger("store")), logs.Factory);
            session.Changed += (_, _) => throw new InvalidOperationException("handler bug");

            await Capture(messages, () => session.LoginAsync(FakeCadenza.Email, "wrong-password"));
            await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
            await session.GetUserAsync(); // 401 → refresh → retry
            server.Time.Advance(TimeSpan.FromMinutes(59.5));
            server.NetworkFailure = r => FakeCadenza.IsRefresh(r) ? new HttpRequestException("connection refused") : null;
            await session.GetUserAsync(); // failed early refresh, absorbed
            server.Time.Advance(TimeSpan.FromHours(1));
            await Capture(messages, () => session.GetUserAsync()); // expired and refresh failing
            server.NetworkFailure = null;
            server.RefreshFailure = _ => Task.FromResult(FakeCadenza.Json(HttpStatusCode.BadRequest, Bodies.Error(10400, "Invalid Refresh Token")));
            await Capture(messages, () => session.GetUserAsync()); // rejected: signed out
            await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
            server.NetworkFailure = r => r.RequestUri!.AbsolutePath.EndsWith("/logout") ? new HttpRequestException("connection refused") : null;
            await Capture(messages, () => session.LogoutAsync());
            messages.Add(session.ToString()!);

            await File.WriteAllTextAsync(file, "{ \"accessToken\": \"" + FakeCadenza.AccessToken(1) + "\", broken");
            using var restarted = server.CreateSession(new FileSessionStore(file, logs.Factory.CreateLogger("store")), logs.Factory);
            await restarted.RestoreAsync();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        Assert.That(logs.Lines, Has.Count.GreaterThan(8), "the scenario logged");
        Assert.That(messages, Has.Count.GreaterThan(4));
        foreach (var secret in server.IssuedSecrets)
        {
            Assert.That(logs.Lines, Has.None.Contain(secret), secret);
            Assert.That(messages, Has.None.Contain(secret), secret);
        }
    }

    private static async Task Capture(List<string> messages, Func<Task> call)
    {
        try
        {
            await call();
            Assert.Fail("expected a failure");
        }
        catch (Exception ex)
        {
            messages.Add(ex.ToString());
        }
    }
}
