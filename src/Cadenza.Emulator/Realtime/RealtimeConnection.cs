using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.AspNetCore.Connections;

namespace Cadenza.Emulator.Realtime;

/// <summary>
/// One client's WebSocket: reads commands (newline-separated JSON in text frames) and hands them to its
/// <see cref="CommandDispatcher"/>; writes replies from a queue, batching whatever is waiting into one frame as
/// Centrifugo does. Anything may call <see cref="Send"/> and <see cref="Close"/>; a client that lets more than
/// <see cref="CadenzaEmulatorRealtimeOptions.MaxQueuedReplies"/> pile up is disconnected as slow.
/// </summary>
internal sealed class RealtimeConnection
{
    private const int MaxMessageBytes = 65_536;
    private const int MaxFrameBytes = 65_536;

    private readonly RealtimeHub _hub;
    private readonly WebSocket _socket;
    private readonly HttpContext _context;
    private readonly int _maxQueued;
    private readonly Channel<byte[]> _outgoing = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private DisconnectReason? _closeReason;
    private int _queued;
    private int _dropped;

    public RealtimeConnection(RealtimeHub hub, WebSocket socket, HttpContext context)
    {
        _hub = hub;
        _socket = socket;
        _context = context;
        _maxQueued = hub.Options.MaxQueuedReplies;
        Dispatcher = new CommandDispatcher(hub, this);
    }

    public CommandDispatcher Dispatcher { get; }

    /// <summary>Queues one reply line; never blocks.</summary>
    public void Send(byte[] line)
    {
        if (Interlocked.Increment(ref _queued) > _maxQueued)
        {
            Close(DisconnectReason.Slow);
            return;
        }

        _outgoing.Writer.TryWrite(line);
    }

    /// <summary>Sends what is queued, then a close frame with <paramref name="reason"/>'s code; the first reason given wins.</summary>
    public void Close(DisconnectReason reason)
    {
        if (Interlocked.CompareExchange(ref _closeReason, reason, null) is null)
        {
            _outgoing.Writer.TryComplete();
        }
    }

    /// <summary>Cuts the TCP connection without a close frame: what a network failure looks like to the client.</summary>
    public void Drop()
    {
        Interlocked.Exchange(ref _dropped, 1);
        _context.Abort();
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        var writer = WriteLoopAsync();
        try
        {
            await ReadLoopAsync(stopping);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ConnectionAbortedException)
        {
            // The client went away, or the emulator is stopping: nothing to tell anyone.
        }
        finally
        {
            Close(stopping.IsCancellationRequested ? DisconnectReason.Shutdown : new DisconnectReason(3000, "connection closed"));
            await writer;
            Dispatcher.Dispose();
        }
    }

    private async Task ReadLoopAsync(CancellationToken stopping)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxMessageBytes);
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == MaxMessageBytes)
                    {
                        Close(DisconnectReason.MessageTooBig);
                        return;
                    }

                    result = await _socket.ReceiveAsync(buffer.AsMemory(length, MaxMessageBytes - length), stopping);
                    length += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if (result.MessageType != WebSocketMessageType.Text)
                {
                    Close(DisconnectReason.BadRequest); // the JSON protocol has no binary frames
                    return;
                }

                foreach (var line in Lines(buffer.AsMemory(0, length)))
                {
                    if (!await Dispatcher.HandleAsync(line))
                    {
                        return;
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task WriteLoopAsync()
    {
        var frame = new ArrayBufferWriter<byte>(4096);
        try
        {
            while (await _outgoing.Reader.WaitToReadAsync())
            {
                frame.ResetWrittenCount();
                while (frame.WrittenCount < MaxFrameBytes && _outgoing.Reader.TryRead(out var line))
                {
                    Interlocked.Decrement(ref _queued);
                    if (frame.WrittenCount > 0)
                    {
                        frame.Write("\n"u8);
                    }

                    frame.Write(line);
                }

                if (_closeReason == DisconnectReason.Slow)
                {
                    break; // a slow client gets no more of the backlog, only the close frame
                }

                _hub.Sent(frame.WrittenSpan);
                await _socket.SendAsync(frame.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            }

            if (_closeReason is { } reason && Volatile.Read(ref _dropped) == 0 && _socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseOutputAsync((WebSocketCloseStatus)reason.Code, reason.Reason, timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException or ConnectionAbortedException)
        {
            // The connection is gone; the read loop ends too.
        }
        finally
        {
            // Whatever made us stop writing, stop reading as well: a client we no longer answer must not linger.
            if (_socket.State != WebSocketState.Closed)
            {
                _ = CloseSoonAsync();
            }
        }
    }

    // Gives the client a moment to answer our close frame, then cuts the connection.
    private async Task CloseSoonAsync()
    {
        await Task.Delay(TimeSpan.FromSeconds(2));
        _socket.Abort();
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Lines(ReadOnlyMemory<byte> message)
    {
        while (!message.IsEmpty)
        {
            var end = message.Span.IndexOf((byte)'\n');
            var line = end < 0 ? message : message[..end];
            message = end < 0 ? ReadOnlyMemory<byte>.Empty : message[(end + 1)..];
            if (!line.Span.Trim(" \r\t"u8).IsEmpty)
            {
                yield return line;
            }
        }
    }
}
