using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Serialization;

namespace Cadenza.Client
{
    /// <summary>
    /// Fills in an operation's idempotency key when the caller left every key of the request empty: a fresh GUID, set on
    /// the caller's own request object just before it is serialized. The generated client serializes a request once per
    /// call and a retry resends those bytes, so every attempt of a call carries the same key; the caller reads it
    /// afterwards (to look the order up) and sends the same object again to repeat the same call, not a new one.
    /// Which types and properties: written at build time from the spec (RetryRule.cs).
    /// </summary>
    internal static partial class IdempotencyKeys
    {
        private static readonly Dictionary<Type, IdempotencyKeyFields> ByType = FromSpec().ToDictionary(f => f.RequestType);

        /// <summary>The request types whose key the SDK fills in, with their key properties.</summary>
        public static IEnumerable<IdempotencyKeyFields> All => ByType.Values;

        /// <summary>Adds the filling step to the serialization contract of a request type that has a key.</summary>
        public static void Attach(JsonObjectContract contract)
        {
            if (!ByType.TryGetValue(contract.UnderlyingType, out var fields))
            {
                return;
            }

            var keys = fields.Keys.Select(name => contract.Properties.GetClosestMatchProperty(name)).Where(p => p?.ValueProvider != null).ToList();
            var fill = contract.Properties.GetClosestMatchProperty(fields.Fill);
            if (fill?.ValueProvider is null)
            {
                return;
            }

            contract.OnSerializingCallbacks.Add((value, _) => FillWhenEmpty(value, keys!, fill));
        }

        private static void FillWhenEmpty(object request, IReadOnlyList<JsonProperty> keys, JsonProperty fill)
        {
            if (keys.All(key => string.IsNullOrWhiteSpace(key.ValueProvider!.GetValue(request) as string)))
            {
                fill.ValueProvider!.SetValue(request, Guid.NewGuid().ToString());
            }
        }

        private static partial IdempotencyKeyFields[] FromSpec();
    }
}
