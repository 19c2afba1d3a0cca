using System.Diagnostics;
using System.Globalization;
using Cadenza.Client;
using Cadenza.Emulator;
using Cadenza.Tests.Shared.Redis;

namespace Cadenza.Fleet;

/// <summary>
/// The <c>run</c> command: one emulator (strict by default), one shared store, N worker processes, then what
/// happened to the session, from the workers' counts and the emulator's.
/// </summary>
internal static class Coordinator
{
    private const string Email = "fleet@example.com";
    private static readonly string[] Options = ["--store", "--workers", "--seconds", "--token-lifetime", "--reuse-interval", "--lease-time", "--refresh-margin", "--pause-ms"];
    private static readonly string[] Flags = ["--kill-lease-holder", "--json", "--check"];

    public static async Task<int> RunAsync(string[] args)
    {
        var parsed = Arguments.Parse(args, Options, Flags);
        var kind = parsed.Text("--store", "file") is "file" or "redis" ? parsed.Text("--store", "file") : throw new UsageException("--store must be file or redis.");
        var workers = parsed.Number("--workers", 4, 1, 64);
        var duration = parsed.Seconds("--seconds", 60, 1, 3600);
        var lifetime = TimeSpan.FromSeconds(parsed.Number("--token-lifetime", 2, 1, 86_400));
        var reuseInterval = parsed.Seconds("--reuse-interval", 0, 0, 3600);
        var leaseTime = parsed.Seconds("--lease-time", 10, 0.1, 3600);
        var kill = parsed.Has("--kill-lease-holder");
        if (kill && workers < 2)
        {
            throw new UsageException("--kill-lease-holder needs at least 2 workers: one to die, one to carry on.");
        }

        var password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var folder = Directory.CreateTempSubdirectory("cadenza-fleet-").FullName;
        RedisServer? redis = null;
        try
        {
            await using var emulator = await CadenzaEmulator.StartAsync(new CadenzaEmulatorOptions
            {
                TokenLifetime = lifetime,
                RefreshTokenReuseInterval = reuseInterval,
                PasswordHashIterations = 1_000,
            });
            redis = kind == "redis" ? await RedisServer.StartAsync() : null;
            var store = new StoreSettings(kind, redis?.Configuration ?? Path.Combine(folder, "session.json"), "fleet:", Email, emulator.BaseAddress, leaseTime);
            await SignInOnceAsync(store, password);

            var before = emulator.Counters;
            var clock = Stopwatch.StartNew();
            var started = Enumerable.Range(0, workers)
                .Select(n => WorkerProcess.Start(n, WorkerArguments(parsed, store, duration, dieHoldingLease: kill && n == 0), password))
                .ToList();
            string? killedAt = null;
            if (kill)
            {
                var holding = await Task.WhenAny(started[0].HoldingLease, Task.Delay(duration + TimeSpan.FromSeconds(10)));
                if (holding == started[0].HoldingLease)
                {
                    started[0].Kill();
                    killedAt = clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
                }
            }

            var finished = await Task.WhenAll(started.Select(w => w.FinishAsync(duration + TimeSpan.FromSeconds(60))));
            var elapsed = clock.Elapsed;
            started.ForEach(w => w.Dispose());
            var problems = finished.Select(f => f.Problem).OfType<string>().ToList();
            if (kill && killedAt is null)
            {
                problems.Add("worker 0 never held the lease, so it could not be killed holding it");
            }

            var report = FleetReport.From(kind, workers, lifetime, reuseInterval, leaseTime, elapsed, finished.Select(f => f.Result).OfType<WorkerResult>(), emulator.Counters, before, killedAt, problems);
            Console.Out.WriteLine(parsed.Has("--json") ? report.ToJson() : report.ToText());
            return problems.Count > 0 || (parsed.Has("--check") && !report.Clean) ? 1 : 0;
        }
        finally
        {
            if (redis != null)
            {
                await redis.DisposeAsync();
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    // The account exists and the store holds its session before any worker starts, as for a service deployed after a login.
    private static async Task SignInOnceAsync(StoreSettings settings, string password)
    {
        var (store, connection) = await settings.OpenAsync();
        using (var session = new CadenzaSession(new CadenzaSessionOptions { BaseAddress = settings.Server, Store = store }))
        {
            await session.SignUpAsync(Email, password);
            await session.LoginAsync(Email, password);
        }

        if (connection != null)
        {
            await connection.DisposeAsync();
        }
    }

    private static List<string> WorkerArguments(Arguments parsed, StoreSettings store, TimeSpan duration, bool dieHoldingLease)
    {
        var arguments = new List<string>(store.ToArguments())
        {
            "--base-url", store.Server.AbsoluteUri,
            "--email", Email,
            "--seconds", duration.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            "--pause-ms", parsed.Number("--pause-ms", 20, 0, 10_000).ToString(CultureInfo.InvariantCulture),
        };
        if (parsed.Has("--refresh-margin"))
        {
            arguments.AddRange(["--refresh-margin", parsed.Text("--refresh-margin")]);
        }

        if (dieHoldingLease)
        {
            // A third of the way in: the fleet is in its stride, and the others have time to show they carry on.
            arguments.AddRange(["--die-holding-lease-after", (duration.TotalSeconds / 3).ToString(CultureInfo.InvariantCulture)]);
        }

        return arguments;
    }
}
