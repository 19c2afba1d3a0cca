using System.Text.Json.Serialization;

namespace Cadenza.Emulator.Wire;

/// <summary>The spec's <c>BaseResponse</c>: every body, success or error, is this envelope around <c>data</c>.</summary>
internal sealed record Envelope<T>(
    bool Success,
    int Errno,
    string? Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ErrorDetails? Details,
    T? Data)
{
    public static Envelope<T> Ok(T data) => new(true, 0, null, null, data);
}

/// <summary>The spec's <c>BaseResponseDetails</c>: snake_case on the wire, unlike everything else.</summary>
internal sealed record ErrorDetails(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("request_id")] string RequestId);
