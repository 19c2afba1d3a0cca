using System;
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
    /// Keeps the session in a JSON file that only its owner can read (0600 on Unix, in a 0700 folder it creates),
    /// replaced atomically (a temporary file renamed over the old one), so a crash never leaves half a file.
    /// </summary>
    /// <remarks>
    /// A file that cannot be read or parsed counts as "signed out": it is reported once (log warning and
    /// <see cref="LastProblem"/>), left in place for inspection, and replaced on the next sign-in.
    /// </remarks>
    public sealed class FileSessionStore : ICadenzaSessionStore
    {
        private static readonly JsonSerializerSettings Settings = new JsonSerializerSettings
        {
            DateParseHandling = DateParseHandling.None,
            MissingMemberHandling = MissingMemberHandling.Ignore,
            Formatting = Formatting.Indented,
        };

        private readonly ILogger _logger;
        private readonly SemaphoreSlim _writeLock = new SemaphoreSlim(1, 1);
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

        /// <summary>Why the last load found no usable session in an existing file; null when it did not happen.</summary>
        public string? LastProblem { get; private set; }

        /// <inheritdoc />
        public async Task<StoredSession?> LoadAsync(CancellationToken cancellationToken = default)
        {
            string json;
            try
            {
                if (!File.Exists(Path))
                {
                    return null;
                }

                using (var reader = new StreamReader(Path, Encoding.UTF8))
                {
                    json = await reader.ReadToEndAsync().ConfigureAwait(false);
                }
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
        public async Task SaveAsync(StoredSession session, CancellationToken cancellationToken = default)
        {
            if (session is null)
            {
                throw new ArgumentNullException(nameof(session));
            }

            var json = JsonConvert.SerializeObject(session, Settings);
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var folder = System.IO.Path.GetDirectoryName(Path)!;
                OwnerOnlyFiles.CreateDirectory(folder);
                var temporary = System.IO.Path.Combine(folder, "." + System.IO.Path.GetFileName(Path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
                try
                {
                    using (var stream = OwnerOnlyFiles.CreateNew(temporary))
                    using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
                    {
                        await writer.WriteAsync(json).ConfigureAwait(false);
                        await writer.FlushAsync().ConfigureAwait(false);
                        stream.Flush(flushToDisk: true);
                    }

                    OwnerOnlyFiles.Replace(temporary, Path);
                }
                finally
                {
                    if (File.Exists(temporary))
                    {
                        File.Delete(temporary);
                    }
                }

                LastProblem = null;
                Interlocked.Exchange(ref _problemReported, 0);
            }
            finally
            {
                _writeLock.Release();
            }
        }

        /// <inheritdoc />
        public async Task ClearAsync(CancellationToken cancellationToken = default)
        {
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (File.Exists(Path))
                {
                    File.Delete(Path);
                }

                LastProblem = null;
            }
            finally
            {
                _writeLock.Release();
            }
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
    }
}
