using System;
using StackExchange.Redis;

namespace Cadenza.Client.Redis
{
    /// <summary>Where and how a <see cref="RedisSessionStore"/> keeps a session.</summary>
    public sealed class RedisSessionStoreOptions
    {
        /// <summary>
        /// The connection, which you own: the store never closes it. Share one multiplexer per process, as
        /// StackExchange.Redis advises. With dependency injection, the container's <see cref="IConnectionMultiplexer"/> when unset.
        /// </summary>
        public IConnectionMultiplexer? Connection { get; set; }

        /// <summary>The Cadenza account whose session the key holds, e.g. its email or a desk name: every process that shares the session uses the same one.</summary>
        public string? Account { get; set; }

        /// <summary>The Cadenza server the session belongs to (the session's <see cref="CadenzaSessionOptions.BaseAddress"/>); with dependency injection, the session's when unset.</summary>
        public Uri? Server { get; set; }

        /// <summary>What every key of this store starts with (default <c>cadenza:session:</c>).</summary>
        public string KeyPrefix { get; set; } = "cadenza:session:";

        /// <summary>The Redis database number; -1 (the default) is the connection's default database.</summary>
        public int Database { get; set; } = -1;

        /// <summary>
        /// How long a refresh lease lasts (default 10 s): a holder that dies blocks the others for at most this long.
        /// A live holder renews it every third of this while its refresh request is out, however slow the server;
        /// waiting for a lease gives up after twice this.
        /// </summary>
        public TimeSpan LeaseTime { get; set; } = TimeSpan.FromSeconds(10);

        internal RedisSessionStoreOptions Copy() => (RedisSessionStoreOptions)MemberwiseClone();
    }
}
