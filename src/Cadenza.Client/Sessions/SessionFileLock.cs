using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Cadenza.Client
{
    /// <summary>
    /// An operating-system lock on a file beside the session file: the file opened with <see cref="FileShare.None"/>
    /// (a sharing mode on Windows; <c>flock</c>, which .NET takes for it, on Unix). The operating system drops it
    /// when its process dies, however it dies: nothing to clean up, no process ids to guess about.
    /// </summary>
    internal static class SessionFileLock
    {
        private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(2);
        private static readonly TimeSpan LongestRetry = TimeSpan.FromMilliseconds(50);

        /// <summary>The open lock file (dispose it to unlock), or null when another holder kept it for all of <paramref name="wait"/>.</summary>
        public static async Task<FileStream?> TryAcquireAsync(string path, TimeSpan wait, CancellationToken cancellationToken)
        {
            var waited = Stopwatch.StartNew();
            var retry = FirstRetry;
            var random = new Random();
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    return OwnerOnlyFiles.OpenExclusive(path);
                }
                catch (IOException ex) when (IsHeldByAnother(ex))
                {
                    // Someone else holds it: try again shortly (jittered, so waiters do not retry in step).
                }

                var left = wait - waited.Elapsed;
                if (left <= TimeSpan.Zero)
                {
                    return null;
                }

                var pause = TimeSpan.FromTicks(Math.Min(left.Ticks, (long)(retry.Ticks * (0.5 + random.NextDouble()))));
                await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LongestRetry.Ticks));
            }
        }

        // Windows: ERROR_SHARING_VIOLATION or ERROR_LOCK_VIOLATION. Unix: flock's EWOULDBLOCK (11 on Linux, 35 on macOS and BSD).
        private static bool IsHeldByAnother(IOException ex) =>
            ex.GetType() == typeof(IOException) && (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
                ? ex.HResult == unchecked((int)0x80070020) || ex.HResult == unchecked((int)0x80070021)
                : ex.HResult == 11 || ex.HResult == 35);
    }
}
