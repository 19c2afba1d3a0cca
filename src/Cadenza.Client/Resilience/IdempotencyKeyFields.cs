using System;
using System.Collections.Generic;

namespace Cadenza.Client
{
    /// <summary>A request type's idempotency-key properties (JSON names), and the one the SDK fills in when all are empty.</summary>
    internal sealed class IdempotencyKeyFields
    {
        public IdempotencyKeyFields(Type requestType, string fill, IReadOnlyList<string> keys)
        {
            RequestType = requestType;
            Fill = fill;
            Keys = keys;
        }

        public Type RequestType { get; }

        public string Fill { get; }

        public IReadOnlyList<string> Keys { get; }
    }
}
