using System;
using System.Buffers;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;

namespace Cadenza.Client.Realtime
{
    /// <summary>
    /// Receives whole WebSocket messages (however many frames each takes) into one pooled buffer that grows as
    /// needed, up to a limit that protects the process from a server sending endless data.
    /// </summary>
    internal sealed class MessageBuffer : IDisposable
    {
        public const int MaxBytes = 16 * 1024 * 1024;

        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);

        public byte[] Bytes => _buffer;

        public int Length { get; private set; }

        /// <summary>The next whole message's type; its bytes are <see cref="Bytes"/>[0..<see cref="Length"/>]. Null when it exceeds <see cref="MaxBytes"/>.</summary>
        public async Task<WebSocketMessageType?> ReceiveAsync(WebSocket socket)
        {
            Length = 0;
            WebSocketMessageType type;
            bool end;
            do
            {
                if (Length == _buffer.Length)
                {
                    if (Length >= MaxBytes)
                    {
                        return null;
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                    Buffer.BlockCopy(_buffer, 0, larger, 0, Length);
                    ArrayPool<byte>.Shared.Return(_buffer);
                    _buffer = larger;
                }

#if NET8_0_OR_GREATER
                var result = await socket.ReceiveAsync(_buffer.AsMemory(Length), CancellationToken.None).ConfigureAwait(false); // no allocation per receive
#else
                var result = await socket.ReceiveAsync(new ArraySegment<byte>(_buffer, Length, _buffer.Length - Length), CancellationToken.None).ConfigureAwait(false);
#endif
                Length += result.Count;
                type = result.MessageType;
                end = result.EndOfMessage;
            }
            while (!end);

            return type;
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
    }
}
