using System.Buffers;
using System.Text.Json;

namespace Cadenza.Emulator.Realtime;

/// <summary>A publication kept in a channel's history: its offset, time (Unix ms) and JSON payload.</summary>
internal sealed record HistoryEntry(long Offset, long Time, byte[] Data);

/// <summary>
/// Writes the server's side of the Centrifugo JSON protocol, one reply per line, with the spec's <c>ws*</c>
/// field names (<c>wsReply</c>, <c>wsPush</c>, <c>wsPublication</c>, …).
/// </summary>
internal static class ReplyWriter
{
    /// <summary>A server ping: an empty reply, which the client answers with an empty command (a pong).</summary>
    public static readonly byte[] ServerPing = "{}"u8.ToArray();

    public static byte[] Error(uint id, ProtocolError error) => Write(w =>
    {
        w.WriteNumber("id", id);
        w.WriteStartObject("error");
        w.WriteNumber("code", error.Code);
        w.WriteString("message", error.Message);
        w.WriteBoolean("temporary", error.Temporary);
        w.WriteEndObject();
    });

    public static byte[] Connect(uint id, string client, string version, long ttl, int ping, long time) => Write(w =>
    {
        w.WriteNumber("id", id);
        w.WriteStartObject("connect");
        w.WriteString("client", client);
        w.WriteString("version", version);
        w.WriteBoolean("expires", ttl > 0);
        w.WriteNumber("ttl", ttl);
        w.WriteNumber("ping", ping);
        w.WriteBoolean("pong", ping > 0);
        w.WriteString("session", client);
        w.WriteString("node", "cadenza-emulator");
        w.WriteNumber("time", time);
        w.WriteEndObject();
    });

    public static byte[] Refresh(uint id, string client, string version, long ttl) => Write(w =>
    {
        w.WriteNumber("id", id);
        w.WriteStartObject("refresh");
        w.WriteString("client", client);
        w.WriteString("version", version);
        w.WriteBoolean("expires", ttl > 0);
        w.WriteNumber("ttl", ttl);
        w.WriteEndObject();
    });

    public static byte[] Subscribe(uint id, string epoch, long offset, bool recovered, IReadOnlyList<HistoryEntry> publications) => Write(w =>
    {
        w.WriteNumber("id", id);
        w.WriteStartObject("subscribe");
        w.WriteBoolean("recoverable", true);
        w.WriteString("epoch", epoch);
        w.WriteNumber("offset", offset);
        w.WriteBoolean("recovered", recovered);
        w.WriteStartArray("publications");
        foreach (var publication in publications)
        {
            WritePublication(w, publication);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static byte[] History(uint id, string epoch, long offset, IReadOnlyList<HistoryEntry> publications) => Write(w =>
    {
        w.WriteNumber("id", id);
        w.WriteStartObject("history");
        w.WriteStartArray("publications");
        foreach (var publication in publications)
        {
            WritePublication(w, publication);
        }

        w.WriteEndArray();
        w.WriteString("epoch", epoch);
        w.WriteNumber("offset", offset);
        w.WriteEndObject();
    });

    /// <summary>An empty result (<c>unsubscribe</c>, <c>ping</c>): the spec's "empty on success".</summary>
    public static byte[] Empty(uint id, string result) => Write(w =>
    {
        w.WriteNumber("id", id);
        w.WriteStartObject(result);
        w.WriteEndObject();
    });

    public static byte[] Rpc(uint id, byte[] data) => Write(w =>
    {
        w.WriteNumber("id", id);
        w.WriteStartObject("rpc");
        w.WritePropertyName("data");
        w.WriteRawValue(data, skipInputValidation: true);
        w.WriteEndObject();
    });

    public static byte[] Publication(string channel, HistoryEntry publication) => Write(w =>
    {
        w.WriteStartObject("push");
        w.WriteString("channel", channel);
        w.WritePropertyName("pub");
        WritePublication(w, publication);
        w.WriteEndObject();
    });

    public static byte[] UnsubscribePush(string channel, int code, string reason) => Write(w =>
    {
        w.WriteStartObject("push");
        w.WriteString("channel", channel);
        w.WriteStartObject("unsubscribe");
        w.WriteNumber("code", code);
        w.WriteString("reason", reason);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary>Serializes <paramref name="value"/> the way every payload is written (the emulator's JSON rules).</summary>
    public static byte[] Json<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Wire.EmulatorJson.Options);

    private static void WritePublication(Utf8JsonWriter w, HistoryEntry publication)
    {
        w.WriteStartObject();
        w.WritePropertyName("data");
        w.WriteRawValue(publication.Data, skipInputValidation: true);
        w.WriteNumber("offset", publication.Offset);
        w.WriteNumber("time", publication.Time);
        w.WriteEndObject();
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
