using System.Threading;
using System.Threading.Tasks;

namespace Cadenza.Client
{
    /// <summary>
    /// A session store that several <see cref="CadenzaSession"/> instances — in this process, in other processes or
    /// on other machines — can share without ever presenting a spent refresh token.
    /// </summary>
    /// <remarks>
    /// <para>Refresh tokens are single-use: presenting one twice revokes the whole session at the server. A shared
    /// store therefore hands out a <see cref="CadenzaRefreshLease"/>, the exclusive right to change the stored
    /// session. A session refreshes only under the lease: it re-reads the store, adopts a session that another
    /// holder rotated meanwhile, and only spends its refresh token when the stored one is still its own.</para>
    /// <para>What every implementation guarantees:</para>
    /// <list type="bullet">
    /// <item>At most one lease on a stored session is held at a time, by anyone sharing the store.</item>
    /// <item>A lease ends when its holder releases it, and by itself when its holder dies: a crashed process blocks
    /// the others for at most <see cref="CadenzaRefreshLease.Duration"/>.</item>
    /// <item><see cref="ICadenzaSessionStore.LoadAsync"/> reads the latest stored session, never a cached copy:
    /// whatever a holder wrote before releasing its lease is what the next holder loads.</item>
    /// <item>The lease's conditional writes (<see cref="CadenzaRefreshLease.ReplaceAsync"/>,
    /// <see cref="CadenzaRefreshLease.ClearAsync"/>) change the stored session only while it is still the one the
    /// caller started from, so a slow writer never overwrites a newer rotation.</item>
    /// </list>
    /// <para>The interface is optional: a store that does not implement it is used as before, and is safe only for
    /// one session at a time.</para>
    /// </remarks>
    public interface ICadenzaSharedSessionStore : ICadenzaSessionStore
    {
        /// <summary>
        /// Takes the lease on the stored session, waiting for the current holder (a bounded time, set by the store:
        /// long enough for a crashed holder's lease to lapse and the next holder to finish).
        /// </summary>
        /// <param name="cancellationToken">Stops waiting.</param>
        /// <returns>The lease, which the caller must release; null when it could not be had within the store's wait.</returns>
        Task<CadenzaRefreshLease?> AcquireRefreshLeaseAsync(CancellationToken cancellationToken = default);
    }
}
