using System;
using Cadenza.Client;
using Cadenza.Client.Redis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection
{
    /// <summary>Keeps sessions registered with <c>AddCadenzaClient</c> in Redis.</summary>
    public static class CadenzaRedisServiceCollectionExtensions
    {
        /// <summary>
        /// Keeps the unnamed session (<c>AddCadenzaClient(…)</c>) in a <see cref="RedisSessionStore"/>. Unless set in
        /// <paramref name="configure"/>, the connection is the container's <see cref="IConnectionMultiplexer"/> and the
        /// server is the session's <see cref="CadenzaSessionOptions.BaseAddress"/>.
        /// </summary>
        /// <param name="services">The services.</param>
        /// <param name="configure">Sets the account (required), and optionally the key prefix, lease time, database and connection.</param>
        /// <returns>The services.</returns>
        public static IServiceCollection AddCadenzaRedisSessionStore(this IServiceCollection services, Action<RedisSessionStoreOptions> configure) =>
            Add(services, Options.Options.DefaultName, configure);

        /// <summary>Keeps the session named <paramref name="name"/> (<c>AddCadenzaClient(name, …)</c>) in a <see cref="RedisSessionStore"/>.</summary>
        /// <param name="services">The services.</param>
        /// <param name="name">The session's name, as given to <c>AddCadenzaClient</c>.</param>
        /// <param name="configure">Sets the account (required), and optionally the key prefix, lease time, database and connection.</param>
        /// <returns>The services.</returns>
        public static IServiceCollection AddCadenzaRedisSessionStore(this IServiceCollection services, string name, Action<RedisSessionStoreOptions> configure) =>
            Add(services, string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("A session name must not be empty.", nameof(name)) : name, configure);

        private static IServiceCollection Add(IServiceCollection services, string name, Action<RedisSessionStoreOptions> configure)
        {
            if (services is null)
            {
                throw new ArgumentNullException(nameof(services));
            }

            services.AddOptions<RedisSessionStoreOptions>(name).Configure(configure ?? throw new ArgumentNullException(nameof(configure)));
            // PostConfigure: the session's BaseAddress is final by then, whichever order the registrations came in.
            services.AddOptions<CadenzaSessionOptions>(name).PostConfigure<IServiceProvider>((session, provider) =>
            {
                var redis = provider.GetRequiredService<IOptionsMonitor<RedisSessionStoreOptions>>().Get(name);
                redis.Connection ??= provider.GetService<IConnectionMultiplexer>()
                    ?? throw new InvalidOperationException("No Redis connection for the Cadenza session store: register an IConnectionMultiplexer or set RedisSessionStoreOptions.Connection.");
                redis.Server ??= session.BaseAddress;
                var logger = (provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<RedisSessionStore>();
                session.Store = new RedisSessionStore(redis, logger);
            });
            return services;
        }
    }
}
