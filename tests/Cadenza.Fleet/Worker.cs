using System.Diagnostics;
using System.Text.Json;
using Cadenza.Client;

namespace Cadenza.Fleet;

/// <summary>
/// One worker process: restores the shared session (or logs in), then calls GetUserAsync until its time is up.
/// A death is the session signing out without being asked (the worker never logs out), counted from the session's
/// SignedOut events: a refresh rejected in the background ends the session before any call fails. After a death the
/// worker logs in again and goes on. Prints one JSON line with its counts at the end.
/// </summary>
internal static class Worker
{
    public const string PasswordVariable = "CADENZA_FLEET_PASSWORD";

    private static readonly string[] Options = [.. StoreSettings.Options, "--base-url", "--email", "--seconds", "--refresh-margin", "--pause-ms", "--die-holding-lease-after"];

    public static async Task<int> RunAsync(string[] args)
    {
        var parsed = Arguments.Parse(args, Options, []);
        var server = new Uri(parsed.Text("--base-url"));
        var email = parsed.Text("--email");
        var password = Environment.GetEnvironmentVariable(PasswordVariable) ?? throw new UsageException($"{PasswordVariable} is not set.");
        var duration = parsed.Seconds("--seconds", 10, 1, 3600);
        var pause = TimeSpan.FromMilliseconds(parsed.Number("--pause-ms", 20, 0, 10_000));
        var settings = StoreSettings.From(parsed, email, server);
        var (store, connection) = await settings.OpenAsync();
        if (parsed.Has("--die-holding-lease-after"))
        {
            store = new LeaseHoldingStore(store, DateTimeOffset.UtcNow + parsed.Seconds("--die-holding-lease-after", 0, 0, 3600));
        }

        var options = new CadenzaSessionOptions { BaseAddress = server, Store = store };
        if (parsed.Has("--refresh-margin"))
        {
            options.RefreshMargin = parsed.Seconds("--refresh-margin", 0, 0, 3600);
        }

        var result = new WorkerResult();
        using (var session = new CadenzaSession(options))
        {
            session.Changed += (_, e) =>
            {
                if (e.Change == CadenzaSessionChange.SignedOut)
                {
                    result.Died();
                }
            };

            if (!await session.RestoreAsync())
            {
                await session.LoginAsync(email, password);
                result.Logins++;
            }

            result.StartedAt = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration)
            {
                try
                {
                    await session.GetUserAsync();
                    result.Calls++;
                }
                catch (CadenzaSessionExpiredException) when (session.State == CadenzaSessionState.SignedOut)
                {
                    // Counted as a death by the SignedOut event already.
                    try
                    {
                        await session.LoginAsync(email, password);
                        result.Logins++;
                    }
                    catch (Exception ex)
                    {
                        result.Count(ex);
                    }
                }
                catch (Exception ex)
                {
                    result.Count(ex);
                }

                if (pause > TimeSpan.Zero)
                {
                    await Task.Delay(pause);
                }
            }
        }

        result.EndedAt = DateTimeOffset.UtcNow;
        if (connection != null)
        {
            await connection.DisposeAsync();
        }

        Console.Out.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }
}

internal sealed class WorkerResult
{
    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset EndedAt { get; set; }

    public long Calls { get; set; }

    public long Failures { get; set; }

    private long _deaths;

    public long Deaths { get => Interlocked.Read(ref _deaths); set => _deaths = value; }

    public long Logins { get; set; }

    public Dictionary<string, long> FailureKinds { get; set; } = [];

    public void Died() => Interlocked.Increment(ref _deaths);

    public void Count(Exception failure)
    {
        Failures++;
        FailureKinds[failure.GetType().Name] = FailureKinds.GetValueOrDefault(failure.GetType().Name) + 1;
    }
}
