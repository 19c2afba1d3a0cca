namespace Cadenza.Emulator.Tokens;

/// <summary>What happened to refresh tokens since the emulator started; read through <see cref="CadenzaEmulator.Counters"/>.</summary>
internal sealed class RefreshCounters
{
    public Counter SessionsStarted { get; } = new();

    public Counter RefreshRequests { get; } = new();

    public Counter Rotations { get; } = new();

    public Counter ReusesForgiven { get; } = new();

    public Counter ReuseDetections { get; } = new();

    public CadenzaEmulatorCounters Snapshot() => new()
    {
        SessionsStarted = SessionsStarted.Value,
        RefreshRequests = RefreshRequests.Value,
        Rotations = Rotations.Value,
        ReusesForgiven = ReusesForgiven.Value,
        ReuseDetections = ReuseDetections.Value,
    };

    internal sealed class Counter
    {
        private long _value;

        public long Value => Interlocked.Read(ref _value);

        public void Increment() => Interlocked.Increment(ref _value);
    }
}
