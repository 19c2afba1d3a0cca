using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Cadenza.Fleet;

/// <summary>A worker running as a process of its own (this same program, <c>worker</c> command), its output collected.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _errors = new();
    private readonly TaskCompletionSource _holdingLease = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _lastLine;

    private WorkerProcess(int number, Process process)
    {
        Number = number;
        _process = process;
    }

    public int Number { get; }

    /// <summary>Completes when the worker says it holds the lease and will not let go (<see cref="LeaseHoldingStore"/>).</summary>
    public Task HoldingLease => _holdingLease.Task;

    public bool Killed { get; private set; }

    public static WorkerProcess Start(int number, IEnumerable<string> workerArguments, string password)
    {
        // Run as `dotnet Cadenza.Fleet.dll` or as the apphost, whichever this process is.
        var self = Environment.ProcessPath!;
        var viaDotnet = Path.GetFileNameWithoutExtension(self) == "dotnet";
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (viaDotnet)
        {
            start.ArgumentList.Add(typeof(WorkerProcess).Assembly.Location);
        }

        start.ArgumentList.Add("worker");
        foreach (var argument in workerArguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[Worker.PasswordVariable] = password;
        var worker = new WorkerProcess(number, new Process { StartInfo = start });
        worker._process.OutputDataReceived += (_, e) => worker.OnLine(e.Data);
        worker._process.ErrorDataReceived += (_, e) =>
        {
            lock (worker._errors)
            {
                worker._errors.AppendLine(e.Data);
            }
        };
        worker._process.Start();
        worker._process.BeginOutputReadLine();
        worker._process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>SIGKILL: the worker gets no chance to release anything.</summary>
    public void Kill()
    {
        Killed = true;
        _process.Kill(entireProcessTree: true);
    }

    /// <summary>The worker's counts once it has exited; null when it was killed, failed or did not finish within <paramref name="timeout"/>.</summary>
    public async Task<(WorkerResult? Result, string? Problem)> FinishAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            return (null, $"worker {Number} did not finish within {timeout.TotalSeconds:0} s");
        }

        if (Killed)
        {
            return (null, null);
        }

        var line = Volatile.Read(ref _lastLine);
        if (_process.ExitCode != 0 || line is null || !line.StartsWith('{'))
        {
            lock (_errors)
            {
                return (null, $"worker {Number} exited {_process.ExitCode}: {_errors.ToString().Trim()}");
            }
        }

        return (JsonSerializer.Deserialize<WorkerResult>(line), null);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line == LeaseHoldingStore.Signal)
        {
            _holdingLease.TrySetResult();
            return;
        }

        Volatile.Write(ref _lastLine, line);
    }
}
