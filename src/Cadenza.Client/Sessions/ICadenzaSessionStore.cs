using System.Threading;
using System.Threading.Tasks;

namespace Cadenza.Client
{
    /// <summary>Where a <see cref="CadenzaSession"/> keeps its tokens between runs.</summary>
    /// <remarks>
    /// Implementations must be safe to call concurrently. <see cref="LoadAsync"/> returns null for "signed out",
    /// including when what is stored cannot be read; it should report that, not throw.
    /// </remarks>
    public interface ICadenzaSessionStore
    {
        /// <summary>Reads the stored session.</summary>
        /// <param name="cancellationToken">Cancels the read.</param>
        /// <returns>The stored session, or null when there is none or it cannot be read.</returns>
        Task<StoredSession?> LoadAsync(CancellationToken cancellationToken = default);

        /// <summary>Replaces the stored session.</summary>
        /// <param name="session">The session to keep.</param>
        /// <param name="cancellationToken">Cancels the write.</param>
        /// <returns>A task that completes when the session is stored.</returns>
        Task SaveAsync(StoredSession session, CancellationToken cancellationToken = default);

        /// <summary>Forgets the stored session.</summary>
        /// <param name="cancellationToken">Cancels the removal.</param>
        /// <returns>A task that completes when nothing is stored any more.</returns>
        Task ClearAsync(CancellationToken cancellationToken = default);
    }
}
