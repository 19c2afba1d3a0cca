using System;
using System.Reflection;
using System.Runtime.Serialization;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Serialization;

namespace Cadenza.Client
{
    /// <summary>
    /// The generated clients' contract resolver. It adds two things to how the generated types deserialize, and
    /// only through the clients' own settings: an envelope that reports failure is a failure even inside an HTTP 200,
    /// and an enum value the spec does not list (yet) reads as <c>Unrecognized</c> instead of failing the response.
    /// </summary>
    internal sealed class CadenzaContractResolver : DefaultContractResolver
    {
        protected override JsonObjectContract CreateObjectContract(Type objectType)
        {
            var contract = base.CreateObjectContract(objectType);
            if (typeof(BaseResponse).IsAssignableFrom(objectType))
            {
                contract.OnDeserializedCallbacks.Add(RejectUnsuccessful);
            }

            IdempotencyKeys.Attach(contract);

            if (contract.ExtensionDataSetter is { } keep)
            {
                foreach (var property in contract.Properties)
                {
                    if (property.Converter is UnrecognizedEnumConverter && property.ValueProvider is { } inner)
                    {
                        property.ValueProvider = new UnrecognizedEnumValueKeeper(inner, property.PropertyName!, keep);
                    }
                }
            }

            return contract;
        }

        protected override JsonProperty CreateProperty(MemberInfo member, MemberSerialization memberSerialization)
        {
            var property = base.CreateProperty(member, memberSerialization);
            if (property.Converter is StringEnumConverter && property.PropertyType != null && UnrecognizedEnumConverter.Handles(property.PropertyType))
            {
                property.Converter = UnrecognizedEnumConverter.KeepingValue;
            }

            if (property.ItemConverter is StringEnumConverter)
            {
                property.ItemConverter = UnrecognizedEnumConverter.ForItems;
            }

            return property;
        }

        // The spec requires only `errno` since 2026-05-09: `success: false`, or no `success` and a non-zero `errno`, is a failure.
        private static void RejectUnsuccessful(object value, StreamingContext context)
        {
            if (value is BaseResponse envelope && (envelope.Success == false || (envelope.Success is null && envelope.Errno != 0)))
            {
                throw new UnsuccessfulEnvelopeException(envelope);
            }
        }
    }
}
