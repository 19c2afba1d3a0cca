using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json;

namespace Cadenza.Client
{
    /// <summary>
    /// Keeps the session in a JSON file that only its owner can read (0600 on Unix, in 0700 folders it creates),
    /// replaced atomically (a temporary file renamed over the old one), so a crash never leaves half a file.
    /// Processes on one machine can share the file: every change happens under an operating-system lock on
    /// <see cref="LockPath"/>, which is also the refresh lease (<see cref="ICadenzaSharedSessionStore"/>).
    /// </summary>
    /// <remarks>
    /// <para>A file that cannot be read or parsed counts as "signed out": it is reported once (log warning and
    /// <see cref="LastProblem"/>), left in place for inspection, and replaced on the next sign-in.</para>
    /// <para>The lock is the lock file opened with <see cref="FileShare.None"/>; the operating system releases it when
    /// its process ends, however it ends. Leave the lock file in place: deleting it while held would let two holders
    /// in. Share a session between machines through a network store (Cadenza.Client.Redis), not a network file system.</para>
    /// </remarks>
    public sealed class FileSessionStore : ICadenzaSharedSessionStore
    {
        private static readonly JsonSerializerSettings Settings = new JsonSerializerSettings
        {
            DateParseHandling = DateParseHandling.None,
            MissingMemberHandling = MissingMemberHandling.Ignore,
            Formatting = Formatting.Indented,
        };

        private readonly ILogger _logger;

        // The file lock is per open file, not per process: tasks of this process take turns here instead of polling it.
        private readonly SemaphoreSlim _holder = new SemaphoreSlim(1, 1);
        private TimeSpan _leaseTime = SessionLeases.DefaultLeaseTime;
        private int _problemReported;

        /// <summary>Creates a store that keeps the session in <paramref name="path"/>.</summary>
        /// <param name="path">The file; its folder is created when needed.</param>
        public FileSessionStore(string path)
            : this(path, NullLogger.Instance)
        {
        }

        /// <summary>Creates a store that keeps the session in <paramref name="path"/> and reports problems to <paramref name="logger"/>.</summary>
        /// <param name="path">The file; its folder is created when needed.</param>
        /// <param name="logger">Where an unreadable file is reported.</param>
        public FileSessionStore(string path, ILogger logger)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new ArgumentException("A session file path is required.", nameof(path));
            }

