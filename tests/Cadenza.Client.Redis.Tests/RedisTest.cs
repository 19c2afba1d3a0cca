using StackExchange.Redis;

namespace Cadenza.Client.Redis.Tests;

/// <summary>A test against the real Redis, with keys of its own (a fresh prefix) and connections closed afterwards.</summary>
public abstract class RedisTest
{
    protected static Uri Server => RedisConnections.Server;

    protected RedisConnections Redis { get; } = new();

    protected string Prefix => Redis.Prefix;

    [SetUp]
    public Task StartRedisAsync() => Redis.StartAsync();

    [TearDown]
    public Task CloseConnectionsAsync() => Redis.CloseAsync();

    protected Task<RedisSessionStore> OpenAsync(TimeSpan? leaseTime = null, string account = "trader@example.com") => Redis.OpenAsync(leaseTime, account);

    protected async Task<IDatabase> DatabaseAsync() => (await Redis.ConnectAsync()).GetDatabase();
}

/// <summary>What a Redis test needs: a fresh key prefix, and connections of their own that are closed afterwards.</summary>
public sealed class RedisConnections
{
    private readonly List<ConnectionMultiplexer> _connections = [];

    public static Uri Server { get; } = new("https://cadenza-api-uat.algo724.com/");

    public string Prefix { get; private set; } = string.Empty;

    public async Task StartAsync()
    {
        await RealRedis.ServerAsync();
        Prefix = $"test:{Guid.NewGuid():N}:";
    }

    public async Task CloseAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }

        _connections.Clear();
    }

    /// <summary>A connection of its own, as another process or machine would have.</summary>
    public async Task<ConnectionMultiplexer> ConnectAsync()
    {
        var connection = await RealRedis.ConnectAsync();
        _connections.Add(connection);
        return connection;
    }

    /// <summary>A store on a connection of its own, for this test's keys.</summary>
    public async Task<RedisSessionStore> OpenAsync(TimeSpan? leaseTime = null, string account = "trader@example.com") =>
        new(new RedisSessionStoreOptions
        {
            Connection = await ConnectAsync(),
            Account = account,
            Server = Server,
            KeyPrefix = Prefix,
            LeaseTime = leaseTime ?? TimeSpan.FromSeconds(10),
        });
}
