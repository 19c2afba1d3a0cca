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
        public static (int ExitCode, string Message) Describe(Exception exception, Uri? server)
        {
            var where = server?.AbsoluteUri ?? "the Cadenza server";
            switch (exception)
            {
                case UsageException usage:
                    return (ExitCodes.Usage, OneLine(usage.Message));
                case CliFailure failure:
                    return (ExitCodes.Failure, OneLine(failure.Message));
                case CadenzaApiException api:
                    // Built by the SDK to be one secret-free line: status, errno, error, code, request id.
                    return (ExitCodes.Failure, OneLine(api.Message));
                case HttpRequestException network:
                    return (ExitCodes.Failure, $"Cannot reach {where}: {NetworkProblem(network)}");
                case OperationCanceledException { InnerException: TimeoutException }:
                    return (ExitCodes.Failure, $"Cannot reach {where}: no answer in time");
                case OperationCanceledException:
                    return (ExitCodes.Failure, "Cancelled.");
                default:
                    return (ExitCodes.Failure, $"Unexpected failure ({exception.GetType().Name}): {OneLine(exception.Message)} (set {CliSettings.DebugVariable}=1 for details)");
            }
        }

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
