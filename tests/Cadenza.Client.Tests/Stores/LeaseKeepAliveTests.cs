using System.Diagnostics;
using Cadenza.Client.Tests.Support;

namespace Cadenza.Client.Tests.Stores;

/// <summary>
/// A session keeps its refresh lease alive while its refresh request is out (a slow server must not let the lease
/// lapse and the next holder present the same refresh token), stops when the turn ends, and survives a store whose
/// extensions fail. A store that cannot extend its leases gets its request given up before the lease would lapse.
/// </summary>
public class LeaseKeepAliveTests
{
    // Short, so the keep-alive extends every 20 ms: a held refresh sees several extensions quickly.
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromMilliseconds(60);

    [Test]
    public async Task While_the_refresh_request_is_out_the_lease_is_extended_and_after_the_turn_never_again()
    {
        using var server = new FakeCadenza();
        var store = new ScriptedStore(_ => true);
        using var session = await SignedInAsync(server, store);
        server.HoldRefresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var refresh = session.RefreshAsync();
        await WaitUntilAsync(() => store.Extensions >= 4); // one right before sending, then the keep-alive's
        server.HoldRefresh.SetResult();
        var refreshed = await refresh;
        var afterTurn = store.Extensions;
        await Task.Delay(LeaseDuration * 5); // many keep-alive periods: a loop still running would extend again

        Assert.That(refreshed.RefreshToken, Is.EqualTo(FakeCadenza.RefreshToken(2)));
        Assert.That(store.Extensions, Is.EqualTo(afterTurn), "no extension after the turn ended");
        Assert.That(store.ExtensionsAfterRelease, Is.Zero);
        Assert.That((await store.LoadAsync())!.RefreshToken, Is.EqualTo(FakeCadenza.RefreshToken(2)));
    }

    [Test]
    public async Task An_extension_that_throws_is_logged_without_secrets_and_the_keep_alive_carries_on()
    {
        using var server = new FakeCadenza();
        using var logs = new CapturedLogs();
        // The first extension (before sending) works; every later one throws, synchronously, as a broken store might.
        var store = new ScriptedStore(call => call == 1 ? true : throw new IOException("redis went away " + FakeCadenza.RefreshToken(1)));
        using var session = await SignedInAsync(server, store, logs);
        server.HoldRefresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var refresh = session.RefreshAsync();
        await WaitUntilAsync(() => store.Extensions >= 4); // it kept trying after the failures
        server.HoldRefresh.SetResult();
        var refreshed = await refresh;
        var afterTurn = store.Extensions;
        await Task.Delay(LeaseDuration * 5);

        Assert.That(refreshed.RefreshToken, Is.EqualTo(FakeCadenza.RefreshToken(2)), "the answer is stored and used");
        Assert.That(store.Extensions, Is.EqualTo(afterTurn));
        Assert.That((await store.LoadAsync())!.RefreshToken, Is.EqualTo(FakeCadenza.RefreshToken(2)));
        var warnings = logs.Lines.Where(l => l.Contains("[RefreshLeaseNotExtended]")).ToList();
        Assert.That(warnings, Is.Not.Empty);
        Assert.That(warnings, Has.All.Contains("IOException"));
        Assert.That(logs.Lines, Has.None.Contains("refresh-secret"));
    }

    [Test]
    public async Task A_lease_lost_while_the_request_is_out_is_logged_and_the_answer_stored_only_if_the_store_has_not_moved_on()
    {
        using var server = new FakeCadenza();
        using var logs = new CapturedLogs();
        var store = new ScriptedStore(call => call == 1); // lapsed after the request left
        using var session = await SignedInAsync(server, store, logs);
        server.HoldRefresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var refresh = session.RefreshAsync();
        await WaitUntilAsync(() => logs.Lines.Any(l => l.Contains("[RefreshLeaseLost]")));
        var afterLoss = store.Extensions;
        // Meanwhile another holder logged in again: the late answer must not overwrite its session.
        var other = new StoredSession("access-other", "refresh-other", FakeCadenza.Start.AddHours(1), null, null);
        await store.SaveAsync(other);
        server.HoldRefresh.SetResult();
        var refreshed = await refresh;

        Assert.That(store.Extensions, Is.EqualTo(afterLoss), "a lost lease is never extended again: it may be someone else's");
        Assert.That(refreshed.RefreshToken, Is.EqualTo(FakeCadenza.RefreshToken(2)), "kept in memory");
        Assert.That((await store.LoadAsync())!.RefreshToken, Is.EqualTo("refresh-other"));
        var lost = logs.Lines.Where(l => l.Contains("[RefreshLeaseLost]")).ToList();
        Assert.That(lost, Has.Count.EqualTo(1));
        Assert.That(lost[0], Does.StartWith("Warning"));
        Assert.That(logs.Lines, Has.None.Contains("refresh-secret"));
    }

