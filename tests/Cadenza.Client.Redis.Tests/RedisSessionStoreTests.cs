using StackExchange.Redis;

namespace Cadenza.Client.Redis.Tests;

public class RedisSessionStoreTests : RedisTest
{
    [Test]
    public async Task One_key_per_account_and_server_under_the_prefix()
    {
        var connection = await Redis.ConnectAsync();
        RedisSessionStore Store(string account, string server) =>
            new(new RedisSessionStoreOptions { Connection = connection, Account = account, Server = new Uri(server) });

        var uat = Store("trader@firm.com", "https://cadenza-api-uat.algo724.com/");

        Assert.That(uat.Key, Is.EqualTo("cadenza:session:cadenza-api-uat.algo724.com/trader%40firm.com"));
        Assert.That(uat.LeaseKey, Is.EqualTo(uat.Key + ":lease"));
        Assert.That(Store("trader@firm.com", "http://127.0.0.1:5005/").Key, Is.EqualTo("cadenza:session:127.0.0.1:5005/trader%40firm.com"));
        Assert.That(Store("trader@firm.com", "https://CADENZA-api-uat.algo724.com").Key, Is.EqualTo(uat.Key), "the same server, spelt otherwise");
        Assert.That(Store("desk/a", "https://proxy.test/cadenza/").Key, Is.Not.EqualTo(Store("a", "https://proxy.test/cadenza/desk/").Key), "no two accounts and servers share a key");
    }

    [Test]
    public async Task Sessions_of_different_accounts_on_one_server_do_not_mix()
    {
        var alice = await OpenAsync(account: "alice@example.com");
        var bob = await OpenAsync(account: "bob@example.com");

        await alice.SaveAsync(new StoredSession("a", "alice-refresh", DateTimeOffset.UnixEpoch, null, null));

        Assert.That(await bob.LoadAsync(), Is.Null);
        Assert.That((await alice.LoadAsync())!.RefreshToken, Is.EqualTo("alice-refresh"));
    }

    [TestCase("{ not json")]
    [TestCase("[1,2]")]
    [TestCase("""{ "accessToken": "", "refreshToken": "r" }""")]
    [TestCase("""{ "accessToken": "a\r\nX-Injected: 1", "refreshToken": "r" }""")]   // no HTTP header can carry it
    public async Task Content_that_is_not_a_session_reads_as_signed_out_is_reported_once_and_kept(string content)
    {
        using var logs = new CapturedWarnings();
        var store = new RedisSessionStore(
            new RedisSessionStoreOptions { Connection = await Redis.ConnectAsync(), Account = "trader@example.com", Server = Server, KeyPrefix = Prefix },
            logs);
        var redis = await DatabaseAsync();
        await redis.HashSetAsync(store.Key, "session", content);

        Assert.That(await store.LoadAsync(), Is.Null);
        Assert.That(await store.LoadAsync(), Is.Null);

        Assert.That(store.LastProblem, Does.Contain(store.Key).And.Contain("signed out"));
        Assert.That(logs.Count, Is.EqualTo(1));
        Assert.That((string?)await redis.HashGetAsync(store.Key, "session"), Is.EqualTo(content), "nothing stored is lost");
    }

    [Test]
    public async Task Clearing_removes_the_key()
    {
        var store = await OpenAsync();
        await store.SaveAsync(new StoredSession("a", "r", DateTimeOffset.UnixEpoch, null, null));

        await store.ClearAsync();

        Assert.That(await (await DatabaseAsync()).KeyExistsAsync(store.Key), Is.False);
    }

    [Test]
    public async Task Options_are_copied_so_changing_them_later_changes_nothing()
    {
        var options = new RedisSessionStoreOptions { Connection = await Redis.ConnectAsync(), Account = "trader@example.com", Server = Server, LeaseTime = TimeSpan.FromSeconds(3) };
        var store = new RedisSessionStore(options);

        options.Account = "someone-else@example.com";
        options.LeaseTime = TimeSpan.FromSeconds(30);

        Assert.That(store.Key, Does.EndWith("/trader%40example.com"));
        Assert.That(store.LeaseTime, Is.EqualTo(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public async Task When_Redis_cannot_be_reached_loading_throws_a_Redis_error_instead_of_reporting_signed_out()
    {
        var closedPort = (await RealRedis.ServerAsync()).Port + 1;
        var options = ConfigurationOptions.Parse($"127.0.0.1:{closedPort},abortConnect=false,connectTimeout=300,connectRetry=0");
        options.BacklogPolicy = BacklogPolicy.FailFast; // fail now rather than queue until a timeout
        await using var unreachable = await ConnectionMultiplexer.ConnectAsync(options);
        var store = new RedisSessionStore(new RedisSessionStoreOptions { Connection = unreachable, Account = "trader@example.com", Server = Server });

        Assert.That(() => store.LoadAsync(), Throws.InstanceOf<RedisException>());
    }

    private sealed class CapturedWarnings : Microsoft.Extensions.Logging.ILogger, IDisposable
    {
        private int _count;

        public int Count => _count;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == Microsoft.Extensions.Logging.LogLevel.Warning)
            {
                Interlocked.Increment(ref _count);
            }
        }

        public void Dispose()
        {
        }
    }
}
