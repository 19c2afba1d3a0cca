using System;
using System.Collections.Generic;
using System.Net;
using Cadenza.Client;

namespace Cadenza.Cli.Watch
{
    /// <summary>
    /// Which WebSocket server goes with the REST server: <c>--ws-url</c>, else CADENZA_WS_URL, else the spec's pairing
    /// (UAT API → UAT WebSocket server, production → production), else, for a loopback server such as the emulator,
    /// the same host and port (the emulator serves both). Anything else must be given: guessing would send the token
    /// to a host the user never named.
    /// </summary>
    internal static class WebSocketAddress
    {
        public const string Variable = "CADENZA_WS_URL";
        public const string EndpointPath = "/connection/websocket";

        public static Uri Resolve(string? option, IDictionary<string, string?> environment, Uri baseAddress)
        {
            var (text, source) = !string.IsNullOrWhiteSpace(option) ? (option!, "--ws-url")
                : CliSettings.Variable(environment, Variable) is { } fromVariable ? (fromVariable, Variable)
                : (null, null);
            if (text is null)
            {
                return Paired(baseAddress) ?? throw new UsageException(
                    $"No WebSocket server is known for {baseAddress}: give --ws-url wss://host{EndpointPath} (or set {Variable}).");
            }

            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != "wss" && uri.Scheme != "ws"))
            {
                throw new UsageException($"{source} must be an absolute ws(s) URL, e.g. wss://cadenza-ws-uat.algo724.com{EndpointPath}, not '{FailureReport.OneLine(text)}'.");
            }

            // The SDK refuses this too; saying it here makes it a usage error rather than a failed connection.
            if (uri.Scheme == "ws" && !IsLoopback(uri))
            {
                throw new UsageException($"{source}: refusing to send the access token over plain ws:// to {uri.Host}; use wss://.");
            }

            // The spec lists its servers without the endpoint's path: accept them as listed.
            return uri.AbsolutePath == "/" ? new UriBuilder(uri) { Path = EndpointPath }.Uri : uri;
        }

        private static Uri? Paired(Uri baseAddress)
        {
            if (string.Equals(baseAddress.Host, "cadenza-api-uat.algo724.com", StringComparison.OrdinalIgnoreCase))
            {
                return CadenzaRealtimeOptions.UatServer;
            }

            if (string.Equals(baseAddress.Host, "cadenza-api.algo724.com", StringComparison.OrdinalIgnoreCase))
            {
                return CadenzaRealtimeOptions.ProductionServer;
            }

            return IsLoopback(baseAddress)
                ? new UriBuilder(baseAddress) { Scheme = baseAddress.Scheme == Uri.UriSchemeHttps ? "wss" : "ws", Path = EndpointPath }.Uri
                : null;
        }

        private static bool IsLoopback(Uri uri) =>
            uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
    }
}
