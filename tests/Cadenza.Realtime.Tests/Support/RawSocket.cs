using System.Net.WebSockets;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Cadenza.Realtime.Tests.Support;

/// <summary>A bare WebSocket speaking the Centrifugo JSON protocol by hand: to check the emulator line by line.</summary>
internal sealed class RawSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly Queue<JObject> _pending = new();

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? CloseReason => _socket.CloseStatusDescription;

    public static async Task<RawSocket> OpenAsync(Uri address)
    {
        var raw = new RawSocket();
        await raw._socket.ConnectAsync(address, CancellationToken.None).WaitAsync(Live.HangGuard);
        return raw;
    }

    public Task SendAsync(string line) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(line), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next reply line; null once the server has closed the connection.</summary>
    public async Task<JObject?> ReceiveAsync()
    {
        if (_pending.Count > 0)
        {
            return _pending.Dequeue();
        }

        var buffer = new byte[1 << 20];
        var length = 0;
        WebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None).AsTask().WaitAsync(Live.HangGuard) is var r
                ? new WebSocketReceiveResult(r.Count, r.MessageType, r.EndOfMessage)
                : throw new InvalidOperationException();
            length += result.Count;
        }
        while (!result.EndOfMessage);

        if (result.MessageType == WebSocketMessageType.Close)
        {
            return null;
        }

        foreach (var line in Encoding.UTF8.GetString(buffer, 0, length).Split('\n'))
        {
            _pending.Enqueue(JObject.Parse(line));
        }

        return _pending.Dequeue();
    }

    /// <summary>Reads until the server closes; the close code it sent.</summary>
    public async Task<int> ClosedAsync()
    {
        while (await ReceiveAsync() is not null)
        {
        }

        return (int)(_socket.CloseStatus ?? 0);
    }

    public async Task<JObject> ConnectAsync(string token)
    {
        await SendAsync("{\"id\":1,\"connect\":{\"token\":\"" + token + "\"}}");
        return (await ReceiveAsync())!;
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return default;
    }
}
