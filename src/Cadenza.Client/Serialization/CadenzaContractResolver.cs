using System;
using System.Runtime.Serialization;
using Newtonsoft.Json.Serialization;

namespace Cadenza.Client
{
    /// <summary>
    /// Makes an envelope that says <c>success: false</c> a failure even when it arrives with HTTP 200,
    /// without touching how the envelope types deserialize anywhere else.
    /// </summary>
    internal sealed class EnvelopeContractResolver : DefaultContractResolver
    {
        protected override JsonObjectContract CreateObjectContract(Type objectType)
        {
            var contract = base.CreateObjectContract(objectType);
            if (typeof(BaseResponse).IsAssignableFrom(objectType))
            {
                contract.OnDeserializedCallbacks.Add(RejectUnsuccessful);
            }

            return contract;
        }

        private static void RejectUnsuccessful(object value, StreamingContext context)
        {
            if (value is BaseResponse envelope && !envelope.Success)
            {
                throw new UnsuccessfulEnvelopeException(envelope);
            }
        }
    }
}