            Path = System.IO.Path.GetFullPath(path);
            _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        }

        /// <summary>The full path of the session file.</summary>
        public string Path { get; }

        /// <summary>The lock file beside the session file (<see cref="Path"/> + <c>.lock</c>).</summary>
        public string LockPath => Path + ".lock";

        /// <summary>
        /// How long a lease holder may take to refresh (default 10 s). Waiting for the lock, for a lease or a save,
        /// gives up after twice this.
        /// </summary>
        public TimeSpan LeaseTime
        {
            get => _leaseTime;
            set => _leaseTime = SessionLeases.ValidLeaseTime(value);
        }

        /// <summary>Why the last load found no usable session in an existing file; null when it did not happen.</summary>
        public string? LastProblem { get; private set; }

        /// <inheritdoc />
        public async Task<StoredSession?> LoadAsync(CancellationToken cancellationToken = default)
        {
            string json;
            try
            {
                // Others may replace or delete the file while it is open: let them (Windows would refuse otherwise).
                using (var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
                using (var reader = new StreamReader(stream, Encoding.UTF8))
                {
                    json = await reader.ReadToEndAsync().ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is FileNotFoundException || ex is DirectoryNotFoundException)
            {
                return null;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return Unusable($"cannot be read ({ex.GetType().Name})");
            }

            try
            {
                return JsonConvert.DeserializeObject<StoredSession>(json, Settings) ?? Unusable("is empty");
            }
            catch (Exception ex) when (ex is JsonException || ex is ArgumentException || ex is FormatException)
            {
                // The exception's own message could quote the file's content: name only the kind of problem.
                return Unusable("is not a valid session file");
            }
        }

        /// <inheritdoc />
        /// <exception cref="IOException">Another process kept the file locked for longer than twice <see cref="LeaseTime"/>.</exception>
        public Task SaveAsync(StoredSession session, CancellationToken cancellationToken = default)
        {
            var json = Serialize(session ?? throw new ArgumentNullException(nameof(session)));
            return UnderLockAsync(json, cancellationToken);
        }

        /// <inheritdoc />
        /// <exception cref="IOException">Another process kept the file locked for longer than twice <see cref="LeaseTime"/>.</exception>
        public Task ClearAsync(CancellationToken cancellationToken = default) =>
            File.Exists(Path) ? UnderLockAsync(null, cancellationToken) : Task.CompletedTask; // nothing to clear: create no folder or lock file for it

        /// <inheritdoc />
        public async Task<CadenzaRefreshLease?> AcquireRefreshLeaseAsync(CancellationToken cancellationToken = default)
        {
            var leaseTime = LeaseTime;
            var wait = SessionLeases.Wait(leaseTime);
            var waited = Stopwatch.StartNew();
            if (!await _holder.WaitAsync(wait, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            FileStream? lockFile = null;
            try
            {
                OwnerOnlyFiles.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
                lockFile = await SessionFileLock.TryAcquireAsync(LockPath, wait - waited.Elapsed, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (lockFile is null)
                {
                    _holder.Release();
                }
            }

            return lockFile is null ? null : new Lease(this, lockFile, leaseTime);
        }

        private static string Serialize(StoredSession session) => JsonConvert.SerializeObject(session, Settings);

        private async Task UnderLockAsync(string? json, CancellationToken cancellationToken)
        {
            var lease = await AcquireRefreshLeaseAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new IOException($"The session file {Path} stayed locked by another process for {SessionLeases.Wait(LeaseTime).TotalSeconds:0.#} s ({LockPath}); nothing was changed.");
            try
            {
                await WriteLockedAsync(json).ConfigureAwait(false);
            }
            finally
            {
                await lease.ReleaseAsync().ConfigureAwait(false);
            }
        }

        // Callers hold the lock. Null removes the file.
        private async Task WriteLockedAsync(string? json)
        {
            SessionFileWriter.RemoveLeftovers(Path);
            if (json is null)
            {
                File.Delete(Path);
            }
            else
            {
                await SessionFileWriter.ReplaceAsync(Path, json).ConfigureAwait(false);
            }

            LastProblem = null;
            Interlocked.Exchange(ref _problemReported, 0);
        }

        private StoredSession? Unusable(string problem)
        {
            LastProblem = $"The session file {Path} {problem}; treating it as signed out.";
            if (Interlocked.Exchange(ref _problemReported, 1) == 0)
            {
                _logger.LogWarning("The session file {SessionFile} {Problem}; treating it as signed out", Path, problem);
            }

            return null;
        }

        private sealed class Lease : CadenzaRefreshLease
        {
            private readonly FileSessionStore _store;
            private readonly FileStream _lockFile;

            public Lease(FileSessionStore store, FileStream lockFile, TimeSpan duration)
                : base(duration)
            {
                _store = store;
                _lockFile = lockFile;
            }

            public override Task<bool> ReplaceAsync(StoredSession? expected, StoredSession replacement, CancellationToken cancellationToken = default) =>
                SwapAsync(expected, Serialize(replacement ?? throw new ArgumentNullException(nameof(replacement))), cancellationToken);

            public override Task<bool> ClearAsync(StoredSession expected, CancellationToken cancellationToken = default) =>
                SwapAsync(expected ?? throw new ArgumentNullException(nameof(expected)), null, cancellationToken);

            // The OS lock lasts as long as the process: while it is not released, it cannot have lapsed.
            public override Task<bool> TryExtendAsync(CancellationToken cancellationToken = default) => Task.FromResult(!IsReleased);

            protected override Task ReleaseCoreAsync()
            {
                _lockFile.Dispose();
                _store._holder.Release();
                return Task.CompletedTask;
            }

            private async Task<bool> SwapAsync(StoredSession? expected, string? json, CancellationToken cancellationToken)
            {
                ThrowIfReleased();
                if (!IsSameRotation(await _store.LoadAsync(cancellationToken).ConfigureAwait(false), expected))
                {
                    return false;
                }

                await _store.WriteLockedAsync(json).ConfigureAwait(false);
                return true;
            }
        }
    }
}
