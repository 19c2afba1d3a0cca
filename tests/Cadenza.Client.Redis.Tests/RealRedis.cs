using Cadenza.Tests.Shared.Redis;
using StackExchange.Redis;

namespace Cadenza.Client.Redis.Tests;

/// <summary>
/// One real redis-server for the whole test run, started on first use and stopped at the end. Without
/// redis-server the tests that need it are skipped, with the reason, on a developer's machine; on CI
/// (CI=true), where .ci/run installs it, they fail instead.
/// </summary>
[SetUpFixture]
public sealed class RealRedis
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static RedisServer? _server;

    /// <summary>The running server; ignores or fails the calling test when there is none.</summary>
    public static async Task<RedisServer> ServerAsync()
    {
        if (RedisServer.Executable is null)
        {
            const string reason = "redis-server is not installed (Debian: apt-get install redis-server): the Redis store tests need a real server.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(reason + " On CI it must be there: .ci/run installs it.");
            }

            Assert.Ignore(reason);
        }

        await Gate.WaitAsync();
        try
        {
            return _server ??= await RedisServer.StartAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A connection of its own, as another process or machine would have.</summary>
    public static async Task<ConnectionMultiplexer> ConnectAsync() =>
        await ConnectionMultiplexer.ConnectAsync((await ServerAsync()).Configuration);

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_server != null)
        {
            await _server.DisposeAsync();
            _server = null;
        }
    }
}
