using System;
using System.Threading;
using System.Threading.Tasks;
using Cadenza.Client.Realtime.Protocol;
using Microsoft.Extensions.Logging;

namespace Cadenza.Client.Realtime
{
    /// <summary>
    /// Connects, and reconnects for as long as it is allowed to: after a lost connection it waits a capped, jittered,
    /// growing delay; an expired token (error 109) is refreshed through the session at once; a rejected token (3500)
    /// gets one refresh, then ends everything with <see cref="CadenzaSessionExpiredException"/>; a terminal
    /// disconnect (3500-3999, 4500-4999) ends everything with <see cref="CadenzaRealtimeException"/>.
    /// </summary>
    internal sealed partial class ConnectionLoop : IDisposable
    {
        private static readonly string ClientVersion = typeof(ConnectionLoop).Assembly.GetName().Version?.ToString() ?? "0";

        private readonly CadenzaSession _session;
        private readonly CadenzaRealtimeOptions _options;
        private readonly RealtimeChannels _channels;
        private readonly ILogger _logger;
        private readonly ReconnectBackoff _backoff;
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly object _gate = new object();
        private TaskCompletionSource<RealtimeSocket> _connected = NewConnected();
        private RealtimeSocket? _current;
        private Task? _run;
        private Exception? _ended;
        private CadenzaRealtimeState _state;

        public ConnectionLoop(CadenzaSession session, CadenzaRealtimeOptions options, RealtimeChannels channels, ILogger logger)
        {
            _session = session;
            _options = options;
            _channels = channels;
            _logger = logger;
            _backoff = new ReconnectBackoff(options.MinReconnectDelay, options.MaxReconnectDelay);
            Refresher = new LiveTokenRefresher(session, options, logger, () => Current, End, _stopping.Token);
        }

        public event Action<CadenzaRealtimeStateChangedEventArgs>? StateChanged;

        public LiveTokenRefresher Refresher { get; }

        public CadenzaRealtimeState State
        {
            get
            {
                lock (_gate)
                {
                    return _state;
                }
            }
        }

        public RealtimeSocket? Current
        {
            get
            {
                lock (_gate)
                {
                    return _current;
                }
            }
        }

        public void EnsureStarted()
        {
            lock (_gate)
            {
                if (_run != null || _ended != null)
                {
                    return;
                }

                _run = Task.Run(RunAsync);
            }
        }

        /// <summary>The connection once it is up; fails with what ended the loop, if it ended.</summary>
        public Task<RealtimeSocket> WaitConnectedAsync(CancellationToken cancellationToken)
        {
            EnsureStarted();
            Task<RealtimeSocket> connected;
            lock (_gate)
            {
                connected = _ended != null ? Task.FromException<RealtimeSocket>(_ended) : _connected.Task;
            }

            return TaskCancellation.WaitAsync(connected, cancellationToken);
        }

        /// <summary>Ends the loop for good with <paramref name="error"/> (<see cref="ObjectDisposedException"/> when disposed).</summary>
        public void End(Exception error)
        {
            RealtimeSocket? socket;
            lock (_gate)
            {
                if (_ended != null)
                {
                    return;
                }

                _ended = error;
                _connected.TrySetException(error);
                socket = _current;
            }

            _stopping.Cancel();
            Refresher.Dispose();
            _channels.End(error);
            if (!(error is ObjectDisposedException))
            {
                RealtimeLog.Closed(_logger, error);
            }

            _ = socket?.CloseAsync();
            SetState(CadenzaRealtimeState.Closed, 0, null, error is ObjectDisposedException ? null : error);
        }

        /// <summary>Waits (a little) for the loop to finish after <see cref="End"/>.</summary>
        public async Task StopAsync()
        {
            Task? run;
            lock (_gate)
            {
                run = _run;
            }

            if (run != null)
            {
                await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
            }
        }

        public void Dispose()
        {
            End(new ObjectDisposedException(nameof(CadenzaRealtime)));
            _stopping.Dispose();
        }

        private void Connected(RealtimeSocket socket, ConnectResult result)
        {
            lock (_gate)
            {
                if (_ended != null)
                {
                    socket.Abort("closed");
                    return;
                }

                _current = socket;
                _connected.TrySetResult(socket);
            }

            _backoff.Reset();
            _channels.Connected(socket);
            Refresher.Watch(socket, result.Expires ? result.Ttl : 0);
            RealtimeLog.Connected(_logger, result.Version);
            SetState(CadenzaRealtimeState.Connected, 0, null, null);
        }

        private void Disconnected(RealtimeSocket socket, Outcome outcome)
        {
            lock (_gate)
            {
                if (_current == socket)
                {
                    _current = null;
                }

                if (_connected.Task.IsCompleted && _ended is null)
                {
                    _connected = NewConnected();
                }
            }

            _channels.Disconnected(socket);
            if (_ended is null)
            {
                SetState(CadenzaRealtimeState.Connecting, outcome.Code, outcome.Reason, outcome.Error);
            }
        }

        private void SetState(CadenzaRealtimeState state, int code, string? reason, Exception? error)
        {
            lock (_gate)
            {
                if (_state == state && state != CadenzaRealtimeState.Connecting)
                {
                    return;
                }

                _state = state;
            }

            StateChanged?.Invoke(new CadenzaRealtimeStateChangedEventArgs(state, code, reason, error));
        }

        private static TaskCompletionSource<RealtimeSocket> NewConnected() =>
            new TaskCompletionSource<RealtimeSocket>(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
