using Cadenza.Client;

namespace Cadenza.Tests.Shared.Stores;

/// <summary>
/// What every <see cref="ICadenzaSharedSessionStore"/> promises, run against each store. Each call to
/// <see cref="OpenStoreAsync"/> is another holder of the same stored session: another process, another machine.
/// </summary>
public abstract class SharedSessionStoreContract
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A new store instance on the same stored session as every other one this test opens.</summary>
    protected abstract Task<ICadenzaSharedSessionStore> OpenStoreAsync();

    protected static StoredSession Session(int rotation, AuthUser? user = null) =>
        new($"access-{rotation}", $"refresh-{rotation}", Start.AddMinutes(rotation), Start.AddMinutes(rotation + 60), user);

    [Test]
    public async Task A_session_saved_by_one_holder_is_what_another_loads()
    {
        var first = await OpenStoreAsync();
        var second = await OpenStoreAsync();

        await first.SaveAsync(Session(1));
        var loaded = await second.LoadAsync();

        Assert.That(loaded!.RefreshToken, Is.EqualTo("refresh-1"));
        Assert.That(loaded.ExpiresAt, Is.EqualTo(Session(1).ExpiresAt));
    }

    [Test]
    public async Task Under_a_lease_a_holder_replaces_the_session_it_started_from()
    {
        var store = await OpenStoreAsync();
        await store.SaveAsync(Session(1));

        var lease = await store.AcquireRefreshLeaseAsync();
        var replaced = await lease!.ReplaceAsync(Session(1), Session(2));
        await lease.ReleaseAsync();

        Assert.That(replaced, Is.True);
        Assert.That((await (await OpenStoreAsync()).LoadAsync())!.RefreshToken, Is.EqualTo("refresh-2"));
    }

    [Test]
    public async Task A_write_from_a_stale_basis_never_overwrites_a_newer_rotation()
    {
        var store = await OpenStoreAsync();
        await store.SaveAsync(Session(2));

        var lease = await store.AcquireRefreshLeaseAsync();
        var replaced = await lease!.ReplaceAsync(expected: Session(1), replacement: Session(3));
        var cleared = await lease.ClearAsync(expected: Session(1));
        await lease.ReleaseAsync();

        Assert.That(replaced, Is.False);
        Assert.That(cleared, Is.False);
        Assert.That((await store.LoadAsync())!.RefreshToken, Is.EqualTo("refresh-2"));
    }

    [Test]
    public async Task A_conditional_write_does_not_bring_back_a_session_someone_removed()
    {
        var store = await OpenStoreAsync();
        await store.SaveAsync(Session(1));
        await (await OpenStoreAsync()).ClearAsync();

        var lease = await store.AcquireRefreshLeaseAsync();
        var replaced = await lease!.ReplaceAsync(Session(1), Session(2));
        await lease.ReleaseAsync();

        Assert.That(replaced, Is.False);
        Assert.That(await store.LoadAsync(), Is.Null);
    }

    [Test]
    public async Task Expecting_nothing_stores_a_session_only_where_there_is_none()
    {
        var store = await OpenStoreAsync();

        var lease = await store.AcquireRefreshLeaseAsync();
        var intoEmpty = await lease!.ReplaceAsync(expected: null, Session(1));
        var overExisting = await lease.ReplaceAsync(expected: null, Session(2));
        await lease.ReleaseAsync();

        Assert.That(intoEmpty, Is.True);
        Assert.That(overExisting, Is.False);
        Assert.That((await (await OpenStoreAsync()).LoadAsync())!.RefreshToken, Is.EqualTo("refresh-1"));
    }

    [Test]
    public async Task A_conditional_clear_removes_only_the_session_it_names()
    {
        var store = await OpenStoreAsync();
        await store.SaveAsync(Session(4));

        var lease = await store.AcquireRefreshLeaseAsync();
        var cleared = await lease!.ClearAsync(Session(4));
        await lease.ReleaseAsync();

        Assert.That(cleared, Is.True);
        Assert.That(await (await OpenStoreAsync()).LoadAsync(), Is.Null);
    }

    [Test]
    public async Task The_same_tokens_with_another_user_count_as_the_same_rotation()
    {
        var store = await OpenStoreAsync();
        await store.SaveAsync(Session(1));
        var renamed = Session(1, new AuthUser { Id = Guid.NewGuid(), Email = "renamed@example.com" });

        var lease = await store.AcquireRefreshLeaseAsync();
        var replaced = await lease!.ReplaceAsync(Session(1), renamed);
        await lease.ReleaseAsync();

        Assert.That(replaced, Is.True);
        Assert.That((await store.LoadAsync())!.User!.Email, Is.EqualTo("renamed@example.com"));
    }

    [Test]
    public async Task A_released_lease_refuses_to_write_and_releasing_twice_is_harmless()
    {
        var store = await OpenStoreAsync();
        await store.SaveAsync(Session(1));
        var lease = await store.AcquireRefreshLeaseAsync();

        await lease!.ReleaseAsync();
        await lease.ReleaseAsync();

        Assert.That(lease.IsReleased, Is.True);
        Assert.ThrowsAsync<InvalidOperationException>(() => lease.ReplaceAsync(Session(1), Session(2)));
        Assert.That((await store.LoadAsync())!.RefreshToken, Is.EqualTo("refresh-1"));
        var next = await (await OpenStoreAsync()).AcquireRefreshLeaseAsync();
        Assert.That(next, Is.Not.Null, "a released lease is free at once");
        await next!.ReleaseAsync();
    }

    [Test]
    public async Task A_held_lease_can_be_extended_and_a_released_one_cannot()
    {
        var store = await OpenStoreAsync();
        var lease = await store.AcquireRefreshLeaseAsync();

        var whileHeld = await lease!.TryExtendAsync();
        await lease.ReleaseAsync();
        var afterRelease = await lease.TryExtendAsync();

        Assert.That(whileHeld, Is.True, "every store of this package renews its leases");
        Assert.That(afterRelease, Is.False);
        var next = await (await OpenStoreAsync()).AcquireRefreshLeaseAsync();
        Assert.That(next, Is.Not.Null, "extending after release did not take the lease back");
        await next!.ReleaseAsync();
    }

    [Test]
    public async Task Holders_racing_for_the_lease_are_never_inside_at_the_same_time_and_each_sees_the_last_write()
    {
        const int holders = 4;
        const int rounds = 15;
        var stores = new List<ICadenzaSharedSessionStore>();
        for (var i = 0; i < holders; i++)
        {
            stores.Add(await OpenStoreAsync());
        }

        await stores[0].SaveAsync(Session(0));
        var inside = 0;
        var mostInside = 0;
        var lostUpdates = 0;

        // Each round is a refresh: lease, re-read, rotate what was read, write conditionally, release.
        await Task.WhenAll(stores.Select(store => Task.Run(async () =>
        {
            for (var round = 0; round < rounds; round++)
            {
                var lease = await store.AcquireRefreshLeaseAsync();
                Assert.That(lease, Is.Not.Null, "the lease is free again within the store's wait");
                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref mostInside, now);
                try
                {
                    var current = (await store.LoadAsync())!;
                    var rotation = int.Parse(current.RefreshToken["refresh-".Length..]);
                    await Task.Yield();
                    if (!await lease!.ReplaceAsync(current, Session(rotation + 1)))
                    {
                        Interlocked.Increment(ref lostUpdates);
                    }
                }
                finally
                {
                    Interlocked.Decrement(ref inside);
                    await lease!.ReleaseAsync();
                }
            }
        })));

        Assert.That(mostInside, Is.EqualTo(1), "two holders at once");
        Assert.That(lostUpdates, Is.Zero);
        Assert.That((await stores[0].LoadAsync())!.RefreshToken, Is.EqualTo($"refresh-{holders * rounds}"), "every rotation built on the one before");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
