using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Cadenza.Realtime.Benchmarks;

/// <summary>
/// The baseline: a hand-written Centrifugo client with nothing but what a loop needs to count publications. One
/// <see cref="ClientWebSocket"/>, connect and subscribe written by hand, each message split into its lines and read
/// with <see cref="Utf8JsonReader"/> (every token of the payload is read, as a parser must; the publication's
/// offset is kept), pings answered, a reused buffer. No reconnects, no recovery, no tokens refreshed, no models, no
/// buffering between the socket and the reader: what the SDK adds is measured against this.
/// </summary>
internal sealed class RawSocketConsumer : IConsumer
{
    private static readonly byte[] Pong = "{}"u8.ToArray();

    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private long _received;

    public RawSocketConsumer(string channel) => Channel = channel;

    public string Name => "raw socket";

    public string Channel { get; }

    public long Received => Interlocked.Read(ref _received);

    public long Interruptions => 0;

    public async Task StartAsync(Uri server, string accessToken)
    {
        await _socket.ConnectAsync(server, CancellationToken.None);
        await SendAsync("{\"id\":1,\"connect\":{\"token\":\"" + accessToken + "\",\"name\":\"raw-baseline\"}}");
        await SendAsync("{\"id\":2,\"subscribe\":{\"channel\":\"" + Channel + "\"}}");
        _loop = Task.Run(ReceiveAsync);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try
        {
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        }
        catch (WebSocketException)
        {
        }

        if (_loop != null)
        {
            await Task.WhenAny(_loop, Task.Delay(2000));
        }

        _socket.Dispose();
    }

    private Task SendAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    private async Task ReceiveAsync()
    {
        var message = new ArrayBufferWriter<byte>(1 << 16);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                message.ResetWrittenCount();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(message.GetMemory(1 << 14), _stop.Token);
                    message.Advance(result.Count);
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                await ReadLinesAsync(message.WrittenMemory);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
    }

    // Centrifugo's JSON transport puts several replies in one message, one per line.
    private async Task ReadLinesAsync(ReadOnlyMemory<byte> message)
    {
        while (!message.IsEmpty)
        {
            var end = message.Span.IndexOf((byte)'\n');
            var line = end < 0 ? message : message[..end];
            message = end < 0 ? ReadOnlyMemory<byte>.Empty : message[(end + 1)..];
            if (line.Span.SequenceEqual(Pong))
            {
                await _socket.SendAsync(Pong, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            }
            else if (PublicationOffset(line.Span) is long offset && offset > 0)
            {
                Interlocked.Increment(ref _received);
            }
        }
    }

    // {"push":{"channel":…,"pub":{"data":{…},"offset":N}}}: N, or null for any other reply.
    private static long? PublicationOffset(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        long? offset = null;
        var inPub = false;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (reader.CurrentDepth == 2 && reader.ValueTextEquals("pub"u8))
            {
                inPub = true;
            }
            else if (inPub && reader.CurrentDepth == 3 && reader.ValueTextEquals("offset"u8))
            {
                reader.Read();
                offset = reader.GetInt64();
            }
            else if (inPub && reader.CurrentDepth == 3)
            {
                reader.Read();
                reader.Skip(); // reads (and checks) every token of the payload
            }
        }

        return inPub ? offset ?? 0 : null;
    }
}
