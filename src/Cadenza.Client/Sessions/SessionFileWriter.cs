using System;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace Cadenza.Client
{
    /// <summary>
    /// Replaces a session file atomically: the content goes to an owner-only temporary file beside it, which is
    /// flushed to disk and renamed over the old one, so a reader or a crash sees the old file or the new, never half.
    /// Callers hold the session file's lock, so no one else is writing a temporary file at the same time.
    /// </summary>
    internal static class SessionFileWriter
    {
        private const string TemporarySuffix = ".tmp";

        public static async Task ReplaceAsync(string path, string content)
        {
            var temporary = Path.Combine(Path.GetDirectoryName(path)!, TemporaryPrefix(path) + Guid.NewGuid().ToString("N") + TemporarySuffix);
            try
            {
                using (var stream = OwnerOnlyFiles.CreateNew(temporary))
                using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
                {
                    await writer.WriteAsync(content).ConfigureAwait(false);
                    await writer.FlushAsync().ConfigureAwait(false);
                    stream.Flush(flushToDisk: true);
                }

                OwnerOnlyFiles.Replace(temporary, path);
            }
            finally
            {
                TryDelete(temporary);
            }
        }

        /// <summary>Deletes the temporary files of saves that a crash or a power cut interrupted: they hold tokens.</summary>
        public static void RemoveLeftovers(string path)
        {
            var folder = Path.GetDirectoryName(path)!;
            if (!Directory.Exists(folder))
            {
                return;
            }

            var prefix = TemporaryPrefix(path);
            var ours = new Regex("^" + Regex.Escape(prefix) + "[0-9a-f]{32}" + Regex.Escape(TemporarySuffix) + "$", RegexOptions.CultureInvariant);
            foreach (var leftover in Directory.EnumerateFiles(folder, "*" + TemporarySuffix))
            {
                if (ours.IsMatch(Path.GetFileName(leftover)))
                {
                    TryDelete(leftover);
                }
            }
        }

        private static string TemporaryPrefix(string path) => "." + Path.GetFileName(path) + ".";

        private static void TryDelete(string file)
        {
            try
            {
                File.Delete(file);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // Left for the next save's RemoveLeftovers; the failure that brought us here matters more.
            }
        }
    }
}
