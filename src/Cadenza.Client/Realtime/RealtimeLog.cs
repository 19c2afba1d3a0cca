using System;
using Microsoft.Extensions.Logging;

namespace Cadenza.Client.Realtime
{
    /// <summary>What the real-time connection logs. Never a token: codes, reasons, channel names and delays only.</summary>
    internal static class RealtimeLog
    {
        private static readonly Action<ILogger, string, Exception?> ConnectedMessage =
            LoggerMessage.Define<string>(LogLevel.Information, new EventId(201, "RealtimeConnected"), "Real-time connection up (server {Version})");

        private static readonly Action<ILogger, int, string, double, Exception?> LostMessage =
            LoggerMessage.Define<int, string, double>(LogLevel.Warning, new EventId(202, "RealtimeLost"), "Real-time connection lost ({Code} {Reason}); reconnecting in {DelayMs} ms");

        private static readonly Action<ILogger, string, Exception?> TokenRefreshedMessage =
            LoggerMessage.Define<string>(LogLevel.Debug, new EventId(203, "RealtimeTokenRefreshed"), "Real-time connection re-authenticated with the session's new token (valid {Ttl})");

        private static readonly Action<ILogger, string, Exception?> UnrecoverableMessage =
            LoggerMessage.Define<string>(LogLevel.Warning, new EventId(204, "RealtimeUnrecoverable"), "Publications on {Channel} missed while disconnected could not be recovered");

        private static readonly Action<ILogger, string, Exception?> ClosedMessage =
            LoggerMessage.Define<string>(LogLevel.Error, new EventId(205, "RealtimeClosed"), "Real-time connection closed for good: {Reason}");

        private static readonly Action<ILogger, string, Exception?> RefreshFailedMessage =
            LoggerMessage.Define<string>(LogLevel.Warning, new EventId(206, "RealtimeRefreshFailed"), "Refreshing the token on the real-time connection failed ({Reason}); trying again shortly");

        public static void Connected(ILogger logger, string version) => ConnectedMessage(logger, version, null);

        public static void Lost(ILogger logger, int code, string reason, TimeSpan delay, Exception? error) =>
            LostMessage(logger, code, reason, Math.Round(delay.TotalMilliseconds), error);

        public static void TokenRefreshed(ILogger logger, long ttl) => TokenRefreshedMessage(logger, Timing.Describe(TimeSpan.FromSeconds(ttl)), null);

        public static void Unrecoverable(ILogger logger, string channel) => UnrecoverableMessage(logger, channel, null);

        public static void Closed(ILogger logger, Exception error) => ClosedMessage(logger, error.Message, null);

        public static void RefreshFailed(ILogger logger, string reason) => RefreshFailedMessage(logger, reason, null);
    }
}
