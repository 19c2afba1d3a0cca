using System;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json;
using StackExchange.Redis;

namespace Cadenza.Client.Redis
{
    /// <summary>
    /// Keeps one Cadenza session in Redis, shared by every process and machine that uses the same account and
    /// server: a hash at <see cref="Key"/> holding the session and its version, and a refresh lease at <see cref="LeaseKey"/>.
    /// </summary>
    /// <remarks>
    /// <para>The lease is <c>SET NX PX</c> with a random token: it lapses by itself after
    /// <see cref="RedisSessionStoreOptions.LeaseTime"/> unless its holder extends it (a session does while its refresh
    /// request is out), and is extended or released only by the holder whose token it still holds.
    /// The session's version is the SHA-256 of its refresh token, which the server replaces on every rotation; the lease's
    /// writes compare it in a Lua script, so a late writer never overwrites a newer rotation.</para>
    /// <para>Every command goes to the primary (<see cref="CommandFlags.DemandMaster"/>): a replica could serve a session
    /// that has already been rotated. A Redis failure is thrown (the session keeps its tokens in memory and logs it);
    /// stored content that cannot be parsed reads as signed out and is reported once. Needs Redis 4 or later.</para>
    /// </remarks>
    public sealed class RedisSessionStore : ICadenzaSharedSessionStore
    {
        private const CommandFlags Primary = CommandFlags.DemandMaster;
        private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(5);
        private static readonly TimeSpan LongestRetry = TimeSpan.FromMilliseconds(50);
        private static readonly JsonSerializerSettings Settings = new JsonSerializerSettings
        {
            DateParseHandling = DateParseHandling.None,
            MissingMemberHandling = MissingMemberHandling.Ignore,
        };

        private readonly RedisSessionStoreOptions _options;
        private readonly ILogger _logger;
        private int _problemReported;

        /// <summary>Creates a store for the account and server <paramref name="options"/> name.</summary>
        /// <param name="options">Connection, account, server, key prefix and lease time; copied, so later changes do not apply.</param>
        public RedisSessionStore(RedisSessionStoreOptions options)
            : this(options, NullLogger.Instance)
        {
        }

        /// <summary>Creates a store for the account and server <paramref name="options"/> name, reporting unreadable content to <paramref name="logger"/>.</summary>
        /// <param name="options">Connection, account, server, key prefix and lease time; copied, so later changes do not apply.</param>
        /// <param name="logger">Where content that cannot be parsed is reported.</param>
        public RedisSessionStore(RedisSessionStoreOptions options, ILogger logger)
        {
            _options = Validated((options ?? throw new ArgumentNullException(nameof(options))).Copy());
            _logger = logger ?? throw new ArgumentNullException(nameof(logger));
            Key = _options.KeyPrefix + ServerName(_options.Server!) + "/" + Uri.EscapeDataString(_options.Account!);
            LeaseKey = Key + ":lease";
        }

        /// <summary>The key of the hash that holds the session: the prefix, the server's host and path, and the escaped account.</summary>
        public string Key { get; }

        /// <summary>The key of the refresh lease (<see cref="Key"/> + <c>:lease</c>).</summary>
        public string LeaseKey { get; }

        /// <summary>How long a refresh lease lasts.</summary>
        public TimeSpan LeaseTime => _options.LeaseTime;

        /// <summary>Why the last load found no usable session in the key; null when it did not happen.</summary>
        public string? LastProblem { get; private set; }

        private IDatabase Database => _options.Connection!.GetDatabase(_options.Database);

        /// <inheritdoc />
        public async Task<StoredSession?> LoadAsync(CancellationToken cancellationToken = default)
        {
            var json = await Database.HashGetAsync(Key, "session", Primary).ConfigureAwait(false);
            if (json.IsNull)
            {
                return null;
            }

            try
            {
                return JsonConvert.DeserializeObject<StoredSession>(json.ToString(), Settings) ?? Unusable("is empty");
            }
            catch (Exception ex) when (ex is JsonException || ex is ArgumentException || ex is FormatException)
            {
                // The exception's own message could quote the content: name only the kind of problem.
                return Unusable("is not a valid session");
            }
        }

        /// <inheritdoc />
        public Task SaveAsync(StoredSession session, CancellationToken cancellationToken = default)
        {
            var entries = new[]
            {
                new HashEntry("version", Version(session ?? throw new ArgumentNullException(nameof(session)))),
                new HashEntry("session", JsonConvert.SerializeObject(session, Settings)),
            };
            return Database.HashSetAsync(Key, entries, Primary);
        }

        /// <inheritdoc />
        public Task ClearAsync(CancellationToken cancellationToken = default) => Database.KeyDeleteAsync(Key, Primary);

