using System;
using System.Net.WebSockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Cadenza.Client.Realtime.Protocol;
using Newtonsoft.Json;

namespace Cadenza.Client.Realtime
{
    /// <summary>
    /// One WebSocket connection speaking the Centrifugo JSON protocol: sends commands one at a time, reads the
    /// server's frames (newline-separated replies), hands replies to their commands and pushes to
    /// <see cref="Pushed"/>, answers pings, and gives up on a server that goes silent past its ping interval.
    /// </summary>
    internal sealed class RealtimeSocket : IDisposable
    {
        private readonly ClientWebSocket _socket;
        private readonly TimeProvider _time;
        private readonly SemaphoreSlim _sendLock = new SemaphoreSlim(1, 1);
        private readonly PendingCalls _calls = new PendingCalls();
        private ITimer? _watchdog;
        private TimeSpan _silenceLimit = Timeout.InfiniteTimeSpan;
        private bool _answerPings;

        private RealtimeSocket(ClientWebSocket socket, TimeProvider time)
        {
            _socket = socket;
            _time = time;
        }

        /// <summary>Raised on the reading thread for each push, in stream order.</summary>
        public event Action<RealtimeSocket, Push>? Pushed;

        /// <summary>The access token this connection was last authenticated with.</summary>
        public string Token { get; set; } = "";

        /// <summary>The code and reason the server closed with (a close frame or a disconnect push); 0 when it did not say.</summary>
        public int CloseCode { get; private set; }

        public string? CloseReason { get; private set; }

        /// <summary>Why the client gave up on this connection itself, when it did.</summary>
        public string? AbortReason { get; private set; }

        public static async Task<RealtimeSocket> OpenAsync(Uri uri, TimeProvider time, CancellationToken cancellationToken)
        {
            var socket = new ClientWebSocket();
            try
            {
                await socket.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);
                return new RealtimeSocket(socket, time);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        /// <summary>Sends a command; <paramref name="handler"/> gets its reply on the reading thread, or the failure that ended the connection.</summary>
        public void Call(Func<uint, string> command, Action<Reply?, Exception?> handler)
        {
            var id = _calls.Register(handler);
            if (id != 0)
            {
                Post(command(id));
            }
        }

        /// <summary>Sends a command and waits for its reply.</summary>
        public async Task<Reply> CallAsync(Func<uint, string> command, CancellationToken cancellationToken)
        {
            var reply = new TaskCompletionSource<Reply>(TaskCreationOptions.RunContinuationsAsynchronously);
            var id = _calls.Register(reply);
            using (cancellationToken.Register(() => reply.TrySetCanceled(cancellationToken)))
            {
                if (id != 0)
                {
                    Post(command(id));
                }

                try
                {
                    return await reply.Task.ConfigureAwait(false);
                }
                finally
                {
                    _calls.Forget(id);
                }
            }
        }

        /// <summary>Sends a line without waiting; a failed send ends the connection.</summary>
        public void Post(string line) => _ = SendAsync(line);

        /// <summary>Expects a ping at least every <paramref name="pingSeconds"/> (plus <paramref name="maxDelay"/>); answers them when <paramref name="pong"/>.</summary>
        public void WatchPings(int pingSeconds, TimeSpan maxDelay, bool pong)
        {
            _answerPings = pong;
            if (pingSeconds > 0)
            {
                _silenceLimit = TimeSpan.FromSeconds(pingSeconds) + maxDelay;
                _watchdog = _time.CreateTimer(_ => Abort("no ping from the server"), null, _silenceLimit, Timeout.InfiniteTimeSpan);
            }
        }

        /// <summary>Reads until the connection ends; never throws. Every command still waiting then gets <see cref="CadenzaRealtimeException"/>.</summary>
        public async Task RunAsync()
        {
            using var message = new MessageBuffer();
            try
            {
                while (true)
                {
                    var type = await message.ReceiveAsync(_socket).ConfigureAwait(false);
                    if (type == WebSocketMessageType.Close)
                    {
                        CloseCode = CloseCode != 0 ? CloseCode : (int)(_socket.CloseStatus ?? 0);
                        CloseReason ??= _socket.CloseStatusDescription is { } text ? Redaction.OneLine(text, 200) : null;
                        return;
                    }

                    _watchdog?.Change(_silenceLimit, Timeout.InfiniteTimeSpan);
                    if (type != WebSocketMessageType.Text)
                    {
                        Abort(type is null ? "a message over 16 MiB" : "a binary frame on the JSON protocol");
                        return;
                    }

                    Dispatch(message.Bytes, message.Length);
                }
            }
            catch (JsonException ex)
            {
                Abort(ex.Message);
            }
            catch (Exception ex) when (ex is WebSocketException || ex is ObjectDisposedException || ex is OperationCanceledException)
            {
                AbortReason ??= "the connection was lost";
            }
#pragma warning disable CA1031 // the loop must end cleanly whatever a handler did: the owner reconnects
            catch (Exception ex)
            {
                Abort("an unexpected " + ex.GetType().Name);
            }
#pragma warning restore CA1031
            finally
            {
                _watchdog?.Dispose();
                _calls.FailAll(new CadenzaRealtimeException("The WebSocket connection was lost before the reply came.", 0, isTemporary: true));
            }
        }

        /// <summary>Closes the connection politely (close frame 1000), waiting at most a second for the server.</summary>
        public async Task CloseAsync()
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "client closed", timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException || ex is OperationCanceledException || ex is ObjectDisposedException || ex is InvalidOperationException)
            {
                _socket.Abort();
            }
        }

        /// <summary>Gives up on the connection at once; the reading loop ends and the owner reconnects.</summary>
        public void Abort(string reason)
        {
            AbortReason ??= reason;
            _socket.Abort();
        }

        public void Dispose()
        {
            _watchdog?.Dispose();
            _socket.Dispose();
            _sendLock.Dispose();
        }

        private void Dispatch(byte[] frame, int frameLength)
        {
            for (var start = 0; start < frameLength;)
            {
                var end = Array.IndexOf(frame, (byte)'\n', start, frameLength - start);
                var length = (end < 0 ? frameLength : end) - start;
                if (!IsBlank(frame, start, length))
                {
                    var reply = ReplyParser.Parse(frame, start, length);
                    if (reply.Id > 0)
                    {
                        _calls.Complete(reply);
                    }
                    else if (reply.Push is { Disconnect: { } disconnect })
                    {
                        CloseCode = disconnect.Code;
                        CloseReason = disconnect.Message;
                    }
                    else if (reply.Push != null)
                    {
                        Pushed?.Invoke(this, reply.Push);
                    }
                    else if (_answerPings)
                    {
                        Post(CommandWriter.Pong);
                    }
                }

                start += length + 1;
            }
        }

        private async Task SendAsync(string line)
        {
            try
            {
                var bytes = Encoding.UTF8.GetBytes(line);
                await _sendLock.WaitAsync().ConfigureAwait(false);
                try
                {
                    await _socket.SendAsync(new ArraySegment<byte>(bytes), WebSocketMessageType.Text, true, CancellationToken.None).ConfigureAwait(false);
                }
                finally
                {
                    _sendLock.Release();
                }
            }
            catch (Exception ex) when (ex is WebSocketException || ex is ObjectDisposedException || ex is InvalidOperationException || ex is OperationCanceledException)
            {
                Abort("a send failed");
            }
        }

        private static bool IsBlank(byte[] text, int start, int length)
        {
            for (var i = start; i < start + length; i++)
            {
                if (text[i] != ' ' && text[i] != '\r' && text[i] != '\t')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
