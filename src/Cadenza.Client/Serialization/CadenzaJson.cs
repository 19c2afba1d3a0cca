using Newtonsoft.Json;

namespace Cadenza.Client
{
    /// <summary>The serializer settings every generated client uses.</summary>
    internal static class CadenzaJson
    {
        private static readonly EnvelopeContractResolver Resolver = new EnvelopeContractResolver();

        public static void Configure(JsonSerializerSettings settings)
        {
            settings.ContractResolver = Resolver;
            // Unknown fields (newer servers add e.g. `identities`) land in AdditionalProperties, never fail.
            settings.MissingMemberHandling = MissingMemberHandling.Ignore;
            // Date-like strings in free-form metadata stay as the server sent them: CadenzaJsonReader reads every
            // untyped value with DateParseHandling.None (not a global setting, which would slow down typed dates).
        }
    }
}
