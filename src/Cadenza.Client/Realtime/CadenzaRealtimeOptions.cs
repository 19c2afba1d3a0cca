using System;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cadenza.Client
{
    /// <summary>How a <see cref="CadenzaRealtime"/> reaches the Cadenza WebSocket API and survives the network.</summary>
    public sealed class CadenzaRealtimeOptions
    {
        /// <summary>The UAT WebSocket server, the default (the spec's third server).</summary>
        public static readonly Uri UatServer = new Uri("wss://cadenza-ws-uat.algo724.com/connection/websocket");

        /// <summary>The production WebSocket server (the spec's fourth server).</summary>
        public static readonly Uri ProductionServer = new Uri("wss://cadenza-ws.algo724.com/connection/websocket");

        /// <summary>The WebSocket endpoint; defaults to <see cref="UatServer"/>.</summary>
        public Uri ServerUri { get; set; } = UatServer;

        /// <summary>The shortest wait before a reconnect (0.5 s by default); waits double from here, with full jitter.</summary>
        public TimeSpan MinReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(500);

        /// <summary>The longest wait before a reconnect (20 s by default), however long the outage.</summary>
        public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(20);

        /// <summary>How long opening the WebSocket and the connect command may take together (10 s by default).</summary>
        public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>How long an RPC may take, waiting for a connection included (10 s by default).</summary>
        public TimeSpan RpcTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>How long past the server's ping interval a silent connection is given before it is considered dead (10 s by default).</summary>
        public TimeSpan MaxServerPingDelay { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>
        /// How many publications each subscription holds for a consumer that has not caught up (1000 by default).
        /// When full, the oldest is dropped and the consumer is told (<see cref="CadenzaSubscription{T}.Gap"/>):
        /// memory stays bounded and the network is never held up by one slow reader.
        /// </summary>
        public int SubscriptionBufferCapacity { get; set; } = 1000;

        /// <summary>The client name sent in the connect command.</summary>
        public string ClientName { get; set; } = "cadenza-dotnet";

        /// <summary>The clock for token refresh, ping and reconnect timing; <see cref="System.TimeProvider.System"/> by default.</summary>
        public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

        /// <summary>Where the connection logs (connects, disconnects, reconnect delays). Nothing secret is ever logged.</summary>
        public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

        /// <summary>Allows plain <c>ws://</c> to a host that is not loopback. Only for test rigs: the token would cross the network in clear text.</summary>
        public bool AllowInsecureWebSocket { get; set; }

        internal CadenzaRealtimeOptions Validated()
        {
            var uri = ServerUri ?? throw new ArgumentException("CadenzaRealtimeOptions.ServerUri is required.", nameof(ServerUri));
            if (!uri.IsAbsoluteUri || (uri.Scheme != "wss" && uri.Scheme != "ws"))
            {
                throw new ArgumentException($"CadenzaRealtimeOptions.ServerUri must be an absolute ws(s):// URL, not '{uri.OriginalString}'.", nameof(ServerUri));
            }

            if (uri.Scheme == "ws" && !uri.IsLoopback && !AllowInsecureWebSocket)
            {
                throw new ArgumentException($"Refusing to send the access token to {uri.Host} over plain ws://: use wss://, or set AllowInsecureWebSocket for a test rig.", nameof(ServerUri));
            }

            if (MinReconnectDelay <= TimeSpan.Zero || MaxReconnectDelay < MinReconnectDelay)
            {
                throw new ArgumentException("CadenzaRealtimeOptions needs 0 < MinReconnectDelay <= MaxReconnectDelay.", nameof(MinReconnectDelay));
            }

            if (ConnectTimeout <= TimeSpan.Zero || RpcTimeout <= TimeSpan.Zero || MaxServerPingDelay <= TimeSpan.Zero)
            {
                throw new ArgumentException("CadenzaRealtimeOptions' ConnectTimeout, RpcTimeout and MaxServerPingDelay must be positive.", nameof(ConnectTimeout));
            }

            if (SubscriptionBufferCapacity < 1)
            {
                throw new ArgumentException("CadenzaRealtimeOptions.SubscriptionBufferCapacity must be at least 1.", nameof(SubscriptionBufferCapacity));
            }

            _ = TimeProvider ?? throw new ArgumentException("CadenzaRealtimeOptions.TimeProvider is required.", nameof(TimeProvider));
            _ = LoggerFactory ?? throw new ArgumentException("CadenzaRealtimeOptions.LoggerFactory is required.", nameof(LoggerFactory));
            return this;
        }
    }
}
