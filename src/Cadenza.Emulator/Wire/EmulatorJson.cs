using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cadenza.Emulator.Wire;

/// <summary>The one set of JSON rules for everything the emulator reads and writes.</summary>
internal static class EmulatorJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // The spec's names exactly: a client that sends "Email" or "refresh_token" has a bug the emulator should expose.
        PropertyNameCaseInsensitive = false,
        // A number sent as a string ("expiresIn": "3600") is not what the spec says either.
        NumberHandling = JsonNumberHandling.Strict,
        // Nullable fields (error, phone, lastSignInAt, ...) are written as null, never left out.
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
