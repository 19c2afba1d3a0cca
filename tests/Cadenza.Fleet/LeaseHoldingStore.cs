using Cadenza.Client;

namespace Cadenza.Fleet;

/// <summary>
/// The store of a worker that is to die at the worst moment: once its time has come, the first lease it gets is
/// never released — it says so on standard output and hangs until the coordinator kills it with SIGKILL.
/// </summary>
internal sealed class LeaseHoldingStore(ICadenzaSharedSessionStore inner, DateTimeOffset dieAfter) : ICadenzaSharedSessionStore
{
    public const string Signal = "HOLDING-LEASE";

    public Task<StoredSession?> LoadAsync(CancellationToken cancellationToken = default) => inner.LoadAsync(cancellationToken);

    public Task SaveAsync(StoredSession session, CancellationToken cancellationToken = default) => inner.SaveAsync(session, cancellationToken);

    public Task ClearAsync(CancellationToken cancellationToken = default) => inner.ClearAsync(cancellationToken);

    public async Task<CadenzaRefreshLease?> AcquireRefreshLeaseAsync(CancellationToken cancellationToken = default)
    {
        var lease = await inner.AcquireRefreshLeaseAsync(cancellationToken);
        if (lease != null && DateTimeOffset.UtcNow >= dieAfter)
        {
            Console.Out.WriteLine(Signal);
            Console.Out.Flush();
            await Task.Delay(Timeout.Infinite, CancellationToken.None);
        }

        return lease;
    }
}
