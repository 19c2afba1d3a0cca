namespace Cadenza.Emulator;

/// <summary>
/// What the emulator's refresh tokens went through since it started (<see cref="CadenzaEmulator.Counters"/>): how
/// many refreshes clients asked for, and how many presented a token that had already been spent.
/// </summary>
public sealed record CadenzaEmulatorCounters
{
    /// <summary>Sessions started (a login, or a sign-up answered with a session): each starts a family of refresh tokens.</summary>
    public long SessionsStarted { get; init; }

    /// <summary>Every refresh request, whatever its outcome.</summary>
    public long RefreshRequests { get; init; }

    /// <summary>Refresh tokens spent for a successor.</summary>
    public long Rotations { get; init; }

    /// <summary>Spent tokens presented again within the reuse interval: answered with the family's current token, nothing revoked.</summary>
    public long ReusesForgiven { get; init; }

    /// <summary>Spent tokens presented again outside the reuse interval: each revoked its whole family (signed every holder out).</summary>
    public long ReuseDetections { get; init; }
}
