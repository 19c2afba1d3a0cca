namespace Cadenza.Emulator.Tests.Support;

/// <summary>One response as it came over the wire.</summary>
public sealed record RecordedResponse(string Method, string Path, int StatusCode, string? MediaType, string Body)
{
    public override string ToString() => $"{Method} {Path} -> {StatusCode}";
}
