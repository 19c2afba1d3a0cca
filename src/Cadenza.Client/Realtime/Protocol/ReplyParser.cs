using System;
using System.Collections.Generic;
using System.Globalization;
using Newtonsoft.Json;

namespace Cadenza.Client.Realtime.Protocol
{
    /// <summary>
    /// Reads the server's lines (Centrifugo JSON protocol) with a streaming reader: no DOM per message, and a
    /// publication's <c>data</c> is cut out of the line as the raw JSON the server sent, to be decoded later by the
    /// consumer that wants it. Anything that is not a well-formed reply throws <see cref="JsonException"/>.
    /// </summary>
    internal static class ReplyParser
    {
        public static Reply Parse(string text, int start, int length)
        {
            try
            {
                return ParseCore(text, start, length);
            }
            catch (Exception ex) when (ex is OverflowException || ex is InvalidCastException || ex is FormatException)
            {
                // A number out of range (an id above uint, an offset above long): still "not a reply we can trust".
                throw new JsonReaderException("Not a Centrifugo reply: " + ex.Message, ex);
            }
        }

        private static Reply ParseCore(string text, int start, int length)
        {
            using var reader = new LineReader(text, start, length);
            Expect(reader.Read() && reader.TokenType == JsonToken.StartObject, reader, "a reply must be a JSON object");
            var reply = new Reply();
            foreach (var property in Properties(reader))
            {
                switch (property)
                {
                    case "id": reply.Id = checked((uint)ReadLong(reader)); break;
                    case "error": reply.Error = ReadError(reader); break;
                    case "push": reply.Push = ReadPush(reader); break;
                    case "connect": reply.Connect = ReadConnect(reader); break;
                    case "subscribe": reply.Subscribe = ReadSubscribe(reader); break;
                    case "refresh": reply.Refresh = ReadRefresh(reader); break;
                    case "rpc": reply.RpcData = ReadRpc(reader); break;
                    default: reader.Skip(); break;
                }
            }

            Expect(!reader.Read(), reader, "one reply per line");
            return reply;
        }

        /// <summary>The property names of the object the reader is on, each with the reader moved onto its value.</summary>
        private static IEnumerable<string> Properties(LineReader reader)
        {
            while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
            {
                var name = (string)reader.Value!;
                Expect(reader.Read(), reader, "a property without a value");
                yield return name;
            }

            Expect(reader.TokenType == JsonToken.EndObject, reader, "an unterminated object");
        }

        private static ReplyError? ReadError(LineReader reader)
        {
            if (!IsObject(reader))
            {
                return null;
            }

            var error = new ReplyError();
            foreach (var property in Properties(reader))
            {
                switch (property)
                {
                    case "code": error.Code = checked((int)ReadLong(reader)); break;
                    case "message": case "reason": error.Message = ReadString(reader); break;
                    case "temporary": error.Temporary = ReadBool(reader); break;
                    case "reconnect": error.Temporary = ReadBool(reader); break;
                    default: reader.Skip(); break;
                }
            }

            return error;
        }

        private static Push? ReadPush(LineReader reader)
        {
            if (!IsObject(reader))
            {
                return null;
            }

            var push = new Push();
            foreach (var property in Properties(reader))
            {
                switch (property)
                {
                    case "channel": push.Channel = ReadString(reader); break;
                    case "pub": push.Publication = ReadPublication(reader); break;
                    case "unsubscribe": push.Unsubscribe = ReadError(reader); break;
                    case "disconnect": push.Disconnect = ReadError(reader); break;
                    default: reader.Skip(); break;
                }
            }

            return push;
        }

        private static PublicationData? ReadPublication(LineReader reader)
        {
            if (!IsObject(reader))
            {
                return null;
            }

            var publication = new PublicationData();
            foreach (var property in Properties(reader))
            {
                switch (property)
                {
                    case "data": publication.Data = RawJson.Read(reader); break;
                    case "offset": publication.Offset = ReadLong(reader); break;
                    case "time": publication.Time = ReadLong(reader); break;
                    case "tags": publication.Tags = ReadTags(reader); break;
                    default: reader.Skip(); break;
                }
            }

            return publication;
        }

