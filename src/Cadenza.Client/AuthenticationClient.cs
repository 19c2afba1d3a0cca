using Newtonsoft.Json;

namespace Cadenza.Client
{
    /// <summary>
    /// The Authentication operations of the Cadenza API (generated from <c>openapi/cadenza.yaml</c>).
    /// Give it an <see cref="System.Net.Http.HttpClient"/> whose <c>BaseAddress</c> is the server (ending in <c>/</c>);
    /// it never disposes that client. Failures throw <see cref="CadenzaApiException"/>.
    /// </summary>
    public partial class AuthenticationClient
    {
        static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => CadenzaJson.Configure(settings);
    }
}
