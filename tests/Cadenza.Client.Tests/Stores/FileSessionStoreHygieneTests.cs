using System.Runtime.Versioning;

namespace Cadenza.Client.Tests.Stores;

public class FileSessionStoreHygieneTests
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private static readonly StoredSession Stored = new("access", "refresh", DateTimeOffset.UnixEpoch, null, null);
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("cadenza-hygiene-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private string SessionFile => Path.Combine(_folder, "session.json");

    [Test]
    [Platform(Exclude = "Win")]
    [UnsupportedOSPlatform("windows")]
    public async Task Every_folder_the_store_creates_is_owner_only()
    {
        var file = Path.Combine(_folder, "a", "b", "c", "session.json");

        await new FileSessionStore(file).SaveAsync(Stored);

        Assert.Multiple(() =>
        {
            foreach (var folder in new[] { "a", Path.Combine("a", "b"), Path.Combine("a", "b", "c") })
            {
                Assert.That(File.GetUnixFileMode(Path.Combine(_folder, folder)), Is.EqualTo(OwnerOnlyFolder), folder);
            }
        });
    }

    [Test]
    public async Task Temporary_files_a_crash_left_behind_are_removed_by_the_next_save_and_nothing_else_is()
    {
        var leftover = Path.Combine(_folder, ".session.json." + Guid.NewGuid().ToString("N") + ".tmp");
        var unrelated = new[] { Path.Combine(_folder, "notes.tmp"), Path.Combine(_folder, ".session.json.backup.tmp"), Path.Combine(_folder, ".other.json." + Guid.NewGuid().ToString("N") + ".tmp") };
        await File.WriteAllTextAsync(leftover, """{ "accessToken": "a-token-from-before-the-crash" }""");
        foreach (var file in unrelated)
        {
            await File.WriteAllTextAsync(file, "keep me");
        }

        await new FileSessionStore(SessionFile).SaveAsync(Stored);

        Assert.That(File.Exists(leftover), Is.False, "the interrupted save's temporary file");
        Assert.That(unrelated.Where(File.Exists), Is.EqualTo(unrelated), "files that are not this store's");
    }

    [Test]
    public async Task A_save_that_fails_leaves_no_temporary_file_and_releases_the_lock()
    {
        // The session path is taken by a folder: the temporary file is written, the rename over it fails.
        Directory.CreateDirectory(Path.Combine(SessionFile, "in-the-way"));
        var store = new FileSessionStore(SessionFile);

        Assert.That(() => store.SaveAsync(Stored), Throws.InstanceOf<IOException>().Or.InstanceOf<UnauthorizedAccessException>());

        Assert.That(Directory.GetFiles(_folder, "*.tmp"), Is.Empty);
        var lease = await store.AcquireRefreshLeaseAsync();
        Assert.That(lease, Is.Not.Null, "the failed save gave the lock back");
        await lease!.ReleaseAsync();
    }

    [Test]
    public async Task Clearing_when_nothing_is_stored_creates_no_folder_and_no_lock_file()
    {
        var file = Path.Combine(_folder, "never", "session.json");

        await new FileSessionStore(file).ClearAsync();

        Assert.That(Directory.Exists(Path.Combine(_folder, "never")), Is.False);
    }

    [Test]
    public async Task A_file_deleted_between_two_loads_reads_as_signed_out_without_a_problem_report()
    {
        var store = new FileSessionStore(SessionFile);
        await store.SaveAsync(Stored);
        File.Delete(SessionFile);

        Assert.That(await store.LoadAsync(), Is.Null);
        Assert.That(store.LastProblem, Is.Null);
    }
}
