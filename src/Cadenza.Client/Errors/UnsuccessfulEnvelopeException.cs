using Newtonsoft.Json;

namespace Cadenza.Client
{
    /// <summary>
    /// Raised while deserializing an envelope that says <c>success: false</c>. It is a <see cref="JsonException"/>
    /// so that the generated client's own catch turns it into a <see cref="CadenzaApiException"/> with the
    /// status and headers, whatever status the server used.
    /// </summary>
    internal sealed class UnsuccessfulEnvelopeException : JsonSerializationException
    {
        public UnsuccessfulEnvelopeException(BaseResponse envelope)
            : base("The response envelope reports success: false.")
        {
            Envelope = envelope;
        }

        public BaseResponse Envelope { get; }
    }
}
