using System.Globalization;
using System.Text;
using System.Text.Json;
using Cadenza.Emulator;

namespace Cadenza.Fleet;

/// <summary>What happened to the shared session: the workers' counts and the emulator's, over the run.</summary>
internal sealed record FleetReport
{
    public required string Store { get; init; }

    public int Workers { get; init; }

    public double Seconds { get; init; }

    public double TokenLifetimeSeconds { get; init; }

    public double ReuseIntervalSeconds { get; init; }

    public double LeaseTimeSeconds { get; init; }

    public long Calls { get; init; }

    public long CallFailures { get; init; }

    public Dictionary<string, long> FailureKinds { get; init; } = [];

    public long SessionDeaths { get; init; }

    public long Logins { get; init; }

    public long RefreshRequests { get; init; }

    public long Rotations { get; init; }

    public long ReuseDetections { get; init; }

    public long ReusesForgiven { get; init; }

    public double TokenLifetimes { get; init; }

    public double RefreshRequestsPerTokenLifetime { get; init; }

    public string? KilledLeaseHolderAt { get; init; }

    public List<string> Problems { get; init; } = [];

    /// <summary>No session died, no spent refresh token was presented, every worker reported.</summary>
    public bool Clean => SessionDeaths == 0 && ReuseDetections == 0 && ReusesForgiven == 0 && Problems.Count == 0;

    public static FleetReport From(
        string store, int workers, TimeSpan lifetime, TimeSpan reuseInterval, TimeSpan leaseTime, TimeSpan elapsed,
        IEnumerable<WorkerResult> results, CadenzaEmulatorCounters after, CadenzaEmulatorCounters before, string? killedAt, List<string> problems)
    {
        var all = results.ToList();
        // The window in which workers made calls (they start a little apart); the run's own time when none reported.
        var window = all.Count > 0 ? all.Max(r => r.EndedAt) - all.Min(r => r.StartedAt) : elapsed;
        var lifetimes = window / lifetime;
        var refreshes = after.RefreshRequests - before.RefreshRequests;
        var workerLogins = all.Sum(r => r.Logins);
        if (all.Count == workers && workerLogins != after.SessionsStarted - before.SessionsStarted)
        {
            // Every login the emulator saw must be a worker's: anything else means deaths went uncounted.
            problems.Add($"the emulator started {after.SessionsStarted - before.SessionsStarted} sessions but the workers logged in {workerLogins} times");
        }

        return new FleetReport
        {
            Store = store,
            Workers = workers,
            Seconds = Math.Round(window.TotalSeconds, 1),
            TokenLifetimeSeconds = lifetime.TotalSeconds,
            ReuseIntervalSeconds = reuseInterval.TotalSeconds,
            LeaseTimeSeconds = leaseTime.TotalSeconds,
            Calls = all.Sum(r => r.Calls),
            CallFailures = all.Sum(r => r.Failures),
            FailureKinds = all.SelectMany(r => r.FailureKinds).GroupBy(k => k.Key).ToDictionary(g => g.Key, g => g.Sum(k => k.Value)),
            SessionDeaths = all.Sum(r => r.Deaths),
            Logins = after.SessionsStarted - before.SessionsStarted,
            RefreshRequests = refreshes,
            Rotations = after.Rotations - before.Rotations,
            ReuseDetections = after.ReuseDetections - before.ReuseDetections,
            ReusesForgiven = after.ReusesForgiven - before.ReusesForgiven,
            TokenLifetimes = Math.Round(lifetimes, 1),
            RefreshRequestsPerTokenLifetime = Math.Round(refreshes / lifetimes, 2),
            KilledLeaseHolderAt = killedAt,
            Problems = problems,
        };
    }

    public string ToJson() => JsonSerializer.Serialize(this);

    public string ToText()
    {
        var text = new StringBuilder();
        void Line(string name, object value) => text.AppendLine(CultureInfo.InvariantCulture, $"  {name,-36} {value}");
        text.AppendLine(CultureInfo.InvariantCulture, $"{Workers} workers sharing one {Store} store for {Seconds} s; tokens live {TokenLifetimeSeconds} s, reuse interval {ReuseIntervalSeconds} s{(ReuseIntervalSeconds == 0 ? " (strict)" : string.Empty)}, lease {LeaseTimeSeconds} s");
        Line("calls", Calls);
        Line("call failures", CallFailures + (FailureKinds.Count > 0 ? $" ({string.Join(", ", FailureKinds.Select(k => $"{k.Key} {k.Value}"))})" : string.Empty));
        Line("session deaths", SessionDeaths);
        Line("logins after the first", Logins);
        Line("refresh requests", RefreshRequests);
        Line("  rotations", Rotations);
        Line("  reused refresh tokens (revoked)", ReuseDetections);
        Line("  reused refresh tokens (forgiven)", ReusesForgiven);
        Line("token lifetimes", TokenLifetimes);
        Line("refresh requests per token lifetime", RefreshRequestsPerTokenLifetime);
        if (KilledLeaseHolderAt != null)
        {
            Line("lease holder killed (SIGKILL) at", KilledLeaseHolderAt);
        }

        foreach (var problem in Problems)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  problem: {problem}");
        }

        return text.ToString().TrimEnd();
    }
}
