using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Cadenza.Client
{
    /// <summary>Creates files and folders that only their owner can read: 0600 files and 0700 folders on Unix.</summary>
    internal static class OwnerOnlyFiles
    {
        private static bool IsUnix => !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>Creates <paramref name="path"/> and every missing folder above it, each 0700 on Unix.</summary>
        public static void CreateDirectory(string path)
        {
            path = Path.GetFullPath(path);
            if (Directory.Exists(path))
            {
                return;
            }

            var parent = Path.GetDirectoryName(path);
            if (parent != null)
            {
                CreateDirectory(parent);
            }
#if NET7_0_OR_GREATER
            if (!OperatingSystem.IsWindows())
            {
                // Applies the mode to the last folder only, which is why each level is created on its own.
                Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                return;
            }
#endif
            Directory.CreateDirectory(path);
            Restrict(path, Convert.ToUInt32("700", 8));
        }

        /// <summary>Opens (creating when needed, 0600) a file no one else may open until it is closed: the OS lock behind <see cref="SessionFileLock"/>.</summary>
        public static FileStream OpenExclusive(string path)
        {
#if NET7_0_OR_GREATER
            if (!OperatingSystem.IsWindows())
            {
                return new FileStream(path, new FileStreamOptions
                {
                    Mode = FileMode.OpenOrCreate,
                    Access = FileAccess.ReadWrite,
                    Share = FileShare.None,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                });
            }
#endif
            var existed = File.Exists(path);
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            if (!existed)
            {
                Restrict(path, Convert.ToUInt32("600", 8));
            }

            return stream;
        }

        public static FileStream CreateNew(string path)
        {
#if NET7_0_OR_GREATER
            if (!OperatingSystem.IsWindows())
            {
                // Created with its final mode: there is no moment at which another user could open it.
                return new FileStream(path, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    Share = FileShare.None,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                });
            }
#endif
            var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            Restrict(path, Convert.ToUInt32("600", 8));
            return stream;
        }

        public static void Replace(string source, string destination)
        {
#if NETCOREAPP3_0_OR_GREATER
            File.Move(source, destination, overwrite: true);
#else
            if (File.Exists(destination))
            {
                File.Replace(source, destination, destinationBackupFileName: null);
            }
            else
            {
                File.Move(source, destination);
            }
#endif
        }

        // For netstandard2.0 on Unix, which has no managed API for file modes; the file is still empty here.
        private static void Restrict(string path, uint mode)
        {
            if (IsUnix && chmod(path, mode) != 0)
            {
                throw new IOException($"Could not restrict the permissions of {path} (errno {Marshal.GetLastWin32Error()}).");
            }
        }

        [DllImport("libc", SetLastError = true)]
#pragma warning disable SA1300, IDE1006 // the C function's own name
        private static extern int chmod(string pathname, uint mode);
#pragma warning restore SA1300, IDE1006
    }
}
