namespace Cadenza.Emulator.Tests.Support;

/// <summary>The system clock until told to fail: a way to make the emulator hit an unexpected exception.</summary>
public sealed class FailingClock : TimeProvider
{
    public const string Secret = "internal detail that must not reach a client";

    public bool Fail { get; set; }

    public override DateTimeOffset GetUtcNow() => Fail ? throw new InvalidOperationException(Secret) : base.GetUtcNow();
}
