using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using Cadenza.Tests.Shared;
using Newtonsoft.Json.Linq;

namespace Cadenza.Realtime.Tests.Support;

/// <summary>
/// A Node.js script that prints one JSON event per line and takes commands on stdin. Every event is kept, so
/// a test can wait for one and later assert on all of them. Waits have a generous limit that only guards
/// against a hang; nothing here measures time.
/// </summary>
internal sealed class ScriptEvents : IAsyncDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly Channel<JObject> _events = Channel.CreateUnbounded<JObject>();
    private readonly List<JObject> _seen = [];
    private readonly StringBuilder _stderr = new();

    private ScriptEvents(Process process)
    {
        _process = process;
    }

    public IReadOnlyList<JObject> Seen => _seen;

    public static ScriptEvents Start(string script, IEnumerable<string> arguments, IDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(script)!,
        };
        // Node 20 has the WHATWG WebSocket behind this flag (Node 22 has it by default and accepts the flag).
        start.ArgumentList.Add("--experimental-websocket");
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        ChildProcess.Configure(start.Environment, environment);
        var events = new ScriptEvents(new Process { StartInfo = start });
        events._process.OutputDataReceived += (_, e) => events.OnLine(e.Data);
        events._process.ErrorDataReceived += (_, e) =>
        {
            lock (events._stderr)
            {
                events._stderr.AppendLine(e.Data);
            }
        };
        events._process.Start();
        events._process.BeginOutputReadLine();
        events._process.BeginErrorReadLine();
        return events;
    }

    /// <summary>The next event (after those already taken) that matches; fails the test on a hang or an early exit.</summary>
    public async Task<JObject> WaitForAsync(string name, Func<JObject, bool>? match = null)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        try
        {
            while (true)
            {
                var next = await _events.Reader.ReadAsync(guard.Token);
                if ((string?)next["event"] == name && (match is null || match(next)))
                {
                    return next;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            Assert.Fail($"The script never reported '{name}'. Events so far:\n{string.Join("\n", _seen)}\nstderr:\n{Stderr}");
            throw;
        }
    }

    public async Task SendAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await SendAsync("exit");
                using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(guard.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            _events.Writer.TryComplete();
            return;
        }

        if (line.StartsWith('{'))
        {
            var parsed = JObject.Parse(line);
            lock (_seen)
            {
                _seen.Add(parsed);
            }

            _events.Writer.TryWrite(parsed);
        }
    }
}
