using System;
using System.Threading;
using System.Threading.Tasks;
using Cadenza.Client.Realtime;
using Cadenza.Client.Realtime.Protocol;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cadenza.Client
{
    /// <summary>
    /// The Cadenza WebSocket API (Centrifugo JSON protocol), authenticated by a <see cref="CadenzaSession"/>: channel
    /// subscriptions as async streams and WebSocket RPC, over one connection that keeps itself alive. Thread-safe;
    /// one per session is enough.
    /// </summary>
    /// <remarks>
    /// <para>Connects on first use with the session's access token; sends the session's new token whenever it
    /// refreshes, and refreshes it before the connection's token expires, so a valid session never loses its
    /// connection to expiry. A token the server rejects (even after one refresh) ends everything with
    /// <see cref="CadenzaSessionExpiredException"/>.</para>
    /// <para>Reconnects after a lost connection with capped, jittered back-off, resubscribes, and resumes each
    /// channel after the last publication it delivered.</para>
    /// </remarks>
    public partial class CadenzaRealtime : IAsyncDisposable, IDisposable
    {
        private readonly CadenzaSession _session = null!;
        private readonly CadenzaRealtimeOptions _options = null!;
        private readonly RealtimeChannels _channels = null!;
        private readonly ConnectionLoop _loop = null!;
        private readonly JsonSerializer _serializer = null!;
        private int _disposed;

        /// <summary>Creates a connection to <paramref name="serverUri"/> for <paramref name="session"/>.</summary>
        /// <param name="session">The signed-in session whose token authenticates the connection.</param>
        /// <param name="serverUri">The WebSocket endpoint, e.g. <see cref="CadenzaRealtimeOptions.UatServer"/>.</param>
        public CadenzaRealtime(CadenzaSession session, Uri serverUri)
            : this(session, new CadenzaRealtimeOptions { ServerUri = serverUri })
        {
        }

        /// <summary>Creates a connection for <paramref name="session"/> with <paramref name="options"/>.</summary>
        /// <param name="session">The signed-in session whose token authenticates the connection.</param>
        /// <param name="options">Server, reconnect, timeout, buffer and logging settings.</param>
        public CadenzaRealtime(CadenzaSession session, CadenzaRealtimeOptions options)
        {
            _session = session ?? throw new ArgumentNullException(nameof(session));
            _options = (options ?? throw new ArgumentNullException(nameof(options))).Validated();
            var logger = options.LoggerFactory.CreateLogger<CadenzaRealtime>();
            var backoff = new ReconnectBackoff(options.MinReconnectDelay, options.MaxReconnectDelay);
            _channels = new RealtimeChannels(logger, options.TimeProvider, backoff.Next);
            _loop = new ConnectionLoop(session, _options, _channels, logger);
            _loop.StateChanged += e => StateChanged?.Invoke(this, e);
            session.Changed += _loop.Refresher.OnSessionChanged;
            // Date-like strings inside open payloads stay as sent; typed dates still parse from them.
            var settings = CadenzaJson.Transform(new JsonSerializerSettings { DateParseHandling = DateParseHandling.None });
            _serializer = JsonSerializer.Create(settings);
            Rpc = new CadenzaRpc(this);
        }

        /// <summary>For mocking: creates an instance whose members must all be overridden.</summary>
        protected CadenzaRealtime()
        {
        }

        /// <summary>Raised when the connection comes up, is lost (with the server's code and reason), or closes for good.</summary>
        public event EventHandler<CadenzaRealtimeStateChangedEventArgs>? StateChanged;

        /// <summary>
        /// The WebSocket RPC methods the spec ties to their own parameter and result models
        /// (<c>query.orderbook.get</c> → <see cref="CadenzaRpc.GetOrderBookAsync"/>), and every other <see cref="RpcMethod"/> by
        /// <see cref="CadenzaRpc.CallAsync{TResult}"/>.
        /// </summary>
        public virtual CadenzaRpc Rpc { get; } = null!;

        /// <summary>Where the connection is now.</summary>
        public virtual CadenzaRealtimeState State => _loop.State;

        /// <summary>Connects now rather than on first use, and waits until connected.</summary>
        /// <param name="cancellationToken">Stops waiting; the connection keeps trying.</param>
        /// <returns>A task that completes once connected.</returns>
        /// <exception cref="CadenzaSessionExpiredException">The session cannot provide a token the server accepts.</exception>
        /// <exception cref="CadenzaRealtimeException">The server refused the connection for good.</exception>
        public virtual Task ConnectAsync(CancellationToken cancellationToken = default) =>
            ThrowIfDisposed()._loop.WaitConnectedAsync(cancellationToken);

        /// <summary>
        /// Subscribes to any channel, its publications given as they come (payload as raw JSON): the escape hatch for
        /// channels whose payload the spec leaves open (<c>tradingAccount:{accountId}</c>, <c>market:trade:{venue}:{symbol}</c>).
        /// </summary>
        /// <param name="channel">The channel, e.g. <c>market:orderbook:BINANCE:BTC/USDT</c>.</param>
        /// <returns>The stream; enumerating it subscribes, disposing the enumerator unsubscribes.</returns>
        public virtual CadenzaSubscription<CadenzaPublication> SubscribeRawAsync(string channel) =>
            Subscribe(channel, publication => publication);

        /// <summary>Calls a WebSocket RPC method (the spec's <c>rpcMethod</c>, e.g. <c>query.orderbook.get</c>) and reads its result as <typeparamref name="TResult"/>.</summary>
        /// <typeparam name="TResult">The result's type: the method's <c>rpc*Result</c> model, or <see cref="JToken"/>.</typeparam>
        /// <param name="method">The method name.</param>
        /// <param name="data">The parameters (the method's <c>rpc*Params</c>), serialized as JSON; null for none.</param>
        /// <param name="cancellationToken">Stops waiting for the reply.</param>
        /// <returns>The result's <c>data</c>.</returns>
        /// <exception cref="CadenzaRealtimeException">An error reply (e.g. 104 method not found), a result model whose <c>error</c> has a non-zero code, no reply within <see cref="CadenzaRealtimeOptions.RpcTimeout"/>, or the connection lost before the reply.</exception>
        public virtual async Task<TResult> RpcAsync<TResult>(string method, object? data = null, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrWhiteSpace(method))
            {
                throw new ArgumentException("The RPC method is required.", nameof(method));
            }

            ThrowIfDisposed();
            string? dataJson;
            try
            {
                dataJson = data is null ? null : JToken.FromObject(data, _serializer).ToString(Formatting.None);
            }
            catch (JsonException ex)
            {
                throw new ArgumentException($"The parameters of the RPC {method} cannot be sent: {ex.Message}", nameof(data), ex);
            }

            Reply reply;
            using (var timeout = Timing.CancelAfter(_options.TimeProvider, _options.RpcTimeout))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken))
            {
                try
                {
                    var socket = await _loop.WaitConnectedAsync(linked.Token).ConfigureAwait(false);
                    reply = await socket.CallAsync(id => CommandWriter.Rpc(id, method, dataJson), linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw new CadenzaRealtimeException($"The RPC {method} got no reply within {Timing.Describe(_options.RpcTimeout)}.", 0, isTemporary: true, ex);
                }
            }

            if (reply.Error is { } error)
            {
                throw new CadenzaRealtimeException($"The RPC {method} failed: {error.Message} ({error.Code}).", error.Code, error.Temporary);
            }

            TResult result;
            try
            {
                using var reader = new JsonTextReader(new System.IO.StringReader(reply.RpcData ?? "null")) { DateParseHandling = DateParseHandling.None };
                result = _serializer.Deserialize<TResult>(reader)!;
            }
            catch (JsonException ex)
            {
                throw new CadenzaRealtimeException($"The result of the RPC {method} is not a valid {typeof(TResult).Name}: {Redaction.OneLine(ex.Message, 300)}", 0, isTemporary: false, ex);
            }

            RpcResultError<TResult>.ThrowIfFailed(method, result);
            return result;
        }

        /// <summary>Calls a WebSocket RPC method and returns its result as a JSON tree.</summary>
        /// <param name="method">The method name (the spec's <c>rpcMethod</c>).</param>
        /// <param name="data">The parameters, serialized as JSON; null for none.</param>
        /// <param name="cancellationToken">Stops waiting for the reply.</param>
        /// <returns>The result's <c>data</c>.</returns>
        public virtual Task<JToken> RpcAsync(string method, object? data = null, CancellationToken cancellationToken = default) =>
            RpcAsync<JToken>(method, data, cancellationToken);

        /// <summary>Closes the connection; every subscription's stream ends.</summary>
        /// <returns>A task that completes once closed.</returns>
        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0 && _loop != null)
            {
                _session.Changed -= _loop.Refresher.OnSessionChanged;
                _loop.End(new ObjectDisposedException(nameof(CadenzaRealtime)));
                await _loop.StopAsync().ConfigureAwait(false);
                _loop.Dispose();
            }

            GC.SuppressFinalize(this);
        }

        /// <summary>Closes the connection without waiting for the server; prefer <see cref="DisposeAsync"/>.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0 && _loop != null)
            {
                _session.Changed -= _loop.Refresher.OnSessionChanged;
                _loop.Dispose();
            }

            GC.SuppressFinalize(this);
        }

        /// <summary>A subscription whose publications are read by <paramref name="read"/> (typed subscriptions build on this).</summary>
        internal CadenzaSubscription<T> Subscribe<T>(string channel, Func<CadenzaPublication, T> read)
        {
            if (string.IsNullOrWhiteSpace(channel))
            {
                throw new ArgumentException("The channel is required.", nameof(channel));
            }

            ThrowIfDisposed();
            return new CadenzaSubscription<T>(_channels, _loop.EnsureStarted, channel, _options.SubscriptionBufferCapacity, read);
        }

        private CadenzaRealtime ThrowIfDisposed() =>
            Volatile.Read(ref _disposed) == 1 ? throw new ObjectDisposedException(nameof(CadenzaRealtime)) : this;
    }
}
