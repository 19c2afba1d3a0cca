using Cadenza.Client;
using Cadenza.Client.Redis;
using StackExchange.Redis;

namespace Cadenza.Fleet;

/// <summary>Which store the fleet shares, as the coordinator hands it to each worker on its command line.</summary>
internal sealed record StoreSettings(string Kind, string Location, string KeyPrefix, string Account, Uri Server, TimeSpan LeaseTime)
{
    public static readonly string[] Options = ["--store", "--location", "--prefix", "--lease-time"];

    public IEnumerable<string> ToArguments() =>
        ["--store", Kind, "--location", Location, "--prefix", KeyPrefix, "--lease-time", LeaseTime.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)];

    public static StoreSettings From(Arguments args, string account, Uri server) => new(
        args.Text("--store") is "file" or "redis" ? args.Text("--store") : throw new UsageException("--store must be file or redis."),
        args.Text("--location"),
        args.Text("--prefix", "fleet:"),
        account,
        server,
        args.Seconds("--lease-time", 10, 0.1, 3600));

    /// <summary>A store of this process's own (its own file handle or Redis connection); dispose the connection afterwards.</summary>
    public async Task<(ICadenzaSharedSessionStore Store, IAsyncDisposable? Connection)> OpenAsync()
    {
        if (Kind == "file")
        {
            return (new FileSessionStore(Location) { LeaseTime = LeaseTime }, null);
        }

        var redis = await ConnectionMultiplexer.ConnectAsync(Location);
        var store = new RedisSessionStore(new RedisSessionStoreOptions { Connection = redis, Account = Account, Server = Server, KeyPrefix = KeyPrefix, LeaseTime = LeaseTime });
        return (store, redis);
    }
}
