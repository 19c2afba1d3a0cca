using System;
using System.Collections.Generic;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cadenza.Client
{
    /// <summary>One publication on a channel (the spec's <c>wsPublication</c>), its payload kept as the JSON the server sent.</summary>
    public sealed class CadenzaPublication
    {
        private static readonly JsonSerializer Serializer = CreateSerializer();

        internal CadenzaPublication(string channel, long offset, DateTimeOffset? time, string dataJson, IReadOnlyDictionary<string, string>? tags)
        {
            Channel = channel;
            Offset = offset;
            Time = time;
            DataJson = dataJson;
            Tags = tags ?? EmptyTags;
        }

        private static IReadOnlyDictionary<string, string> EmptyTags { get; } = new Dictionary<string, string>();

        /// <summary>The channel it was published on.</summary>
        public string Channel { get; }

        /// <summary>Its position in the channel's stream (increasing by one per publication); 0 when the channel has no stream positions.</summary>
        public long Offset { get; }

        /// <summary>When it was published, when the server said.</summary>
        public DateTimeOffset? Time { get; }

        /// <summary>The payload (<c>data</c>), exactly as the server sent it.</summary>
        public string DataJson { get; }

        /// <summary>The publication's tags; empty when it has none.</summary>
        public IReadOnlyDictionary<string, string> Tags { get; }

        /// <summary>The payload as a JSON tree.</summary>
        /// <returns>The parsed payload.</returns>
        public JToken GetData() => GetData<JToken>();

        /// <summary>The payload deserialized as <typeparamref name="T"/> (with the same JSON settings as the REST clients).</summary>
        /// <typeparam name="T">The payload's type, e.g. a generated model.</typeparam>
        /// <returns>The payload.</returns>
        /// <exception cref="CadenzaRealtimeException">The payload does not fit <typeparamref name="T"/>.</exception>
        public T GetData<T>()
        {
            try
            {
                using var reader = new JsonTextReader(new System.IO.StringReader(DataJson)) { DateParseHandling = DateParseHandling.None };
                return Serializer.Deserialize<T>(reader)!;
            }
            catch (JsonException ex)
            {
                throw new CadenzaRealtimeException($"A publication on {Channel} (offset {Offset}) is not a valid {typeof(T).Name}: {ex.Message}", 0, isTemporary: false, ex);
            }
        }

        /// <summary>Channel and offset; never the payload.</summary>
        /// <returns>A short description.</returns>
        public override string ToString() => $"{Channel} #{Offset}";

        private static JsonSerializer CreateSerializer()
        {
            // Date-like strings inside open payloads stay as sent; typed dates still parse from them.
            var settings = CadenzaJson.Transform(new JsonSerializerSettings { DateParseHandling = DateParseHandling.None });
            return JsonSerializer.Create(settings);
        }
    }
}
