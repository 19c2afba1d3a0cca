using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cadenza.Tests.Shared.Redis;

/// <summary>
/// A real redis-server (the Debian package), started on a free loopback port with a temporary folder and no
/// persistence, and stopped on dispose. For tests and the fleet tool: nothing here ever reaches another host.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private RedisServer(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string for it.</summary>
    public string Configuration => $"127.0.0.1:{Port},abortConnect=false";

    /// <summary>The redis-server executable on PATH; null when it is not installed.</summary>
    public static string? Executable =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "redis-server")).FirstOrDefault(File.Exists);

    public static async Task<RedisServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var executable = Executable ?? throw new InvalidOperationException("redis-server is not installed (Debian: apt-get install redis-server).");
        var failures = new StringBuilder();
        // A free port can be taken by someone else before redis-server binds it: try a few.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var port = FreePort();
            var folder = Directory.CreateTempSubdirectory("cadenza-redis-").FullName;
            var process = Start(executable, port, folder);
            var output = new StringBuilder();
            var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    return;
                }

                lock (output)
                {
                    output.AppendLine(e.Data);
                }

                if (e.Data.Contains("Ready to accept connections", StringComparison.Ordinal))
                {
                    ready.TrySetResult();
                }
            };
            process.ErrorDataReceived += (_, e) =>
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var exited = process.WaitForExitAsync(cancellationToken);
            var first = await Task.WhenAny(ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(30), cancellationToken));
            if (first == ready.Task)
            {
                return new RedisServer(process, folder, port);
            }

            Stop(process);
            Directory.Delete(folder, recursive: true);
            lock (output)
            {
                failures.AppendLine($"port {port}: {(first == exited ? "exited" : "not ready within 30 s")}\n{output}");
            }
        }

        throw new InvalidOperationException($"redis-server did not start:\n{failures}");
    }

    public async ValueTask DisposeAsync()
    {
        Stop(_process);
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static Process Start(string executable, int port, string folder)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        // Loopback only, nothing written to disk, logs to standard output (read for readiness).
        foreach (var argument in new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "--dir", folder, "--save", "", "--appendonly", "no", "--daemonize", "no", "--logfile", "" })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
