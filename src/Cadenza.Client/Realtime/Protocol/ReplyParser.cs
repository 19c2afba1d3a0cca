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

        private static ReplyError? ReadError(LineReader reader) => ReadObject(reader, () => new ReplyError(), (error, name, r) =>
        {
            switch (name)
            {
                case "code": error.Code = checked((int)ReadLong(r)); break;
                case "message": case "reason": error.Message = Redaction.OneLine(ReadString(r), 200); break; // server text may reach a message or a log
                case "temporary": case "reconnect": error.Temporary = ReadBool(r); break;
                default: r.Skip(); break;
            }
        });

        private static Push? ReadPush(LineReader reader) => ReadObject(reader, () => new Push(), (push, name, r) =>
        {
            switch (name)
            {
                case "channel": push.Channel = ReadString(r); break;
                case "pub": push.Publication = ReadPublication(r); break;
                case "unsubscribe": push.Unsubscribe = ReadError(r); break;
                case "disconnect": push.Disconnect = ReadError(r); break;
                default: r.Skip(); break;
            }
        });

        private static PublicationData? ReadPublication(LineReader reader) => ReadObject(reader, () => new PublicationData(), (publication, name, r) =>
        {
            switch (name)
            {
                case "data": publication.Data = RawJson.Read(r); break;
                case "offset": publication.Offset = ReadLong(r); break;
                case "time": publication.Time = ReadLong(r); break;
                case "tags": publication.Tags = ReadTags(r); break;
                default: r.Skip(); break;
            }
        });

        private static ConnectResult? ReadConnect(LineReader reader) => ReadObject(reader, () => new ConnectResult(), (result, name, r) =>
        {
            switch (name)
            {
                case "client": result.Client = ReadString(r); break;
                case "version": result.Version = ReadString(r); break;
                case "expires": result.Expires = ReadBool(r); break;
                case "ttl": result.Ttl = ReadLong(r); break;
                case "ping": result.Ping = checked((int)ReadLong(r)); break;
                case "pong": result.Pong = ReadBool(r); break;
                default: r.Skip(); break;
            }
        });

        private static SubscribeResult? ReadSubscribe(LineReader reader) => ReadObject(reader, () => new SubscribeResult(), (result, name, r) =>
        {
            switch (name)
            {
                case "recoverable": result.Recoverable = ReadBool(r); break;
                case "epoch": result.Epoch = ReadString(r); break;
                case "offset": result.Offset = ReadLong(r); break;
                case "recovered": result.Recovered = ReadBool(r); break;
                case "publications": ReadPublications(r, result.Publications); break;
                default: r.Skip(); break;
            }
        });

        private static void ReadPublications(LineReader reader, List<PublicationData> publications)
        {
            Expect(reader.TokenType == JsonToken.StartArray || reader.TokenType == JsonToken.Null, reader, "publications must be an array");
            if (reader.TokenType == JsonToken.StartArray)
            {
                while (reader.Read() && reader.TokenType != JsonToken.EndArray)
                {
                    publications.Add(ReadPublication(reader) ?? throw Fail(reader, "a publication must be an object"));
                }
            }
        }

        private static RefreshResult? ReadRefresh(LineReader reader) => ReadObject(reader, () => new RefreshResult(), (result, name, r) =>
        {
            switch (name)
            {
                case "expires": result.Expires = ReadBool(r); break;
                case "ttl": result.Ttl = ReadLong(r); break;
                default: r.Skip(); break;
            }
        });

        // The RPC result's data as raw JSON; "null" when absent.
        private static string ReadRpc(LineReader reader)
        {
            var data = "null";
            ReadObject(reader, () => data, (_, name, r) =>
            {
                if (name == "data")
                {
                    data = RawJson.Read(r);
                }
                else
                {
                    r.Skip();
                }
            });
            return data;
        }

        private static Dictionary<string, string>? ReadTags(LineReader reader) =>
            ReadObject(reader, () => new Dictionary<string, string>(StringComparer.Ordinal), (tags, name, r) => tags[name] = ReadString(r));

        // Null stands for "absent" (proto3 JSON may write defaults as null); anything else must be an object.
        private static T? ReadObject<T>(LineReader reader, Func<T> create, Action<T, string, LineReader> property)
            where T : class
        {
            Expect(reader.TokenType == JsonToken.StartObject || reader.TokenType == JsonToken.Null, reader, "expected an object");
            if (reader.TokenType == JsonToken.Null)
            {
                return null;
            }

            var target = create();
            foreach (var name in Properties(reader))
            {
                property(target, name, reader);
            }

            return target;
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
