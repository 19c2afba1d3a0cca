using Microsoft.Extensions.Time.Testing;

namespace Cadenza.Cli.Tests.Support;

/// <summary>Runs the real command line in-process, with its own session file, environment and standard streams.</summary>
public sealed class CliRunner : IDisposable
{
    public CliRunner()
    {
        Directory = Path.Combine(Path.GetTempPath(), "cadenza-cli-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        SessionFile = Path.Combine(Directory, "config", "session.json");
        Environment = new Dictionary<string, string?>
        {
            ["CADENZA_BASE_URL"] = FakeCadenza.BaseUrl,
            ["CADENZA_SESSION_FILE"] = SessionFile,
            // Never the real user's home, whatever a test forgets to set.
            ["HOME"] = Directory,
            ["XDG_CONFIG_HOME"] = Path.Combine(Directory, "xdg"),
        };
        Server = new FakeCadenza(Time);
    }

    public string Directory { get; }

    public string SessionFile { get; }

    public Dictionary<string, string?> Environment { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    /// <summary>The CLI's clock: <see cref="Time"/> by default; the system clock against a real server.</summary>
    public TimeProvider? Clock { get; set; }

    public FakeCadenza Server { get; }

    /// <summary>Lines answered to password prompts; null means "no terminal" (standard input redirected).</summary>
    public Queue<string>? Terminal { get; set; }

    /// <summary>Use the real network stack instead of the fake server (loopback tests only).</summary>
    public bool RealTransport { get; set; }

    /// <summary>A transport of the test's own (loopback only), instead of the fake server or the real network stack.</summary>
    public HttpMessageHandler? Transport { get; set; }

    public Task<CliResult> RunWithStdinAsync(string stdin, params string[] args) => RunCoreAsync(stdin, new StringWriter(), CancellationToken.None, args);

    /// <summary>Runs a long-lived command (the emulator) until <paramref name="stop"/>, watching its output as it comes.</summary>
    public Task<CliResult> RunWithAsync(CancellationToken stop, TextWriter output, params string[] args) => RunCoreAsync(string.Empty, output, stop, args);

    private async Task<CliResult> RunCoreAsync(string stdin, TextWriter output, CancellationToken cancellationToken, string[] args)
    {
        var error = new StringWriter();
        var prompts = new List<string>();
        Func<string, string?>? readSecret = Terminal is null ? null : prompt =>
        {
            prompts.Add(prompt);
            return Terminal.Count > 0 ? Terminal.Dequeue() : null;
        };
        var console = new CliConsole(new StringReader(stdin), output, error, isInputRedirected: Terminal is null, readSecret);
        var hooks = new CliHooks { Transport = Transport ?? (RealTransport ? null : Server.Handler), Time = Clock ?? Time, HandleTermination = false };
        var exitCode = await CadenzaCli.RunAsync(args, console, Environment, hooks, cancellationToken);
        return new CliResult(exitCode, output.ToString() ?? string.Empty, error.ToString(), prompts);
    }

    public Task<CliResult> RunAsync(params string[] args) => RunWithStdinAsync(string.Empty, args);

    public async Task LoginAsync()
    {
        var login = await RunWithStdinAsync("correct-horse-battery\n", "login", "--email", FakeCadenza.Email, "--password-stdin");
        Assert.That(login.ExitCode, Is.EqualTo(0), login.ToString());
    }

    public void Dispose()
    {
        Server.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public sealed record CliResult(int ExitCode, string Stdout, string Stderr, IReadOnlyList<string> Prompts)
{
    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}--- stderr ---\n{Stderr}";
}
