using Newtonsoft.Json;

namespace Cadenza.Client
{
    /// <summary>
    /// The serializer settings every generated client uses: nswag.json names <see cref="Transform"/> as the
    /// settings transformation, so a client added by a spec change gets them with no hand-written code.
    /// </summary>
    internal static class CadenzaJson
    {
        private static readonly CadenzaContractResolver Resolver = new CadenzaContractResolver();

        /// <summary>The settings the generated clients use, for the hand-written code that reads their types.</summary>
        public static JsonSerializerSettings Settings { get; } = Transform(new JsonSerializerSettings());

        public static JsonSerializerSettings Transform(JsonSerializerSettings settings)
        {
            settings.ContractResolver = Resolver;
            // Unknown fields (newer servers add e.g. `identities`) land in AdditionalProperties, never fail.
            settings.MissingMemberHandling = MissingMemberHandling.Ignore;
            // Date-like strings in free-form metadata stay as the server sent them: the generated clients read every
            // untyped value with DateParseHandling.None (CadenzaJsonReader), not by a global setting, which would also
            // send every typed date through a temporary string.
            return settings;
        }
    }
}
