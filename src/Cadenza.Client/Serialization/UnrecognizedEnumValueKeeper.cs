using Newtonsoft.Json.Serialization;

namespace Cadenza.Client
{
    /// <summary>
    /// Sets an enum property, and when its value was Unrecognized keeps the value as sent in the owner's
    /// AdditionalProperties under the property's JSON name, so a caller can still see what the server said.
    /// </summary>
    internal sealed class UnrecognizedEnumValueKeeper : IValueProvider
    {
        private readonly IValueProvider _inner;
        private readonly string _jsonName;
        private readonly ExtensionDataSetter _keep;

        public UnrecognizedEnumValueKeeper(IValueProvider inner, string jsonName, ExtensionDataSetter keep)
        {
            _inner = inner;
            _jsonName = jsonName;
            _keep = keep;
        }

        public object? GetValue(object target) => _inner.GetValue(target);

        public void SetValue(object target, object? value)
        {
            _inner.SetValue(target, value);
            // Taken whatever the value, so a value left by a property nobody kept never lands on another one.
            if (UnrecognizedEnumConverter.TakeLastUnrecognized() is { } sent && UnrecognizedEnumConverter.IsUnrecognized(value))
            {
                _keep(target, _jsonName, sent);
            }
        }
    }
}
