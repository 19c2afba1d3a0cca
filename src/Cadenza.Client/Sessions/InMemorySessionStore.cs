using System.Threading;
using System.Threading.Tasks;

namespace Cadenza.Client
{
    /// <summary>The default store: keeps the session in memory, for the lifetime of the process.</summary>
    public sealed class InMemorySessionStore : ICadenzaSessionStore
    {
        private StoredSession? _session;

        /// <inheritdoc />
        public Task<StoredSession?> LoadAsync(CancellationToken cancellationToken = default) => Task.FromResult(Volatile.Read(ref _session));

        /// <inheritdoc />
        public Task SaveAsync(StoredSession session, CancellationToken cancellationToken = default)
        {
            Volatile.Write(ref _session, session);
            return Task.CompletedTask;
        }

        /// <inheritdoc />
        public Task ClearAsync(CancellationToken cancellationToken = default)
        {
            Volatile.Write(ref _session, null);
            return Task.CompletedTask;
        }
    }
}