    [Test]
    public async Task A_store_that_fails_to_extend_before_the_request_spends_nothing_and_keeps_the_session()
    {
        using var server = new FakeCadenza();
        var store = new ScriptedStore(_ => throw new TimeoutException("the store timed out"));
        using var session = await SignedInAsync(server, store);

        var failure = Assert.ThrowsAsync<CadenzaApiException>(() => session.RefreshAsync());

        Assert.That(failure!.Message, Does.Contain("not attempted").And.Contain("extend"));
        Assert.That(server.RefreshCalls, Is.Zero, "the refresh token was not spent");
        Assert.That(session.State, Is.EqualTo(CadenzaSessionState.SignedIn));
        Assert.That((await store.LoadAsync())!.RefreshToken, Is.EqualTo(FakeCadenza.RefreshToken(1)));
    }

    // Without renewal, a request still out when the lease lapses lets the next holder present the same refresh token.
    // Giving it up first does not undo a request the server already took, but it keeps the lease's promise for every
    // request the server has not read yet, and stops a hung request from holding everyone up for the HTTP timeout.
    [Test]
    public async Task A_store_that_cannot_extend_its_leases_gets_the_request_given_up_before_the_lease_lapses()
    {
        using var server = new FakeCadenza();
        var store = new ScriptedStore(extend: null, TimeSpan.FromSeconds(1)); // the base class's TryExtendAsync: false
        using var session = await SignedInAsync(server, store);
        server.HoldRefresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously); // never answered

        // Without the bound this would wait for the HTTP timeout (100 s) and fail with another message.
        var failure = Assert.ThrowsAsync<CadenzaApiException>(() => session.RefreshAsync());

        Assert.That(failure!.Message, Does.StartWith("Cadenza token refresh abandoned: no answer within the ").And.Contain(" s left on the shared session store's refresh lease, which that store cannot renew"));
        Assert.That(failure.Message, Does.Not.Contain("refresh-secret"));
        Assert.That(failure.StatusCode, Is.Zero, "transient: the session is kept");
        Assert.That(session.State, Is.EqualTo(CadenzaSessionState.SignedIn));
        Assert.That(server.RefreshCalls, Is.EqualTo(1));
    }

    private static async Task<CadenzaSession> SignedInAsync(FakeCadenza server, ScriptedStore store, CapturedLogs? logs = null)
    {
        var session = server.CreateSession(store, logs?.Factory);
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        return session;
    }

    // Bounded, and never the thing asserted: a condition the test needs before it goes on.
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.That(waited.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "the condition never came true");
            await Task.Delay(5);
        }
    }

    /// <summary>
    /// An in-memory shared store whose leases answer <see cref="CadenzaRefreshLease.TryExtendAsync"/> as scripted (by
    /// the call's number, from 1), counting the calls; a null script keeps the base class's answer (no renewal).
    /// </summary>
    private sealed class ScriptedStore(Func<int, bool>? extend, TimeSpan? duration = null) : ICadenzaSharedSessionStore
    {
        private readonly InMemorySessionStore _inner = new();
        private int _extensions;
        private int _extensionsAfterRelease;

        public Func<int, bool>? Extend { get; } = extend;

        public int Extensions => Volatile.Read(ref _extensions);

        public int ExtensionsAfterRelease => Volatile.Read(ref _extensionsAfterRelease);

        public Task<StoredSession?> LoadAsync(CancellationToken cancellationToken = default) => _inner.LoadAsync(cancellationToken);

        public Task SaveAsync(StoredSession session, CancellationToken cancellationToken = default) => _inner.SaveAsync(session, cancellationToken);

        public Task ClearAsync(CancellationToken cancellationToken = default) => _inner.ClearAsync(cancellationToken);

        public async Task<CadenzaRefreshLease?> AcquireRefreshLeaseAsync(CancellationToken cancellationToken = default) =>
            await _inner.AcquireRefreshLeaseAsync(cancellationToken) is { } lease ? new Lease(lease, this, duration ?? LeaseDuration) : null;

        private sealed class Lease(CadenzaRefreshLease inner, ScriptedStore store, TimeSpan duration) : CadenzaRefreshLease(duration)
        {
            public override Task<bool> ReplaceAsync(StoredSession? expected, StoredSession replacement, CancellationToken cancellationToken = default) =>
                inner.ReplaceAsync(expected, replacement, cancellationToken);

            public override Task<bool> ClearAsync(StoredSession expected, CancellationToken cancellationToken = default) => inner.ClearAsync(expected, cancellationToken);

            public override Task<bool> TryExtendAsync(CancellationToken cancellationToken = default)
            {
                if (store.Extend is null)
                {
                    return base.TryExtendAsync(cancellationToken);
                }

                if (IsReleased)
                {
                    Interlocked.Increment(ref store._extensionsAfterRelease);
                }

                return Task.FromResult(store.Extend(Interlocked.Increment(ref store._extensions)));
            }

            protected override Task ReleaseCoreAsync() => inner.ReleaseAsync();
        }
    }
}
