using System.Text.Json;
using Cadenza.Emulator.Wire;

namespace Cadenza.Emulator.Http;

/// <summary>Reads a JSON request body; anything that is not the expected object is a 400 envelope.</summary>
internal static class RequestBody
{
    public static async Task<T> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        if (request.ContentLength == 0)
        {
            throw ApiError.Validation("Request body is required");
        }

        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, EmulatorJson.Options, request.HttpContext.RequestAborted);
            return body ?? throw ApiError.Validation("Request body must be a JSON object");
        }
        catch (JsonException)
        {
            // The serializer's message can quote the input, which may hold a password: say only what was wrong.
            throw ApiError.Validation("Request body is not valid JSON for this operation");
        }
    }
}
