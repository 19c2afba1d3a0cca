using System;
using System.Collections.Generic;
using System.Text;
using Newtonsoft.Json;

namespace Cadenza.Client.Realtime.Protocol
{
    /// <summary>
    /// Reads the server's lines (Centrifugo JSON protocol) straight from the received UTF-8 bytes: no DOM and no
    /// text copy of the frame; a publication's <c>data</c> is checked to be JSON and kept as the text the server
    /// sent, to be decoded later by the consumer that wants it. Anything that is not a well-formed reply throws
    /// <see cref="JsonException"/>.
    /// </summary>
    internal static class ReplyParser
    {
        public static Reply Parse(byte[] bytes, int start, int length)
        {
            var scanner = new Utf8JsonScanner(bytes, start, length);
            if (!scanner.ReadObjectStart())
            {
                throw scanner.Fail("a reply must be a JSON object");
            }

            var reply = new Reply();
            while (scanner.NextProperty(out var name))
            {
                switch (name)
                {
                    case "id": reply.Id = checked((uint)InRange(scanner, scanner.ReadLong(), uint.MaxValue)); break;
                    case "error": reply.Error = ReadError(scanner); break;
                    case "push": reply.Push = ReadPush(scanner); break;
                    case "connect": reply.Connect = ReadConnect(scanner); break;
                    case "subscribe": reply.Subscribe = ReadSubscribe(scanner); break;
                    case "refresh": reply.Refresh = ReadRefresh(scanner); break;
                    case "rpc": reply.RpcData = ReadRpc(scanner, bytes); break;
                    default: scanner.SkipValue(); break;
                }
            }

            return scanner.AtEnd ? reply : throw scanner.Fail("one reply per line");
        }

        private static ReplyError? ReadError(Utf8JsonScanner scanner) => ReadObject(scanner, () => new ReplyError(), (error, name, s) =>
        {
            switch (name)
            {
                case "code": error.Code = (int)InRange(s, s.ReadLong(), int.MaxValue); break;
                case "message": case "reason": error.Message = Redaction.OneLine(s.ReadString(), 200); break; // server text may reach a message or a log
                case "temporary": case "reconnect": error.Temporary = s.ReadBool(); break;
                default: s.SkipValue(); break;
            }
        });

        private static Push? ReadPush(Utf8JsonScanner scanner) => ReadObject(scanner, () => new Push(), (push, name, s) =>
        {
            switch (name)
            {
                case "channel": push.Channel = s.ReadString(); break;
                case "pub": push.Publication = ReadPublication(s); break;
                case "unsubscribe": push.Unsubscribe = ReadError(s); break;
                case "disconnect": push.Disconnect = ReadError(s); break;
                default: s.SkipValue(); break;
            }
        });

        private static PublicationData? ReadPublication(Utf8JsonScanner scanner) => ReadObject(scanner, () => new PublicationData(), (publication, name, s) =>
        {
            switch (name)
            {
                case "data": publication.Data = s.ReadRawValue(); break;
                case "offset": publication.Offset = s.ReadLong(); break;
                case "time": publication.Time = s.ReadLong(); break;
                case "tags": publication.Tags = ReadTags(s); break;
                default: s.SkipValue(); break;
            }
        });

        private static ConnectResult? ReadConnect(Utf8JsonScanner scanner) => ReadObject(scanner, () => new ConnectResult(), (result, name, s) =>
        {
            switch (name)
            {
                case "client": result.Client = s.ReadString(); break;
                case "version": result.Version = s.ReadString(); break;
                case "expires": result.Expires = s.ReadBool(); break;
                case "ttl": result.Ttl = s.ReadLong(); break;
                case "ping": result.Ping = (int)InRange(s, s.ReadLong(), int.MaxValue); break;
                case "pong": result.Pong = s.ReadBool(); break;
                default: s.SkipValue(); break;
            }
        });

        private static SubscribeResult? ReadSubscribe(Utf8JsonScanner scanner) => ReadObject(scanner, () => new SubscribeResult(), (result, name, s) =>
        {
            switch (name)
            {
                case "recoverable": result.Recoverable = s.ReadBool(); break;
                case "epoch": result.Epoch = s.ReadString(); break;
                case "offset": result.Offset = s.ReadLong(); break;
                case "recovered": result.Recovered = s.ReadBool(); break;
                case "publications":
                    while (s.NextArrayItem())
                    {
                        result.Publications.Add(ReadPublication(s) ?? throw s.Fail("a publication must be an object"));
                    }

                    break;
                default: s.SkipValue(); break;
            }
        });

        private static RefreshResult? ReadRefresh(Utf8JsonScanner scanner) => ReadObject(scanner, () => new RefreshResult(), (result, name, s) =>
        {
            switch (name)
            {
                case "expires": result.Expires = s.ReadBool(); break;
                case "ttl": result.Ttl = s.ReadLong(); break;
                default: s.SkipValue(); break;
            }
        });

        // The RPC result's data as raw JSON; "null" when absent.
        private static string ReadRpc(Utf8JsonScanner scanner, byte[] bytes)
        {
            var data = "null";
            ReadObject(scanner, () => bytes, (_, name, s) =>
            {
                if (name == "data")
                {
                    data = s.ReadRawValue();
                }
                else
                {
                    s.SkipValue();
                }
            });
            return data;
        }

        private static Dictionary<string, string>? ReadTags(Utf8JsonScanner scanner) =>
            ReadObject(scanner, () => new Dictionary<string, string>(StringComparer.Ordinal), (tags, name, s) => tags[name] = s.ReadString());

        // Null stands for "absent" (proto3 JSON may write defaults as null); anything else must be an object.
        private static T? ReadObject<T>(Utf8JsonScanner scanner, Func<T> create, Action<T, string, Utf8JsonScanner> property)
            where T : class
        {
            if (!scanner.ReadObjectStart())
            {
                return null;
            }

            var target = create();
            while (scanner.NextProperty(out var name))
            {
                property(target, name, scanner);
            }

            return target;
        }

        private static long InRange(Utf8JsonScanner scanner, long value, long max) =>
            value >= 0 && value <= max ? value : throw scanner.Fail("a number out of range");
    }
}
