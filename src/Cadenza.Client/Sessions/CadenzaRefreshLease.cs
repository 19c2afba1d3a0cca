using System;
using System.Threading;
using System.Threading.Tasks;

namespace Cadenza.Client
{
    /// <summary>
    /// The exclusive right, handed out by an <see cref="ICadenzaSharedSessionStore"/>, to change the stored session:
    /// "I am refreshing this session". Release it as soon as the change is stored.
    /// </summary>
    /// <remarks>
    /// <para>A holder must finish within <see cref="Duration"/> of receiving the lease: after that the store may give it
    /// to someone else (a Redis lease expires; a file lock is released when its process dies). A holder that is late
    /// must not spend a refresh token any more.</para>
    /// <para>While holding the lease, write through it: its conditional writes compare the stored session with the
    /// one the holder started from. Sessions are told apart by their refresh token, which the server replaces on
    /// every rotation: it is the stored session's version.</para>
    /// </remarks>
    public abstract class CadenzaRefreshLease
    {
        private int _released;

        /// <summary>Creates a lease that its holder may use for <paramref name="duration"/>.</summary>
        /// <param name="duration">How long the holder may use the lease from now; more than zero.</param>
        protected CadenzaRefreshLease(TimeSpan duration)
        {
            if (duration <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(duration), duration, "A lease must last longer than zero.");
            }

            Duration = duration;
        }

        /// <summary>How long, from when it was granted, the holder may use the lease.</summary>
        public TimeSpan Duration { get; }

        /// <summary>Whether <see cref="ReleaseAsync"/> has been called.</summary>
        public bool IsReleased => Volatile.Read(ref _released) != 0;

        /// <summary>
        /// Stores <paramref name="replacement"/> only if the stored session is still <paramref name="expected"/>
        /// (the same refresh token; null: nothing stored): never over a newer rotation or another login.
        /// </summary>
        /// <param name="expected">What the holder read under this lease: the session it started from, or null when nothing was stored.</param>
        /// <param name="replacement">Its successor (a rotation, or the same tokens with another user).</param>
        /// <param name="cancellationToken">Cancels the write.</param>
        /// <returns>True when <paramref name="replacement"/> is stored; false when the stored session had moved on.</returns>
        /// <exception cref="InvalidOperationException">The lease has been released.</exception>
        public abstract Task<bool> ReplaceAsync(StoredSession? expected, StoredSession replacement, CancellationToken cancellationToken = default);

        /// <summary>Removes the stored session only if it is still <paramref name="expected"/> (the same refresh token).</summary>
        /// <param name="expected">The session the holder is ending.</param>
        /// <param name="cancellationToken">Cancels the removal.</param>
        /// <returns>True when nothing is stored afterwards because of this call; false when the stored session had moved on (or was gone).</returns>
        /// <exception cref="InvalidOperationException">The lease has been released.</exception>
        public abstract Task<bool> ClearAsync(StoredSession expected, CancellationToken cancellationToken = default);

        /// <summary>
        /// Extends the lease to <see cref="Duration"/> from now, if this holder still holds it. A session calls it while
        /// its refresh request is out, so a slow server cannot make the lease lapse and let the next holder present the
        /// same refresh token.
        /// </summary>
        /// <remarks>
        /// Never extends a lease that lapsed and was taken by someone else. The default returns false: the store cannot
        /// renew its leases, and a session then gives up its refresh request before the lease would lapse. Override it
        /// in a store whose leases expire by time (as Redis's do); a lease that cannot lapse while its holder lives
        /// (an OS file lock) returns true until released.
        /// </remarks>
        /// <param name="cancellationToken">Cancels the extension.</param>
        /// <returns>True when the lease now lasts <see cref="Duration"/> from now; false when it lapsed, was taken, was released, or cannot be extended.</returns>
        public virtual Task<bool> TryExtendAsync(CancellationToken cancellationToken = default) => Task.FromResult(false);

        /// <summary>Gives the lease back, so the next holder need not wait for it to lapse. Calling it again does nothing.</summary>
        /// <returns>A task that completes when the lease is released.</returns>
        public Task ReleaseAsync() => Interlocked.Exchange(ref _released, 1) == 0 ? ReleaseCoreAsync() : Task.CompletedTask;

        /// <summary>Whether <paramref name="stored"/> is the session <paramref name="expected"/> describes: the same refresh token, or both null.</summary>
        /// <param name="stored">What the store holds now; null when nothing.</param>
        /// <param name="expected">What the holder started from; null when nothing.</param>
        /// <returns>True when the stored session has not moved on.</returns>
        protected static bool IsSameRotation(StoredSession? stored, StoredSession? expected) =>
            stored is null || expected is null ? stored is null && expected is null : string.Equals(stored.RefreshToken, expected.RefreshToken, StringComparison.Ordinal);

        /// <summary>Throws when the lease has been released: writing without it could overwrite a newer rotation.</summary>
        protected void ThrowIfReleased()
        {
            if (IsReleased)
            {
                throw new InvalidOperationException("The refresh lease has been released: take a new one before changing the stored session.");
            }
        }

        /// <summary>Gives the lease back; called once.</summary>
        /// <returns>A task that completes when the lease is released.</returns>
        protected abstract Task ReleaseCoreAsync();
    }
}