        private static ConnectResult? ReadConnect(LineReader reader)
        {
            if (!IsObject(reader))
            {
                return null;
            }

            var result = new ConnectResult();
            foreach (var property in Properties(reader))
            {
                switch (property)
                {
                    case "client": result.Client = ReadString(reader); break;
                    case "version": result.Version = ReadString(reader); break;
                    case "expires": result.Expires = ReadBool(reader); break;
                    case "ttl": result.Ttl = ReadLong(reader); break;
                    case "ping": result.Ping = checked((int)ReadLong(reader)); break;
                    case "pong": result.Pong = ReadBool(reader); break;
                    default: reader.Skip(); break;
                }
            }

            return result;
        }

        private static SubscribeResult? ReadSubscribe(LineReader reader)
        {
            if (!IsObject(reader))
            {
                return null;
            }

            var result = new SubscribeResult();
            foreach (var property in Properties(reader))
            {
                switch (property)
                {
                    case "recoverable": result.Recoverable = ReadBool(reader); break;
                    case "epoch": result.Epoch = ReadString(reader); break;
                    case "offset": result.Offset = ReadLong(reader); break;
                    case "recovered": result.Recovered = ReadBool(reader); break;
                    case "publications":
                        Expect(reader.TokenType == JsonToken.StartArray || reader.TokenType == JsonToken.Null, reader, "publications must be an array");
                        if (reader.TokenType == JsonToken.StartArray)
                        {
                            while (reader.Read() && reader.TokenType != JsonToken.EndArray)
                            {
                                result.Publications.Add(ReadPublication(reader) ?? throw Fail(reader, "a publication must be an object"));
                            }
                        }

                        break;
                    default: reader.Skip(); break;
                }
            }

            return result;
        }

        private static RefreshResult? ReadRefresh(LineReader reader)
        {
            if (!IsObject(reader))
            {
                return null;
            }

            var result = new RefreshResult();
            foreach (var property in Properties(reader))
            {
                switch (property)
                {
                    case "expires": result.Expires = ReadBool(reader); break;
                    case "ttl": result.Ttl = ReadLong(reader); break;
                    default: reader.Skip(); break;
                }
            }

            return result;
        }

        private static string? ReadRpc(LineReader reader)
        {
            if (!IsObject(reader))
            {
                return "null";
            }

            string data = "null";
            foreach (var property in Properties(reader))
            {
                if (property == "data")
                {
                    data = RawJson.Read(reader);
                }
                else
                {
                    reader.Skip();
                }
            }

            return data;
        }

        private static Dictionary<string, string>? ReadTags(LineReader reader)
        {
            if (!IsObject(reader))
            {
                return null;
            }

            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in Properties(reader))
            {
                tags[property] = ReadString(reader);
            }

            return tags;
        }

        // Null stands for "absent" (proto3 JSON may write defaults as null); anything else must be an object.
        private static bool IsObject(LineReader reader)
        {
            Expect(reader.TokenType == JsonToken.StartObject || reader.TokenType == JsonToken.Null, reader, "expected an object");
            return reader.TokenType == JsonToken.StartObject;
        }

        private static long ReadLong(LineReader reader) => reader.TokenType switch
        {
            JsonToken.Integer => Convert.ToInt64(reader.Value, CultureInfo.InvariantCulture),
            // proto3 JSON writes 64-bit integers as strings.
            JsonToken.String when long.TryParse((string)reader.Value!, NumberStyles.None, CultureInfo.InvariantCulture, out var value) => value,
            JsonToken.Null => 0,
            _ => throw Fail(reader, "expected an integer"),
        };

        private static bool ReadBool(LineReader reader) => reader.TokenType switch
        {
            JsonToken.Boolean => (bool)reader.Value!,
            JsonToken.Null => false,
            _ => throw Fail(reader, "expected true or false"),
        };

        private static string ReadString(LineReader reader) => reader.TokenType switch
        {
            JsonToken.String => (string)reader.Value!,
            JsonToken.Null => "",
            _ => throw Fail(reader, "expected a string"),
        };

        private static void Expect(bool condition, LineReader reader, string what)
        {
            if (!condition)
            {
                throw Fail(reader, what);
            }
        }

        private static JsonException Fail(LineReader reader, string what) =>
            new JsonReaderException($"Not a Centrifugo reply: {what} (at {reader.Path}, position {reader.LinePosition}).");
    }
}
