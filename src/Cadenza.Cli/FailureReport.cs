using System;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Cadenza.Client;

namespace Cadenza.Cli
{
    /// <summary>Turns any exception into an exit code and one line for standard error. Never a stack trace.</summary>
    internal static class FailureReport
    {
        public static CliError Describe(Exception exception, Uri? server)
        {
            var where = server?.AbsoluteUri ?? "the Cadenza server";
            switch (exception)
            {
                case UsageException usage:
                    return new CliError(ExitCodes.Usage, OneLine(usage.Message), Code: CliErrorCodes.Usage);
                case CliFailure failure:
                    var cause = failure.InnerException as CadenzaApiException;
                    return new CliError(ExitCodes.Failure, OneLine(failure.Message), StatusOf(cause), cause?.Errno, failure.Code);
                case CadenzaSessionExpiredException expired:
                    return new CliError(ExitCodes.Failure, OneLine(expired.Message), StatusOf(expired), expired.Errno, expired.ErrorCode ?? CliErrorCodes.SessionExpired);
                case CadenzaApiException api:
                    // Built by the SDK to be one secret-free line: status, errno, error, code, request id.
                    return new CliError(ExitCodes.Failure, OneLine(api.Message), StatusOf(api), api.Errno, api.ErrorCode);
                case HttpRequestException network:
                    return new CliError(ExitCodes.Failure, $"Cannot reach {where}: {NetworkProblem(network)}", Code: CliErrorCodes.Unreachable);
                case OperationCanceledException { InnerException: TimeoutException }:
                    return new CliError(ExitCodes.Failure, $"Cannot reach {where}: no answer in time", Code: CliErrorCodes.Unreachable);
                case OperationCanceledException:
                    return new CliError(ExitCodes.Failure, "Cancelled.", Code: CliErrorCodes.Cancelled);
                default:
                    return new CliError(
                        ExitCodes.Failure,
                        $"Unexpected failure ({exception.GetType().Name}): {OneLine(exception.Message)} (set {CliSettings.DebugVariable}=1 for details)",
                        Code: CliErrorCodes.Unexpected);
            }
        }

        // 0 means "no HTTP response led here" (an expired session that was never refreshed).
        private static int? StatusOf(CadenzaApiException? exception) => exception is { StatusCode: > 0 } ? exception.StatusCode : (int?)null;

        public static string OneLine(string text)
        {
            var line = new StringBuilder(text.Length);
            foreach (var c in text)
            {
                line.Append(char.IsControl(c) ? ' ' : c);
            }

            return line.ToString().Trim();
        }

        // The socket error says it best ("connection refused"); HttpRequestError covers the cases without one.
        private static string NetworkProblem(HttpRequestException exception)
        {
            for (Exception? cause = exception; cause != null; cause = cause.InnerException)
            {
                if (cause is SocketException socket)
                {
                    return socket.SocketErrorCode switch
                    {
                        SocketError.ConnectionRefused => "connection refused",
                        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host not found",
                        SocketError.TimedOut => "connection timed out",
                        SocketError.NetworkUnreachable => "network unreachable",
                        SocketError.HostUnreachable => "host unreachable",
                        SocketError.ConnectionReset => "connection reset",
                        _ => OneLine(socket.Message),
                    };
                }

                if (cause is AuthenticationException tls)
                {
                    return "TLS handshake failed: " + OneLine(tls.Message);
                }
            }

            return exception.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => "host not found",
                HttpRequestError.SecureConnectionError => "TLS handshake failed",
                HttpRequestError.ConnectionError => "connection failed",
                HttpRequestError.ResponseEnded => "the server closed the connection",
                _ => OneLine(exception.Message),
            };
        }
    }
}
