using System;
using System.Globalization;
using System.IO;
using Newtonsoft.Json;

namespace Cadenza.Client.Realtime.Protocol
{
    /// <summary>Writes the client's commands (the spec's <c>wsCommand</c>), one JSON object per line.</summary>
    internal static class CommandWriter
    {
        /// <summary>The answer to a server ping: an empty command.</summary>
        public const string Pong = "{}";

        public static string Connect(uint id, string token, string name, string version) => Write(id, "connect", w =>
        {
            w.WritePropertyName("token");
            w.WriteValue(token);
            w.WritePropertyName("name");
            w.WriteValue(name);
            w.WritePropertyName("version");
            w.WriteValue(version);
        });

        public static string Refresh(uint id, string token) => Write(id, "refresh", w =>
        {
            w.WritePropertyName("token");
            w.WriteValue(token);
        });

        /// <summary>A subscribe; with a position, it asks the server to recover every publication after it.</summary>
        public static string Subscribe(uint id, string channel, StreamPosition? recoverFrom) => Write(id, "subscribe", w =>
        {
            w.WritePropertyName("channel");
            w.WriteValue(channel);
            if (recoverFrom is StreamPosition position)
            {
                w.WritePropertyName("recover");
                w.WriteValue(true);
                w.WritePropertyName("offset");
                w.WriteValue(position.Offset);
                w.WritePropertyName("epoch");
                w.WriteValue(position.Epoch);
            }
        });

        public static string Unsubscribe(uint id, string channel) => Write(id, "unsubscribe", w =>
        {
            w.WritePropertyName("channel");
            w.WriteValue(channel);
        });

        /// <summary>An RPC; <paramref name="dataJson"/> is written as is (it was serialized by the caller).</summary>
        public static string Rpc(uint id, string method, string? dataJson) => Write(id, "rpc", w =>
        {
            w.WritePropertyName("method");
            w.WriteValue(method);
            if (dataJson != null)
            {
                w.WritePropertyName("data");
                w.WriteRawValue(dataJson);
            }
        });

        private static string Write(uint id, string command, Action<JsonWriter> body)
        {
            var text = new StringWriter(CultureInfo.InvariantCulture);
            using (var writer = new JsonTextWriter(text) { Formatting = Formatting.None })
            {
                writer.WriteStartObject();
                writer.WritePropertyName("id");
                writer.WriteValue(id);
                writer.WritePropertyName(command);
                writer.WriteStartObject();
                body(writer);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            return text.ToString();
        }
    }

    /// <summary>Where a subscriber is in a channel's stream: the last offset it has seen, in which epoch.</summary>
    internal readonly struct StreamPosition
    {
        public StreamPosition(long offset, string epoch)
        {
            Offset = offset;
            Epoch = epoch;
        }

        public long Offset { get; }

        public string Epoch { get; }
    }
}
