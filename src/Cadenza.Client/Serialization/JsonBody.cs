using Newtonsoft.Json;

namespace Cadenza.Client
{
    /// <summary>A response body read by <see cref="JsonResponseBody"/>: the value, or why there is none, and the text when a failure needs it.</summary>
    /// <typeparam name="T">The expected type.</typeparam>
    internal readonly struct JsonBody<T>
    {
        public JsonBody(T? value, string? text, JsonException? failure)
        {
            Value = value;
            Text = text;
            Failure = failure;
        }

        public T? Value { get; }

        /// <summary>The body as text: for a status outside 2xx, a null body or a failure; otherwise null.</summary>
        public string? Text { get; }

        public JsonException? Failure { get; }
    }
}
