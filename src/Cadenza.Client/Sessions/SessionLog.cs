using System;
using Microsoft.Extensions.Logging;

namespace Cadenza.Client
{
    /// <summary>Everything the session logs. The arguments are ids, times and statuses: never a token or a password.</summary>
    internal static class SessionLog
    {
        private static readonly Action<ILogger, string, Exception?> SignedInMessage =
            LoggerMessage.Define<string>(LogLevel.Information, new EventId(1, "SignedIn"), "Signed in as user {UserId}");

        private static readonly Action<ILogger, string, Exception?> RestoredMessage =
            LoggerMessage.Define<string>(LogLevel.Information, new EventId(2, "Restored"), "Restored the stored session of user {UserId}");

        private static readonly Action<ILogger, DateTimeOffset?, Exception?> RefreshedMessage =
            LoggerMessage.Define<DateTimeOffset?>(LogLevel.Debug, new EventId(3, "TokenRefreshed"), "Access token refreshed; it expires at {ExpiresAt}");

        private static readonly Action<ILogger, int, int?, Exception?> RefreshRejectedMessage =
            LoggerMessage.Define<int, int?>(LogLevel.Warning, new EventId(4, "RefreshRejected"), "The server rejected the refresh token (HTTP {Status}, errno {Errno}); the session is signed out");

        private static readonly Action<ILogger, string, double, Exception?> RefreshFailedMessage =
            LoggerMessage.Define<string, double>(LogLevel.Warning, new EventId(5, "RefreshFailed"), "Token refresh failed ({Failure}); keeping the current tokens, next attempt in {RetryDelaySeconds:0.#} s");

        private static readonly Action<ILogger, Exception?> SignedOutMessage =
            LoggerMessage.Define(LogLevel.Information, new EventId(6, "SignedOut"), "Signed out");

        private static readonly Action<ILogger, string, Exception?> LogoutFailedMessage =
            LoggerMessage.Define<string>(LogLevel.Warning, new EventId(7, "LogoutFailed"), "The server did not confirm the logout ({Failure}); the local session was cleared anyway");

        private static readonly Action<ILogger, string, string, Exception?> HandlerFailedMessage =
            LoggerMessage.Define<string, string>(LogLevel.Error, new EventId(8, "ChangedHandlerFailed"), "A Changed handler threw {ExceptionType} on {Change}; the session carries on");

        private static readonly Action<ILogger, string, Exception?> StoreFailedMessage =
            LoggerMessage.Define<string>(LogLevel.Error, new EventId(9, "StoreFailed"), "The session store failed ({ExceptionType}); the session in memory is unaffected, but a restart may need a new login");

        private static readonly Action<ILogger, string, string, Exception?> StoredForOtherServerMessage =
            LoggerMessage.Define<string, string>(LogLevel.Warning, new EventId(10, "StoredForOtherServer"), "The stored session belongs to {StoredServer}, not {Server}; treating it as signed out");

        private static readonly Action<ILogger, string, Exception?> ExpiryDoubtedMessage =
            LoggerMessage.Define<string>(LogLevel.Warning, new EventId(11, "ExpiryDoubted"), "{Explanation}");

        private static readonly Action<ILogger, Exception?> StoreMovedOnMessage =
            LoggerMessage.Define(LogLevel.Warning, new EventId(12, "SharedStoreMovedOn"), "The shared session store moved on while this session refreshed (its refresh lease lapsed, or another process signed in): the refreshed tokens are kept in memory only");

        private static readonly Action<ILogger, int, int?, Exception?> RejectedButAdoptedMessage =
            LoggerMessage.Define<int, int?>(LogLevel.Information, new EventId(13, "RejectedButAdopted"), "The server rejected the refresh token (HTTP {Status}, errno {Errno}), but another holder of the shared store had rotated it meanwhile: using its session");

        private static readonly Action<ILogger, string, Exception?> LeaseNotExtendedMessage =
            LoggerMessage.Define<string>(LogLevel.Warning, new EventId(14, "RefreshLeaseNotExtended"), "The shared session store failed to extend the refresh lease ({ExceptionType}) while the refresh request was out; trying again, but if the lease lapses another holder may present the same refresh token");

        private static readonly Action<ILogger, Exception?> LeaseLostMessage =
            LoggerMessage.Define(LogLevel.Warning, new EventId(15, "RefreshLeaseLost"), "The refresh lease lapsed while the refresh request was out (the server or the store was slower than the lease time): another holder may present the same refresh token; the answer will be stored only if the store has not moved on");

        public static void LeaseNotExtended(ILogger logger, Exception failure) => LeaseNotExtendedMessage(logger, failure.GetType().Name, null);

        public static void LeaseLost(ILogger logger) => LeaseLostMessage(logger, null);

        public static void StoreMovedOn(ILogger logger) => StoreMovedOnMessage(logger, null);

        public static void RejectedButAdopted(ILogger logger, CadenzaApiException rejection) => RejectedButAdoptedMessage(logger, rejection.StatusCode, rejection.Errno, null);

        public static void ExpiryDoubted(ILogger logger, string explanation) => ExpiryDoubtedMessage(logger, explanation, null);

        public static void StoredForOtherServer(ILogger logger, Uri stored, Uri current) => StoredForOtherServerMessage(logger, stored.GetLeftPart(UriPartial.Path), current.GetLeftPart(UriPartial.Path), null);

        public static void SignedIn(ILogger logger, AuthUser? user) => SignedInMessage(logger, Id(user), null);

        public static void Restored(ILogger logger, AuthUser? user) => RestoredMessage(logger, Id(user), null);

        public static void Refreshed(ILogger logger, DateTimeOffset? expiresAt) => RefreshedMessage(logger, expiresAt, null);

        public static void RefreshRejected(ILogger logger, CadenzaApiException rejection) => RefreshRejectedMessage(logger, rejection.StatusCode, rejection.Errno, null);

        public static void RefreshFailed(ILogger logger, Exception failure, TimeSpan retryDelay) => RefreshFailedMessage(logger, Describe(failure), retryDelay.TotalSeconds, null);

        public static void SignedOut(ILogger logger) => SignedOutMessage(logger, null);

        public static void LogoutFailed(ILogger logger, Exception failure) => LogoutFailedMessage(logger, Describe(failure), null);

        public static void HandlerFailed(ILogger logger, Exception failure, CadenzaSessionChange change) => HandlerFailedMessage(logger, failure.GetType().Name, change.ToString(), null);

        public static void StoreFailed(ILogger logger, Exception failure) => StoreFailedMessage(logger, failure.GetType().Name, null);

        private static string Id(AuthUser? user) => user?.Id?.ToString() ?? "(unknown)";

        // CadenzaApiException messages are built secret-free (masked again here: a value may have become known since);
        // other exceptions are named by type only.
        private static string Describe(Exception failure) =>
            failure is CadenzaApiException api ? KnownSecrets.Mask(api.Message) : failure.GetType().Name;
    }
}
