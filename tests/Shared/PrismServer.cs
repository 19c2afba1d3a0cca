using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cadenza.Tests.Shared;

/// <summary>
/// Prism (build/node_modules/@stoplight/prism-cli) mocking openapi/cadenza.yaml on a free port of 127.0.0.1, with
/// request validation and <c>--errors</c>: an invalid request gets an error status and an <c>sl-violations</c> header.
/// Static mode answers with the spec's examples (one that violates its own schema becomes a 500); dynamic mode
/// (<c>-d</c>) answers with a new random, schema-valid body on every request. Prism's <c>--seed</c> is not used:
/// it re-seeds the generator per request, so every call of an operation would get the same answer.
/// </summary>
internal sealed class PrismServer : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _log;

    private PrismServer(Process process, StringBuilder log, Uri baseAddress)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
    }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseAddress { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<PrismServer> StartAsync(string spec, bool dynamic = false)
    {
        var cli = NpmTools.Require(Path.Combine("@stoplight", "prism-cli", "dist", "index.js"));
        var port = FreePort();
        var start = new ProcessStartInfo(ChildProcess.FindOnPath("node")!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        string[] arguments = [cli, "mock", "--host", "127.0.0.1", "--port", port.ToString(), "--errors", .. dynamic ? ["--dynamic"] : Array.Empty<string>(), spec];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        ChildProcess.Configure(start.Environment, new Dictionary<string, string?> { ["NO_UPDATE_NOTIFIER"] = "1", ["NO_COLOR"] = "1" });

        var log = new StringBuilder();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var listening = $"Prism is listening on http://127.0.0.1:{port}";
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (log)
            {
                log.AppendLine(line);
            }

            if (line.Contains(listening, StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("Prism exited before it was ready."));
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new PrismServer(process, log, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await ready.Task.WaitAsync(ReadyTimeout);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            server.Dispose();
            Assert.Fail($"Prism did not start listening on 127.0.0.1:{port} within {ReadyTimeout.TotalSeconds:0} s ({e.Message}). Its output:\n{server.Log}");
        }

        return server;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
