using Cadenza.Tests.Shared.Stores;

namespace Cadenza.Client.Redis.Tests;

/// <summary>The shared-store contract against a real Redis, each holder on a connection of its own.</summary>
public class RedisSessionStoreContractTests : SharedSessionStoreContract
{
    private readonly RedisConnections _redis = new();

    [SetUp]
    public Task StartRedisAsync() => _redis.StartAsync();

    [TearDown]
    public Task CloseConnectionsAsync() => _redis.CloseAsync();

    protected override async Task<ICadenzaSharedSessionStore> OpenStoreAsync() => await _redis.OpenAsync();
}
