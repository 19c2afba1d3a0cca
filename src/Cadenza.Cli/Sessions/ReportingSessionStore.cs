using System;
using System.Threading;
using System.Threading.Tasks;
using Cadenza.Client;

namespace Cadenza.Cli
{
    /// <summary>
    /// The <see cref="FileSessionStore"/>, with a memory of the last failed write. The session swallows store
    /// failures (a long-running app keeps working in memory), but a CLI process ends right after the command:
    /// a login whose tokens were not saved has achieved nothing, and the user must be told.
    /// </summary>
    internal sealed class ReportingSessionStore : ICadenzaSessionStore
    {
        private readonly FileSessionStore _file;

        public ReportingSessionStore(FileSessionStore file)
        {
            _file = file;
        }

        public string Path => _file.Path;

        /// <summary>Why the stored session could not be read, if it could not.</summary>
        public string? LastProblem => _file.LastProblem;

        /// <summary>The last failed save or clear; null when every write succeeded.</summary>
        public Exception? WriteFailure { get; private set; }

        public Task<StoredSession?> LoadAsync(CancellationToken cancellationToken = default) => _file.LoadAsync(cancellationToken);

        public async Task SaveAsync(StoredSession session, CancellationToken cancellationToken = default)
        {
            try
            {
                await _file.SaveAsync(session, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                WriteFailure = ex;
                throw;
            }
        }

        public async Task ClearAsync(CancellationToken cancellationToken = default)
        {
            try
            {
                await _file.ClearAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                WriteFailure = ex;
                throw;
            }
        }
    }
}
