using StackExchange.Redis;

namespace Cadenza.Client.Redis.Tests;

public class RedisLeaseTests : RedisTest
{
    private static readonly StoredSession First = new("access-1", "refresh-1", DateTimeOffset.UnixEpoch, null, null);
    private static readonly StoredSession Second = new("access-2", "refresh-2", DateTimeOffset.UnixEpoch, null, null);

    [Test]
    public async Task The_lease_is_a_key_set_only_if_absent_that_expires_after_the_lease_time()
    {
        var store = await OpenAsync(TimeSpan.FromSeconds(7));
        var redis = await DatabaseAsync();

        var lease = await store.AcquireRefreshLeaseAsync();
        var ttl = await redis.KeyTimeToLiveAsync(store.LeaseKey);
        var holder = await redis.StringGetAsync(store.LeaseKey);

        Assert.That(lease!.Duration, Is.EqualTo(TimeSpan.FromSeconds(7)));
        Assert.That(ttl, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromSeconds(7)));
        Assert.That(holder.HasValue, Is.True, "the holder's token");
        await lease.ReleaseAsync();
        Assert.That(await redis.KeyExistsAsync(store.LeaseKey), Is.False, "released: the next holder need not wait");
    }

    [Test]
    public async Task A_holder_that_dies_blocks_the_others_only_until_its_lease_lapses()
    {
        var dying = await OpenAsync(TimeSpan.FromMilliseconds(300));
        var survivor = await OpenAsync(TimeSpan.FromSeconds(10));

        var orphaned = await dying.AcquireRefreshLeaseAsync(); // never released: its process "died"
        var taken = await survivor.AcquireRefreshLeaseAsync();

        Assert.That(orphaned, Is.Not.Null);
        Assert.That(taken, Is.Not.Null, "the survivor got the lease once the dead holder's lapsed, within its own wait");
        await taken!.ReleaseAsync();
    }

    [Test]
    public async Task While_the_lease_is_held_another_holder_gives_up_after_its_bounded_wait()
    {
        var holder = await OpenAsync(TimeSpan.FromSeconds(30));
        var impatient = await OpenAsync(TimeSpan.FromMilliseconds(100));

        var held = await holder.AcquireRefreshLeaseAsync();
        var refused = await impatient.AcquireRefreshLeaseAsync();

        Assert.That(refused, Is.Null);
        await held!.ReleaseAsync();
    }

    [Test]
    public async Task A_holder_whose_lease_lapsed_never_releases_the_next_holders_lease()
    {
        var late = await OpenAsync(TimeSpan.FromMilliseconds(200));
        var next = await OpenAsync(TimeSpan.FromSeconds(30));
        var third = await OpenAsync(TimeSpan.FromMilliseconds(100));

        var lapsed = await late.AcquireRefreshLeaseAsync();
        var current = await next.AcquireRefreshLeaseAsync(); // taken once the first lapsed
        await lapsed!.ReleaseAsync();
        var meanwhile = await third.AcquireRefreshLeaseAsync();

        Assert.That(current, Is.Not.Null);
        Assert.That(meanwhile, Is.Null, "the late holder's release left the current lease in place");
        await current!.ReleaseAsync();
    }

    [Test]
    public async Task A_holder_whose_lease_lapsed_cannot_overwrite_the_rotation_the_next_holder_stored()
    {
        var late = await OpenAsync(TimeSpan.FromMilliseconds(200));
        var next = await OpenAsync(TimeSpan.FromSeconds(30));
        await late.SaveAsync(First);

        var slow = await late.AcquireRefreshLeaseAsync();
        var basis = await late.LoadAsync();
        var current = await next.AcquireRefreshLeaseAsync();
        Assert.That(await current!.ReplaceAsync((await next.LoadAsync())!, Second), Is.True);
        await current.ReleaseAsync();
        var stale = await slow!.ReplaceAsync(basis!, new StoredSession("access-1b", "refresh-1b", DateTimeOffset.UnixEpoch, null, null));

        Assert.That(stale, Is.False);
        Assert.That((await next.LoadAsync())!.RefreshToken, Is.EqualTo("refresh-2"));
    }

    [Test]
    public async Task An_extended_lease_outlives_its_original_duration()
    {
        var holder = await OpenAsync(TimeSpan.FromSeconds(2));
        var redis = await DatabaseAsync();

        var lease = await holder.AcquireRefreshLeaseAsync();
        var token = await redis.StringGetAsync(holder.LeaseKey);
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var extended = await lease!.TryExtendAsync();
        await Task.Delay(TimeSpan.FromSeconds(1.2)); // 2.4 s after it was granted: past its original 2 s

        Assert.That(extended, Is.True);
        Assert.That(await redis.StringGetAsync(holder.LeaseKey), Is.EqualTo(token), "still this holder's lease");
        Assert.That(await redis.KeyTimeToLiveAsync(holder.LeaseKey), Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromSeconds(2)));
        await lease.ReleaseAsync();
        Assert.That(await lease.TryExtendAsync(), Is.False, "released: nothing to extend");
        Assert.That(await redis.KeyExistsAsync(holder.LeaseKey), Is.False, "an extension after release does not bring the key back");
    }

    [Test]
    public async Task A_holder_whose_lease_lapsed_and_was_taken_cannot_extend_it_and_leaves_the_next_holders_lease_alone()
    {
        var late = await OpenAsync(TimeSpan.FromMilliseconds(200));
        var next = await OpenAsync(TimeSpan.FromSeconds(30));
        var redis = await DatabaseAsync();

        var lapsed = await late.AcquireRefreshLeaseAsync();
        var current = await next.AcquireRefreshLeaseAsync(); // taken once the first lapsed
        var token = await redis.StringGetAsync(next.LeaseKey);
        var extended = await lapsed!.TryExtendAsync();

        Assert.That(current, Is.Not.Null);
        Assert.That(extended, Is.False);
        Assert.That(await redis.StringGetAsync(next.LeaseKey), Is.EqualTo(token), "the next holder's lease");
        Assert.That(await redis.KeyTimeToLiveAsync(next.LeaseKey), Is.GreaterThan(TimeSpan.FromSeconds(20)), "its own time to live, not the late holder's 200 ms");
        await current!.ReleaseAsync();
    }

    [Test]
    public async Task A_holder_whose_lease_lapsed_unclaimed_cannot_extend_it_back_into_existence()
    {
        var late = await OpenAsync(TimeSpan.FromMilliseconds(100));
        var redis = await DatabaseAsync();

        var lapsed = await late.AcquireRefreshLeaseAsync();
        while (await redis.KeyExistsAsync(late.LeaseKey))
        {
            await Task.Delay(20);
        }

        Assert.That(await lapsed!.TryExtendAsync(), Is.False);
        Assert.That(await redis.KeyExistsAsync(late.LeaseKey), Is.False);
    }

    [Test]
    public async Task The_version_beside_the_session_is_a_fingerprint_of_the_refresh_token_not_the_token()
    {
        var store = await OpenAsync();
        var redis = await DatabaseAsync();

        await store.SaveAsync(First);
        var version = (string?)await redis.HashGetAsync(store.Key, "version");
        await store.SaveAsync(First.WithUser(new AuthUser { Email = "renamed@example.com" }));
        var sameTokens = (string?)await redis.HashGetAsync(store.Key, "version");
        await store.SaveAsync(Second);

        Assert.That(version, Does.Match("^[0-9a-f]{64}$").And.Not.Contain("refresh-1"));
        Assert.That(sameTokens, Is.EqualTo(version), "the same rotation");
        Assert.That((string?)await redis.HashGetAsync(store.Key, "version"), Is.Not.EqualTo(version));
    }
}