        /// <inheritdoc />
        public async Task<CadenzaRefreshLease?> AcquireRefreshLeaseAsync(CancellationToken cancellationToken = default)
        {
            var token = Guid.NewGuid().ToString("N");
            var wait = TimeSpan.FromTicks(LeaseTime.Ticks * 2);
            var waited = Stopwatch.StartNew();
            var retry = FirstRetry;
            var random = new Random();
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (await Database.StringSetAsync(LeaseKey, token, LeaseTime, When.NotExists, Primary).ConfigureAwait(false))
                {
                    return new Lease(this, token);
                }

                var left = wait - waited.Elapsed;
                if (left <= TimeSpan.Zero)
                {
                    return null;
                }

                // Jittered, so waiters on several machines do not retry in step.
                await Task.Delay(TimeSpan.FromTicks(Math.Min(left.Ticks, (long)(retry.Ticks * (0.5 + random.NextDouble())))), cancellationToken).ConfigureAwait(false);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LongestRetry.Ticks));
            }
        }

        /// <summary>The stored session's version: the SHA-256 of its refresh token, which changes with every rotation and reveals nothing of it.</summary>
        internal static string Version(StoredSession session)
        {
            using (var sha = SHA256.Create())
            {
                var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(session.RefreshToken));
                return BitConverter.ToString(hash).Replace("-", string.Empty).ToLowerInvariant();
            }
        }

        private static string ServerName(Uri server) => (server.Authority + server.AbsolutePath.TrimEnd('/')).ToLowerInvariant();

        private static RedisSessionStoreOptions Validated(RedisSessionStoreOptions options)
        {
            string? problem =
                options.Connection is null ? "RedisSessionStoreOptions.Connection is required: the IConnectionMultiplexer to keep the session through."
                : string.IsNullOrWhiteSpace(options.Account) ? "RedisSessionStoreOptions.Account is required: name the Cadenza account the key holds (e.g. its email), the same in every process that shares it."
                : options.Server is null || !options.Server.IsAbsoluteUri ? "RedisSessionStoreOptions.Server is required: the absolute address of the Cadenza server the session belongs to."
                : options.KeyPrefix is null ? "RedisSessionStoreOptions.KeyPrefix cannot be null (it may be empty)."
                : options.Database < -1 ? "RedisSessionStoreOptions.Database must be -1 (the default database) or a database number."
                : options.LeaseTime < TimeSpan.FromMilliseconds(100) || options.LeaseTime > TimeSpan.FromHours(1) ? "RedisSessionStoreOptions.LeaseTime must be between 100 milliseconds and 1 hour."
                : null;
            return problem is null ? options : throw new ArgumentException(problem, nameof(options));
        }

        private StoredSession? Unusable(string problem)
        {
            LastProblem = $"The Redis key {Key} {problem}; treating it as signed out.";
            if (Interlocked.Exchange(ref _problemReported, 1) == 0)
            {
                _logger.LogWarning("The Redis key {SessionKey} {Problem}; treating it as signed out", Key, problem);
            }

            return null;
        }

        private sealed class Lease : CadenzaRefreshLease
        {
            private readonly RedisSessionStore _store;
            private readonly string _token;

            public Lease(RedisSessionStore store, string token)
                : base(store.LeaseTime)
            {
                _store = store;
                _token = token;
            }

            public override async Task<bool> ReplaceAsync(StoredSession? expected, StoredSession replacement, CancellationToken cancellationToken = default)
            {
                ThrowIfReleased();
                var values = new RedisValue[]
                {
                    expected is null ? string.Empty : Version(expected),
                    Version(replacement ?? throw new ArgumentNullException(nameof(replacement))),
                    JsonConvert.SerializeObject(replacement, Settings),
                };
                return (int)await _store.Database.ScriptEvaluateAsync(RedisScripts.ReplaceIfVersion, new RedisKey[] { _store.Key }, values, Primary).ConfigureAwait(false) == 1;
            }

            public override async Task<bool> ClearAsync(StoredSession expected, CancellationToken cancellationToken = default)
            {
                ThrowIfReleased();
                var values = new RedisValue[] { Version(expected ?? throw new ArgumentNullException(nameof(expected))) };
                return (int)await _store.Database.ScriptEvaluateAsync(RedisScripts.DeleteIfVersion, new RedisKey[] { _store.Key }, values, Primary).ConfigureAwait(false) == 1;
            }

            public override async Task<bool> TryExtendAsync(CancellationToken cancellationToken = default)
            {
                if (IsReleased)
                {
                    return false;
                }

                var values = new RedisValue[] { _token, (long)Duration.TotalMilliseconds };
                return (int)await _store.Database.ScriptEvaluateAsync(RedisScripts.ExtendIfHolder, new RedisKey[] { _store.LeaseKey }, values, Primary).ConfigureAwait(false) == 1;
            }

            protected override Task ReleaseCoreAsync() =>
                _store.Database.ScriptEvaluateAsync(RedisScripts.ReleaseIfHolder, new RedisKey[] { _store.LeaseKey }, new RedisValue[] { _token }, Primary);
        }
    }
}
