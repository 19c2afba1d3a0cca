namespace Cadenza.Emulator;

/// <summary>
/// Replaces the host's default ConsoleLifetime, which would take over Ctrl+C and SIGTERM for the whole process
/// (a test run, or the CLI hosting a demo). The emulator stops when its owner disposes it or cancels RunAsync.
/// </summary>
internal sealed class CallerOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
