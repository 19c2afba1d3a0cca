using System.Reflection;

namespace Cadenza.Client.Realtime
{
    /// <summary>
    /// Reads the <c>error</c> every <c>Rpc*Result</c> model carries (the spec's <c>RpcError</c>: a non-zero code means the
    /// call failed) and throws it, so that whichever way an RPC is called, a result it returns is a success.
    /// </summary>
    /// <typeparam name="TResult">The result's type; one without an <c>Error</c> property of type <see cref="RpcError"/> is never checked.</typeparam>
    internal static class RpcResultError<TResult>
    {
        private static readonly PropertyInfo? Error = FindError();

        /// <exception cref="CadenzaRealtimeException"><paramref name="result"/>'s error has a non-zero code.</exception>
        public static void ThrowIfFailed(string method, TResult result)
        {
            if (Error != null && result != null && Error.GetValue(result) is RpcError { Code: not 0 } failed)
            {
                throw new CadenzaRealtimeException(
                    $"The RPC {method} failed: {Redaction.OneLine(failed.Message ?? "", 300)} ({failed.Code}).", failed.Code, failed.Temporary ?? false);
            }
        }

        private static PropertyInfo? FindError()
        {
            var property = typeof(TResult).GetProperty("Error", BindingFlags.Public | BindingFlags.Instance);
            return property?.PropertyType == typeof(RpcError) && property.GetIndexParameters().Length == 0 ? property : null;
        }
    }
}
