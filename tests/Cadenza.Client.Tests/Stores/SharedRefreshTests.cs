using System.Diagnostics;
using System.Net;
using Cadenza.Client.Tests.Support;
using CsCheck;
using Newtonsoft.Json;

namespace Cadenza.Client.Tests.Stores;

/// <summary>
/// Sessions that share one store (here: one file, each through a store instance of its own, as separate processes
/// would) against a strict server: a refresh token presented twice revokes the session. The refresh happens under the
/// store's lease; what a rejected refresh does depends on what the store holds by then.
/// </summary>
public class SharedRefreshTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("cadenza-shared-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private string SessionFile => Path.Combine(_folder, "session.json");

    [Test]
    public async Task Two_sessions_on_one_file_racing_a_refresh_make_one_refresh_request_and_both_use_it()
    {
        using var server = new FakeCadenza();
        using var first = server.CreateSession(new FileSessionStore(SessionFile));
        await first.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        using var second = server.CreateSession(new FileSessionStore(SessionFile));
        await second.RestoreAsync();
        server.HoldRefresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Time.Advance(TimeSpan.FromHours(2)); // both tokens expired: each session needs a refresh before its next call

        var tokens = new[] { first.GetAccessTokenAsync(), second.GetAccessTokenAsync() };
        await WaitUntilAsync(() => server.RefreshCalls >= 1); // one of them is refreshing under the lease; the other waits for it
        server.HoldRefresh.SetResult();
        var got = await Task.WhenAll(tokens);

        Assert.That(server.RefreshCalls, Is.EqualTo(1), "the second read the first one's rotation under the lease");
        Assert.That(got, Is.All.EqualTo(FakeCadenza.AccessToken(2)));
        Assert.That((await new FileSessionStore(SessionFile).LoadAsync())!.RefreshToken, Is.EqualTo(FakeCadenza.RefreshToken(2)));
        Assert.That(new[] { first.State, second.State }, Is.All.EqualTo(CadenzaSessionState.SignedIn));
    }

    [Test]
    public async Task A_rejected_refresh_after_another_process_rotated_adopts_its_session_and_keeps_the_file()
    {
        // Plain stores (no lease), as before this issue: two processes can still both present the token; the one the
        // server turns away must take the winner's session, not sign out and delete the file the winner just wrote.
        using var server = new FakeCadenza();
        using var loser = server.CreateSession(new PlainStore(new FileSessionStore(SessionFile)));
        await loser.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        using var winner = server.CreateSession(new PlainStore(new FileSessionStore(SessionFile)));
        await winner.RestoreAsync();
        var changes = new List<CadenzaSessionChange>();
        loser.Changed += (_, e) => changes.Add(e.Change);
        server.RefreshFailure = async _ =>
        {
            // The loser's request arrives second: the winner has rotated and stored, and the server says "already used".
            server.RefreshFailure = null;
            await winner.RefreshAsync();
            return FakeCadenza.Json(HttpStatusCode.BadRequest, Bodies.Error(10400, "Invalid Refresh Token: Already Used", "INVALID_REFRESH_TOKEN"));
        };

        await loser.RefreshAsync();

        Assert.That(loser.State, Is.EqualTo(CadenzaSessionState.SignedIn));
        Assert.That(await loser.GetAccessTokenAsync(), Is.EqualTo(FakeCadenza.AccessToken(2)), "the winner's session");
        Assert.That(changes, Does.Not.Contain(CadenzaSessionChange.SignedOut));
        Assert.That((await new FileSessionStore(SessionFile).LoadAsync())!.RefreshToken, Is.EqualTo(FakeCadenza.RefreshToken(2)), "the file is kept");
        Assert.That((await loser.GetUserAsync()).Email, Is.EqualTo(FakeCadenza.Email));
    }

    [Test]
    public async Task Under_the_lease_a_rejected_refresh_still_adopts_a_rotation_written_meanwhile()
    {
        // A holder whose lease lapsed under a slow refresh writes its rotation while this session's request is out.
        using var server = new FakeCadenza();
        using var session = server.CreateSession(new FileSessionStore(SessionFile));
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        var elsewhere = new StoredSession("access-elsewhere", "refresh-elsewhere", server.Time.GetUtcNow(), server.Time.GetUtcNow().AddHours(1), session.User);
        server.RefreshFailure = _ =>
        {
            WriteBypassingTheLock(elsewhere);
            return Task.FromResult(FakeCadenza.Json(HttpStatusCode.BadRequest, Bodies.Error(10400, "Invalid Refresh Token: Already Used", "INVALID_REFRESH_TOKEN")));
        };

        await session.RefreshAsync();

        Assert.That(session.State, Is.EqualTo(CadenzaSessionState.SignedIn));
        Assert.That(await session.GetAccessTokenAsync(), Is.EqualTo("access-elsewhere"));
        Assert.That((await new FileSessionStore(SessionFile).LoadAsync())!.RefreshToken, Is.EqualTo("refresh-elsewhere"));
    }

    [Test]
    public async Task A_rejected_refresh_with_nothing_newer_signs_out_and_clears_the_session_it_presented()
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession(new FileSessionStore(SessionFile));
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.RefreshFailure = _ => Task.FromResult(FakeCadenza.Json(HttpStatusCode.BadRequest, Bodies.Error(10400, "Invalid Refresh Token: Revoked", "INVALID_REFRESH_TOKEN")));

        Assert.ThrowsAsync<CadenzaSessionExpiredException>(() => session.RefreshAsync());

        Assert.That(session.State, Is.EqualTo(CadenzaSessionState.SignedOut));
        Assert.That(File.Exists(SessionFile), Is.False);
    }

    [Test]
    public async Task A_rejected_refresh_never_deletes_a_session_someone_else_stored_meanwhile()
    {
        // Another user signed in through the same file while this session's refresh was out: not ours to adopt, nor to delete.
        using var server = new FakeCadenza();
        using var session = server.CreateSession(new FileSessionStore(SessionFile));
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        var someoneElse = new StoredSession("access-other", "refresh-other", server.Time.GetUtcNow(), null, new AuthUser { Id = Guid.NewGuid(), Email = "other@example.com" });
        server.RefreshFailure = _ =>
        {
            WriteBypassingTheLock(someoneElse);
            return Task.FromResult(FakeCadenza.Json(HttpStatusCode.BadRequest, Bodies.Error(10400, "Invalid Refresh Token: Revoked", "INVALID_REFRESH_TOKEN")));
        };

        Assert.ThrowsAsync<CadenzaSessionExpiredException>(() => session.RefreshAsync());

        Assert.That(session.State, Is.EqualTo(CadenzaSessionState.SignedOut));
        Assert.That((await new FileSessionStore(SessionFile).LoadAsync())!.RefreshToken, Is.EqualTo("refresh-other"), "compared before deleting");
    }

    [Test]
    public async Task A_lease_that_cannot_be_had_spends_nothing_and_keeps_the_session()
    {
        using var server = new FakeCadenza();
        var store = new NoLeaseStore();
        using var session = server.CreateSession(store);
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        store.Granting = false;
        server.Time.Advance(TimeSpan.FromHours(2));

        var failure = Assert.ThrowsAsync<CadenzaApiException>(() => session.GetAccessTokenAsync());

        Assert.That(failure, Is.Not.InstanceOf<CadenzaSessionExpiredException>(), "transient: the refresh is retried after the back-off");
        Assert.That(failure!.Message, Does.Contain("not attempted").And.Contain("not spent"));
        Assert.That(server.RefreshCalls, Is.Zero);
        Assert.That(session.State, Is.EqualTo(CadenzaSessionState.SignedIn));
    }

    [Test]
    public async Task A_lease_that_cannot_be_had_adopts_a_rotation_its_holder_stored()
    {
        using var server = new FakeCadenza();
        var store = new NoLeaseStore();
        using var session = server.CreateSession(store);
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.Time.Advance(TimeSpan.FromHours(2));
        await store.SaveAsync(new StoredSession("access-rotated", "refresh-rotated", server.Time.GetUtcNow(), server.Time.GetUtcNow().AddHours(1), session.User));
        store.Granting = false;

        Assert.That(await session.GetAccessTokenAsync(), Is.EqualTo("access-rotated"));
        Assert.That(server.RefreshCalls, Is.Zero);
    }

    [Test]
    public async Task A_store_that_failed_to_keep_a_rotation_is_never_taken_for_a_newer_one()
    {
        // The lease's write failed after the refresh (a full disk, a dropped connection): the store still holds the
        // refresh token this session spent. It differs from ours, but adopting it would present a spent token.
        using var server = new FakeCadenza();
        var store = new NoLeaseStore();
        using var session = server.CreateSession(store);
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        store.FailWrites = true;
        await session.RefreshAsync();   // refresh-1 spent; refresh-2 in memory only
        store.FailWrites = false;

        await session.RefreshAsync();

        Assert.That(session.State, Is.EqualTo(CadenzaSessionState.SignedIn));
        Assert.That(await session.GetAccessTokenAsync(), Is.EqualTo(FakeCadenza.AccessToken(3)));
        Assert.That((await store.LoadAsync())!.RefreshToken, Is.EqualTo(FakeCadenza.RefreshToken(3)), "written over the stale one it read");
    }

    [Test]
    public async Task A_lease_holder_that_dies_holds_the_others_up_only_until_the_OS_drops_its_lock()
    {
        var flock = FindOnPath("flock") ?? throw new IgnoreException("flock (util-linux) is not installed");
        using var server = new FakeCadenza();
        var store = new FileSessionStore(SessionFile);
        using var session = server.CreateSession(store);
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.Time.Advance(TimeSpan.FromHours(2));
        using var holder = Process.Start(new ProcessStartInfo(flock) { ArgumentList = { "--exclusive", "--close", store.LockPath, "sleep", "600" } })!;
        try
        {
            await WaitUntilAsync(() => IsLocked(store.LockPath));
            var token = session.GetAccessTokenAsync();
            await Task.Delay(200);
            var waitedForTheLease = !token.IsCompleted && server.RefreshCalls == 0;

            holder.Kill(entireProcessTree: true); // SIGKILL while "refreshing": no chance to unlock

            Assert.That(await token, Is.EqualTo(FakeCadenza.AccessToken(2)));
            Assert.That(waitedForTheLease, Is.True, "nothing was spent while the other process held the lease");
            Assert.That(server.RefreshCalls, Is.EqualTo(1));
        }
        finally
        {
            if (!holder.HasExited)
            {
                holder.Kill(entireProcessTree: true);
            }
        }
    }

    [Test]
    public void Any_number_of_sessions_on_one_file_with_any_clock_steps_never_present_a_token_twice()
    {
        var sessions = Gen.Int[2, 5];
        var steps = Gen.Long[0, 2 * TimeSpan.TicksPerHour].Select(TimeSpan.FromTicks).Array[1, 6];
        Gen.Select(sessions, steps).Sample((count, clockSteps) =>
        {
            var file = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".json");
            using var server = new FakeCadenza();
            var all = Enumerable.Range(0, count).Select(_ => server.CreateSession(new FileSessionStore(file))).ToList();
            try
            {
                all[0].LoginAsync(FakeCadenza.Email, FakeCadenza.Password).GetAwaiter().GetResult();
                foreach (var step in clockSteps)
                {
                    server.Time.Advance(step);
                    Task.WhenAll(all.Select(s => s.GetUserAsync())).GetAwaiter().GetResult();
                }

                var presented = server.Requests.Where(r => r.Uri.AbsolutePath.EndsWith("/token/refresh", StringComparison.Ordinal)).Select(r => r.Body).ToList();
                Assert.That(presented, Is.Unique);
                Assert.That(presented, Has.Count.LessThanOrEqualTo(clockSteps.Length), "at most one refresh per clock step, whatever the number of sessions");
                Assert.That(all.Select(s => s.State), Is.All.EqualTo(CadenzaSessionState.SignedIn));
            }
            finally
            {
                all.ForEach(s => s.Dispose());
            }
        }, iter: 25, threads: 1);
    }

    private void WriteBypassingTheLock(StoredSession session) => File.WriteAllText(SessionFile, JsonConvert.SerializeObject(session));

    private static bool IsLocked(string lockFile)
    {
        try
        {
            using (new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
            {
                return false;
            }
        }
        catch (IOException)
        {
            return true;
        }
    }

    // Bounded, and never the thing asserted: a condition the test needs before it goes on.
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.That(waited.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "the condition never came true");
            await Task.Delay(10);
        }
    }

    private static string? FindOnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, command)).FirstOrDefault(File.Exists);

    /// <summary>A store without the lease contract: the behaviour before this issue, for one session at a time.</summary>
    private sealed class PlainStore(ICadenzaSessionStore inner) : ICadenzaSessionStore
    {
        public Task<StoredSession?> LoadAsync(CancellationToken cancellationToken = default) => inner.LoadAsync(cancellationToken);

        public Task SaveAsync(StoredSession session, CancellationToken cancellationToken = default) => inner.SaveAsync(session, cancellationToken);

        public Task ClearAsync(CancellationToken cancellationToken = default) => inner.ClearAsync(cancellationToken);
    }

    /// <summary>An in-memory shared store whose lease can be withheld (as if another holder kept it) and whose lease writes can fail.</summary>
    private sealed class NoLeaseStore : ICadenzaSharedSessionStore
    {
        private readonly InMemorySessionStore _inner = new();

        public bool Granting { get; set; } = true;

        public bool FailWrites { get; set; }

        public Task<StoredSession?> LoadAsync(CancellationToken cancellationToken = default) => _inner.LoadAsync(cancellationToken);

        public Task SaveAsync(StoredSession session, CancellationToken cancellationToken = default) => _inner.SaveAsync(session, cancellationToken);

        public Task ClearAsync(CancellationToken cancellationToken = default) => _inner.ClearAsync(cancellationToken);

        public async Task<CadenzaRefreshLease?> AcquireRefreshLeaseAsync(CancellationToken cancellationToken = default) =>
            Granting && await _inner.AcquireRefreshLeaseAsync(cancellationToken) is { } lease ? new FailingLease(lease, this) : null;

        private sealed class FailingLease(CadenzaRefreshLease inner, NoLeaseStore store) : CadenzaRefreshLease(inner.Duration)
        {
            public override Task<bool> ReplaceAsync(StoredSession? expected, StoredSession replacement, CancellationToken cancellationToken = default) =>
                store.FailWrites ? throw new IOException("disk full") : inner.ReplaceAsync(expected, replacement, cancellationToken);

            public override Task<bool> ClearAsync(StoredSession expected, CancellationToken cancellationToken = default) => inner.ClearAsync(expected, cancellationToken);

            protected override Task ReleaseCoreAsync() => inner.ReleaseAsync();
        }
    }
}
