using Cadenza.Client.Tests.Support;

namespace Cadenza.Client.Tests.Sessions;

public class SessionStoreTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("cadenza-store-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private string SessionFile => Path.Combine(_folder, "nested", "session.json");

    [Test]
    public async Task The_file_store_round_trips_a_session()
    {
        var store = new FileSessionStore(SessionFile);
        var user = new AuthUser { Id = Guid.NewGuid(), Email = "trader@example.com", UserMetadata = new Dictionary<string, object> { ["since"] = "2026-01-01T00:00:00Z" } };
        var saved = new StoredSession("access", "refresh", FakeCadenza.Start, FakeCadenza.Start.AddHours(1), user);

        await store.SaveAsync(saved);
        var loaded = await new FileSessionStore(SessionFile).LoadAsync();

        Assert.That(loaded!.AccessToken, Is.EqualTo("access"));
        Assert.That(loaded.RefreshToken, Is.EqualTo("refresh"));
        Assert.That(loaded.ReceivedAt, Is.EqualTo(saved.ReceivedAt));
        Assert.That(loaded.ExpiresAt, Is.EqualTo(saved.ExpiresAt));
        Assert.That(loaded.User!.Id, Is.EqualTo(user.Id));
        Assert.That(loaded.User.UserMetadata!["since"], Is.EqualTo("2026-01-01T00:00:00Z"), "metadata strings stay strings");
    }

    [Test]
    [Platform(Exclude = "Win")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_file_is_owner_only_and_replaced_atomically_without_leftovers()
    {
        var store = new FileSessionStore(SessionFile);

        await store.SaveAsync(new StoredSession("a1", "r1", FakeCadenza.Start, null, null));
        await store.SaveAsync(new StoredSession("a2", "r2", FakeCadenza.Start, null, null));

        Assert.That(File.GetUnixFileMode(SessionFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(File.GetUnixFileMode(Path.GetDirectoryName(SessionFile)!), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(SessionFile)!), Is.EquivalentTo(new[] { SessionFile, SessionFile + ".lock" }), "the session and its lock file, no temporary file");
        Assert.That((await store.LoadAsync())!.AccessToken, Is.EqualTo("a2"));
    }

    [TestCase("{ not json")]
    [TestCase("")]
    [TestCase("""{ "accessToken": "", "refreshToken": "r" }""")]
    [TestCase("[1,2]")]
    [TestCase("""{ "accessToken": "a\r\nX-Injected: 1", "refreshToken": "r" }""")]   // no HTTP header can carry it: every call would throw
    [TestCase("""{ "accessToken": "jeton-é", "refreshToken": "r" }""")]
    public async Task A_corrupt_file_is_reported_once_treated_as_signed_out_and_kept(string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(SessionFile)!);
        await File.WriteAllTextAsync(SessionFile, content);
        using var logs = new CapturedLogs();
        var store = new FileSessionStore(SessionFile, logs.Factory.CreateLogger("store"));

        Assert.That(await store.LoadAsync(), Is.Null);
        Assert.That(await store.LoadAsync(), Is.Null);

        Assert.That(store.LastProblem, Does.Contain(SessionFile).And.Contain("signed out"));
        Assert.That(logs.Lines.Count(l => l.StartsWith("Warning")), Is.EqualTo(1));
        Assert.That(await File.ReadAllTextAsync(SessionFile), Is.EqualTo(content), "nothing stored is lost");
    }

    [Test]
    public async Task A_session_with_a_corrupt_file_starts_signed_out_and_a_login_replaces_the_file()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(SessionFile)!);
        await File.WriteAllTextAsync(SessionFile, "garbage");
        using var server = new FakeCadenza();
        using var session = server.CreateSession(new FileSessionStore(SessionFile));

        Assert.That(await session.RestoreAsync(), Is.False);
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);

        Assert.That((await new FileSessionStore(SessionFile).LoadAsync())!.AccessToken, Is.EqualTo(FakeCadenza.AccessToken(1)));
    }

    [Test]
    public async Task A_new_session_restores_the_stored_one_without_a_network_call()
    {
        using var server = new FakeCadenza();
        using (var first = server.CreateSession(new FileSessionStore(SessionFile)))
        {
            await first.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        }

        server.Requests.Clear();
        using var second = server.CreateSession(new FileSessionStore(SessionFile));
        var changes = new List<CadenzaSessionChange>();
        second.Changed += (_, e) => changes.Add(e.Change);

        Assert.That(await second.RestoreAsync(), Is.True);
        Assert.That(await second.GetAccessTokenAsync(), Is.EqualTo(FakeCadenza.AccessToken(1)));
        Assert.That(second.User!.Email, Is.EqualTo("trader@example.com"));
        Assert.That(server.Requests, Is.Empty);
        Assert.That(changes, Is.EqualTo(new[] { CadenzaSessionChange.SignedIn }));
    }

    [Test]
    public async Task A_refresh_is_persisted_so_a_restart_uses_the_rotated_refresh_token()
    {
        using var server = new FakeCadenza();
        using (var first = server.CreateSession(new FileSessionStore(SessionFile)))
        {
            await first.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
            await first.RefreshAsync();
        }

        using var second = server.CreateSession(new FileSessionStore(SessionFile));
        await second.RefreshAsync();

        Assert.That(second.State, Is.EqualTo(CadenzaSessionState.SignedIn), "the old, rotated refresh token would have been rejected");
    }

    [Test]
    public void A_stored_session_never_shows_its_tokens()
    {
        var stored = new StoredSession("access-secret", "refresh-secret", FakeCadenza.Start, null, null);

        Assert.That(stored.ToString(), Does.Not.Contain("secret"));
    }

    [Test]
    public async Task A_session_stored_for_another_server_is_not_restored_and_is_kept_for_that_server()
    {
        using var server = new FakeCadenza();
        using (var first = server.CreateSession(new FileSessionStore(SessionFile)))
        {
            await first.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        }

        var stored = await File.ReadAllTextAsync(SessionFile);
        server.Requests.Clear();
        using var logs = new CapturedLogs();
        using var elsewhere = new CadenzaSession(new CadenzaSessionOptions
        {
            BaseAddress = new Uri("https://other.example.com/"),
            Store = new FileSessionStore(SessionFile),
            LoggerFactory = logs.Factory,
        }, server.Transport);

        Assert.That(await elsewhere.RestoreAsync(), Is.False);
        Assert.ThrowsAsync<CadenzaSessionExpiredException>(() => elsewhere.GetUserAsync());
        await elsewhere.LogoutAsync();

        Assert.That(server.Requests, Is.Empty, "the token was never sent to the other server");
        Assert.That(logs.Lines, Has.Some.Contains("StoredForOtherServer").And.Some.Contains("other.example.com"));
        Assert.That(await File.ReadAllTextAsync(SessionFile), Is.EqualTo(stored), "the other server's session is kept");
    }

    [Test]
    public async Task Logout_while_signed_out_leaves_an_unreadable_file_alone()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(SessionFile)!);
        await File.WriteAllTextAsync(SessionFile, "{ not json");
        using var server = new FakeCadenza();
        using var session = server.CreateSession(new FileSessionStore(SessionFile));

        await session.LogoutAsync();

        Assert.That(await File.ReadAllTextAsync(SessionFile), Is.EqualTo("{ not json"));
    }

    [Test]
    public async Task Two_sessions_sharing_a_file_never_present_a_refresh_token_the_other_already_rotated()
    {
        using var server = new FakeCadenza();
        using var first = server.CreateSession(new FileSessionStore(SessionFile));
        await first.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        using var second = server.CreateSession(new FileSessionStore(SessionFile)); // another `cadenza` process
        await second.RestoreAsync();

        await first.RefreshAsync();            // rotates refresh-1 → refresh-2 and saves it
        await second.RefreshAsync();           // must not present refresh-1 again
        server.Time.Advance(TimeSpan.FromHours(2));
        await first.GetUserAsync();            // and the other way round, after both are due

        Assert.That(first.State, Is.EqualTo(CadenzaSessionState.SignedIn));
        Assert.That(second.State, Is.EqualTo(CadenzaSessionState.SignedIn));
        var presented = server.Requests.Where(r => r.Uri.AbsolutePath.EndsWith("/token/refresh")).Select(r => r.Body).ToList();
        Assert.That(presented, Is.Unique, "no refresh token was presented twice");
        Assert.That(server.RefreshCalls, Is.EqualTo(2), "the second session adopted the first one's fresh tokens");
    }
}
