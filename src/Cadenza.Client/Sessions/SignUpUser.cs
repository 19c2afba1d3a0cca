using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cadenza.Client
{
    /// <summary>
    /// The user of a sign-up answered without tokens (email confirmation on): GoTrue then sends the user itself as
    /// `data`, which the spec's AuthSession type keeps as unknown fields.
    /// </summary>
    internal static class SignUpUser
    {
        public static AuthUser? FromUntypedData(AuthSession data)
        {
            if (data.AdditionalProperties is null || !data.AdditionalProperties.ContainsKey("id"))
            {
                return null;
            }

            try
            {
                return JObject.FromObject(data.AdditionalProperties).ToObject<AuthUser>(JsonSerializer.Create(CadenzaJson.Settings));
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
