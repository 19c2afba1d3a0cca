using Cadenza.Tests.Shared.Stores;

namespace Cadenza.Client.Tests.Stores;

public class InMemorySessionStoreContractTests : SharedSessionStoreContract
{
    private InMemorySessionStore _store = null!;

    [SetUp]
    public void CreateStore() => _store = new InMemorySessionStore();

    // Sessions of one process share one instance: that is the only way to share this store.
    protected override Task<ICadenzaSharedSessionStore> OpenStoreAsync() => Task.FromResult<ICadenzaSharedSessionStore>(_store);
}

public class FileSessionStoreContractTests : SharedSessionStoreContract
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("cadenza-shared-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    // A store instance of its own opens the lock file on its own, exactly as another process does.
    protected override Task<ICadenzaSharedSessionStore> OpenStoreAsync() =>
        Task.FromResult<ICadenzaSharedSessionStore>(new FileSessionStore(Path.Combine(_folder, "session.json")));
}
