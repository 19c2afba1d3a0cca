using StackExchange.Redis;

namespace Cadenza.Client.Redis.Tests;

/// <summary>Option checks need no server: the connection is never used before a store is created.</summary>
public class RedisSessionStoreOptionsTests
{
    private static RedisSessionStoreOptions Valid() =>
        new() { Connection = System.Reflection.DispatchProxy.Create<IConnectionMultiplexer, RefusingProxy>(), Account = "trader@example.com", Server = new Uri("https://cadenza-api-uat.algo724.com/") };

    [Test]
    public void Missing_account_is_refused_with_what_to_put_there()
    {
        var options = Valid();
        options.Account = " ";

        Assert.That(() => new RedisSessionStore(options), Throws.ArgumentException.With.Message.Contains("RedisSessionStoreOptions.Account is required"));
    }

    [Test]
    public void Missing_server_is_refused()
    {
        var options = Valid();
        options.Server = null;

        Assert.That(() => new RedisSessionStore(options), Throws.ArgumentException.With.Message.Contains("RedisSessionStoreOptions.Server is required"));
    }

    [Test]
    public void Missing_connection_is_refused()
    {
        var options = Valid();
        options.Connection = null;

        Assert.That(() => new RedisSessionStore(options), Throws.ArgumentException.With.Message.Contains("RedisSessionStoreOptions.Connection is required"));
    }

    [TestCase(0)]
    [TestCase(99)]
    [TestCase(3_600_001)]
    public void A_lease_time_out_of_range_is_refused(int milliseconds)
    {
        var options = Valid();
        options.LeaseTime = TimeSpan.FromMilliseconds(milliseconds);

        Assert.That(() => new RedisSessionStore(options), Throws.ArgumentException.With.Message.Contains("between 100 milliseconds and 1 hour"));
    }

    [Test]
    public void The_defaults_are_the_documented_ones()
    {
        var options = new RedisSessionStoreOptions();

        Assert.That(options.KeyPrefix, Is.EqualTo("cadenza:session:"));
        Assert.That(options.LeaseTime, Is.EqualTo(TimeSpan.FromSeconds(10)));
        Assert.That(options.Database, Is.EqualTo(-1));
    }

    public class RefusingProxy : System.Reflection.DispatchProxy
    {
        protected override object? Invoke(System.Reflection.MethodInfo? targetMethod, object?[]? args) =>
            throw new InvalidOperationException($"{targetMethod?.Name} was called on a connection that must not be used");
    }
}
