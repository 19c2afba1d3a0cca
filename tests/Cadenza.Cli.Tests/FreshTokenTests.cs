using System.Diagnostics;
using Cadenza.Client;
using Cadenza.Cli.Tests.Support;

namespace Cadenza.Cli.Tests;

/// <summary>
/// <c>cadenza token</c>'s fast path: a fresh token comes straight from the session file, without a session, an HTTP
/// stack or a serializer; anything it is not sure of goes through the session.
/// </summary>
public sealed class FreshTokenTests
{
    private static readonly Uri Server = new(FakeCadenza.BaseUrl);
    private static readonly DateTimeOffset Received = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private string _file = null!;

    [SetUp]
    public void NewFile() => _file = Path.Combine(Directory.CreateTempSubdirectory("cadenza-fresh-token-").FullName, "session.json");

    [TearDown]
    public void DeleteFile() => Directory.Delete(Path.GetDirectoryName(_file)!, recursive: true);

    private async Task SaveAsync(TimeSpan lifetime, Uri? server)
    {
        // Written by the SDK's own store, so a change to its format shows up here.
        var user = new AuthUser { Id = Guid.Parse(FakeCadenza.UserId), Email = FakeCadenza.Email, UserMetadata = new Dictionary<string, object> { ["desk"] = "rates" } };
        await new FileSessionStore(_file).SaveAsync(new StoredSession("access-1", "refresh-1", Received, Received + lifetime, user, server));
    }

    [Test]
    public async Task A_token_outside_the_refresh_margin_is_read_from_the_file_the_sdk_wrote()
    {
        await SaveAsync(TimeSpan.FromHours(1), Server);

        var fresh = FreshStoredToken.TryRead(_file, Server, Received.AddMinutes(58.9));

        Assert.That(fresh?.AccessToken, Is.EqualTo("access-1"));
        Assert.That(fresh!.ExpiresAt, Is.EqualTo(Received.AddHours(1)));
    }

    [TestCase(59.0)] // inside the 60 s margin
    [TestCase(61.0)] // expired
    public async Task A_token_due_for_refresh_goes_through_the_session(double minutes)
    {
        await SaveAsync(TimeSpan.FromHours(1), Server);

        Assert.That(FreshStoredToken.TryRead(_file, Server, Received.AddMinutes(minutes)), Is.Null);
    }

    [Test]
    public async Task A_short_lived_token_is_due_half_way_as_in_the_session()
    {
        await SaveAsync(TimeSpan.FromSeconds(60), Server);

        Assert.That(FreshStoredToken.TryRead(_file, Server, Received.AddSeconds(29)), Is.Not.Null);
        Assert.That(FreshStoredToken.TryRead(_file, Server, Received.AddSeconds(30)), Is.Null);
    }

    [Test]
    public async Task A_token_for_another_server_or_an_unknown_server_goes_through_the_session()
    {
        await SaveAsync(TimeSpan.FromHours(1), new Uri("https://elsewhere.test/"));
        Assert.That(FreshStoredToken.TryRead(_file, Server, Received), Is.Null);

        await SaveAsync(TimeSpan.FromHours(1), server: null);
        Assert.That(FreshStoredToken.TryRead(_file, Server, Received), Is.Null);
    }

    [TestCase("")]
    [TestCase("{ not json")]
    [TestCase("[1, 2]")]
    [TestCase("""{"accessToken": 42, "receivedAt": "yesterday"}""")]
    [TestCase("""{"accessToken": "a", "refreshToken": "r", "receivedAt": "2026-01-01T12:00:00+00:00", "baseAddress": "https://cadenza.test/"}""")]
    public void A_file_it_does_not_understand_goes_through_the_session(string content)
    {
        File.WriteAllText(_file, content);

        Assert.That(FreshStoredToken.TryRead(_file, Server, Received), Is.Null);
    }

    [Test]
    public void No_file_goes_through_the_session() => Assert.That(FreshStoredToken.TryRead(_file, Server, Received), Is.Null);

    [Test]
    public void The_margin_is_the_sessions_default() =>
        Assert.That(FreshStoredToken.RefreshMargin, Is.EqualTo(new CadenzaSessionOptions().RefreshMargin));

    [Test, CancelAfter(60_000)]
    public async Task Cadenza_token_loads_no_http_stack_serializer_or_logging(CancellationToken cancellationToken)
    {
        var lifetime = TimeSpan.FromHours(1);
        var now = DateTimeOffset.UtcNow;
        await new FileSessionStore(_file).SaveAsync(new StoredSession("access-1", "refresh-1", now, now + lifetime, new AuthUser { Email = FakeCadenza.Email }, Server), cancellationToken);
        var loaded = _file + ".assemblies";

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "cadenza.dll"));
        start.ArgumentList.Add("token");
        start.Environment["CADENZA_SESSION_FILE"] = _file;
        start.Environment["CADENZA_BASE_URL"] = FakeCadenza.BaseUrl; // not a real host: a network call would fail
        start.Environment["DOTNET_STARTUP_HOOKS"] = typeof(FreshTokenTests).Assembly.Location;
        start.Environment["CADENZA_TEST_LOADED_ASSEMBLIES"] = loaded;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);

        Assert.That(process.ExitCode, Is.EqualTo(0), await stderr);
        Assert.That(await stdout, Is.EqualTo("access-1\n"));
        var assemblies = File.ReadAllLines(loaded);
        Assert.That(assemblies, Does.Contain("cadenza"), "the hook saw the process");
        Assert.That(assemblies, Has.None.StartsWith("System.Net.").And.None.StartsWith("Microsoft.Extensions.").And.None.StartsWith("Microsoft.AspNetCore.")
            .And.None.StartsWith("System.Reflection.Emit").And.None.EqualTo("System.Linq.Expressions").And.None.EqualTo("System.Data.Common")
            .And.None.EqualTo("System.Private.Xml").And.None.EqualTo("System.ComponentModel.TypeConverter").And.None.EqualTo("Cadenza.Emulator"),
            string.Join(", ", assemblies.Order()));
    }
}
