using System.Diagnostics;
using System.Runtime.Versioning;

namespace Cadenza.Client.Tests.Stores;

[Platform(Exclude = "Win")]
[UnsupportedOSPlatform("windows")]
public class FileSessionStoreLockTests
{
    private static readonly StoredSession Stored = new("access", "refresh", DateTimeOffset.UnixEpoch, null, null);
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("cadenza-lock-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private string SessionFile => Path.Combine(_folder, "session.json");

    [Test]
    public async Task A_lease_held_by_another_process_is_waited_for_and_free_the_moment_that_process_is_killed()
    {
        // util-linux flock(1) takes the same kind of lock (flock(2)) that .NET takes for FileShare.None: a real
        // other process holding the lock. --close: only flock itself holds it, not the sleep it runs.
        var flock = FindOnPath("flock") ?? throw new IgnoreException("flock (util-linux) is not installed");
        var store = new FileSessionStore(SessionFile) { LeaseTime = TimeSpan.FromMilliseconds(200) };
        await store.SaveAsync(Stored);
        using var holder = Process.Start(new ProcessStartInfo(flock) { ArgumentList = { "--exclusive", "--close", store.LockPath, "sleep", "600" } })!;
        try
        {
            await WaitUntilLockedAsync(store.LockPath, holder);

            var whileHeld = await store.AcquireRefreshLeaseAsync();
            var saveWhileHeld = Assert.ThrowsAsync<IOException>(() => store.SaveAsync(new StoredSession("a2", "r2", DateTimeOffset.UnixEpoch, null, null)));

            holder.Kill(entireProcessTree: true); // SIGKILL: no chance to unlock
            await holder.WaitForExitAsync();
            store.LeaseTime = TimeSpan.FromSeconds(30);
            var afterKill = await store.AcquireRefreshLeaseAsync();

            Assert.That(whileHeld, Is.Null, "the lease while another process holds the lock");
            Assert.That(saveWhileHeld!.Message, Does.Contain("stayed locked by another process").And.Contain(store.LockPath));
            Assert.That((await store.LoadAsync())!.RefreshToken, Is.EqualTo("refresh"), "a save that could not lock changes nothing");
            Assert.That(afterKill, Is.Not.Null, "the OS released the dead holder's lock");
            await afterKill!.ReleaseAsync();
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
    public async Task Two_stores_on_one_file_in_one_process_exclude_each_other()
    {
        var first = new FileSessionStore(SessionFile);
        var second = new FileSessionStore(SessionFile) { LeaseTime = TimeSpan.FromMilliseconds(100) };

        var held = await first.AcquireRefreshLeaseAsync();
        var meanwhile = await second.AcquireRefreshLeaseAsync();
        await held!.ReleaseAsync();
        var after = await second.AcquireRefreshLeaseAsync();

        Assert.That(meanwhile, Is.Null);
        Assert.That(after, Is.Not.Null);
        await after!.ReleaseAsync();
    }

    [Test]
    public async Task The_lock_file_is_owner_only_and_stays_after_the_lease()
    {
        var store = new FileSessionStore(SessionFile);

        var lease = await store.AcquireRefreshLeaseAsync();
        await lease!.ReleaseAsync();

        Assert.That(store.LockPath, Is.EqualTo(SessionFile + ".lock"));
        Assert.That(File.GetUnixFileMode(store.LockPath), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public void A_lease_time_out_of_range_is_refused_with_its_range()
    {
        var store = new FileSessionStore(SessionFile);

        var tooShort = Assert.Throws<ArgumentOutOfRangeException>(() => store.LeaseTime = TimeSpan.Zero);

        Assert.That(tooShort!.Message, Does.Contain("between 100 milliseconds and 1 hour"));
        Assert.That(store.LeaseTime, Is.EqualTo(TimeSpan.FromSeconds(10)));
    }

    private static async Task WaitUntilLockedAsync(string lockFile, Process holder)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            Assert.That(holder.HasExited, Is.False, "flock exited early");
            try
            {
                using (new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
                {
                }
            }
            catch (IOException)
            {
                return;
            }

            await Task.Delay(20);
        }

        Assert.Fail("flock did not take the lock within 30 s");
    }

    private static string? FindOnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, command)).FirstOrDefault(File.Exists);
}
