using System;
using System.Threading;
using System.Threading.Tasks;

namespace Cadenza.Client
{
    /// <summary>
    /// The default store: keeps the session in memory, for the lifetime of the process. Several sessions in one
    /// process may share one instance: it leases refreshes like the other shared stores.
    /// </summary>
    public sealed class InMemorySessionStore : ICadenzaSharedSessionStore
    {
        private readonly object _gate = new object();
        private readonly SemaphoreSlim _lease = new SemaphoreSlim(1, 1);
        private StoredSession? _session;
        private TimeSpan _leaseTime = SessionLeases.DefaultLeaseTime;

        /// <summary>
        /// How long a lease holder may take to refresh (default 10 s). Waiting for a lease gives up after twice this.
        /// Every holder is in this process, so a lease cannot outlive its holder here.
        /// </summary>
        public TimeSpan LeaseTime
        {
            get => _leaseTime;
            set => _leaseTime = SessionLeases.ValidLeaseTime(value);
        }

        /// <inheritdoc />
        public Task<StoredSession?> LoadAsync(CancellationToken cancellationToken = default) => Task.FromResult(Volatile.Read(ref _session));

        /// <inheritdoc />
        public Task SaveAsync(StoredSession session, CancellationToken cancellationToken = default)
        {
            if (session is null)
            {
                throw new ArgumentNullException(nameof(session));
            }

            lock (_gate)
            {
                _session = session;
            }

            return Task.CompletedTask;
        }

        /// <inheritdoc />
        public Task ClearAsync(CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                _session = null;
            }

            return Task.CompletedTask;
        }

        /// <inheritdoc />
        public async Task<CadenzaRefreshLease?> AcquireRefreshLeaseAsync(CancellationToken cancellationToken = default)
        {
            var leaseTime = LeaseTime;
            return await _lease.WaitAsync(SessionLeases.Wait(leaseTime), cancellationToken).ConfigureAwait(false) ? new Lease(this, leaseTime) : null;
        }

        private sealed class Lease : CadenzaRefreshLease
        {
            private readonly InMemorySessionStore _store;

            public Lease(InMemorySessionStore store, TimeSpan duration)
                : base(duration)
            {
                _store = store;
            }

            public override Task<bool> ReplaceAsync(StoredSession? expected, StoredSession replacement, CancellationToken cancellationToken = default)
            {
                if (replacement is null)
                {
                    throw new ArgumentNullException(nameof(replacement));
                }

                return Task.FromResult(Swap(expected, replacement));
            }

            public override Task<bool> ClearAsync(StoredSession expected, CancellationToken cancellationToken = default) =>
                Task.FromResult(Swap(expected ?? throw new ArgumentNullException(nameof(expected)), null));

            // Held until released: nothing takes it away by time.
            public override Task<bool> TryExtendAsync(CancellationToken cancellationToken = default) => Task.FromResult(!IsReleased);

            protected override Task ReleaseCoreAsync()
            {
                _store._lease.Release();
                return Task.CompletedTask;
            }

            private bool Swap(StoredSession? expected, StoredSession? replacement)
            {
                ThrowIfReleased();
                lock (_store._gate)
                {
                    if (!IsSameRotation(_store._session, expected))
                    {
                        return false;
                    }

                    _store._session = replacement;
                    return true;
                }
            }
        }
    }
}
