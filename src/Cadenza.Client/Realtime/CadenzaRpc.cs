using System;
using System.Threading;
using System.Threading.Tasks;

namespace Cadenza.Client
{
    /// <summary>
    /// The WebSocket RPC methods whose parameter and result models the spec names, one typed method each, over a
    /// <see cref="CadenzaRealtime"/> connection (<see cref="CadenzaRealtime.Rpc"/>).
    /// </summary>
    /// <remarks>
    /// <para>The spec does not say which <c>Rpc*Params</c>/<c>Rpc*Result</c> schemas belong to which <see cref="RpcMethod"/>;
    /// the tie is derived by name, at build time, from the generated code (Cadenza.Client.Generators,
    /// <c>RpcMethodRule.cs</c>): a method <c>{query|command}.{resource}.{action}</c> takes
    /// <c>Rpc{Action}{Resource}Params</c> and returns <c>Rpc{Action}{Resource}Result</c>, the resource's words in
    /// PascalCase, singular or plural, the action's words after the first going after the resource
    /// (<c>query.trade_order.get_by_id</c> → <c>RpcGetTradeOrderById…</c>), letters compared without regard to case
    /// (<c>query.orderbook.get</c> → <c>RpcGetOrderBook…</c>). A method that matches no pair (for example
    /// <c>query.system.info</c>, whose models are <c>RpcGetSystemInfo…</c>) has no typed method here: call it with
    /// <see cref="CallAsync{TResult}"/>.</para>
    /// <para>Every result model carries an <c>error</c>; a result whose error has a non-zero code throws
    /// <see cref="CadenzaRealtimeException"/> with that code (however the method is called), so a returned result is a
    /// success. Calls are never retried for you: a <c>command.*</c> method may not be safe to repeat.</para>
    /// </remarks>
    public partial class CadenzaRpc
    {
        private readonly CadenzaRealtime _realtime = null!;

        internal CadenzaRpc(CadenzaRealtime realtime)
        {
            _realtime = realtime;
        }

        /// <summary>For mocking: creates an instance whose members must all be overridden.</summary>
        protected CadenzaRpc()
        {
        }

        /// <summary>
        /// Calls any WebSocket RPC method the spec lists, by its <see cref="RpcMethod"/> member: the way to call the
        /// methods that have no typed method here (<c>await rpc.CallAsync&lt;RpcGetSystemInfoResult&gt;(RpcMethod.QuerySystemInfo)</c>).
        /// </summary>
        /// <typeparam name="TResult">The result's type: the method's <c>Rpc*Result</c> model, or <see cref="Newtonsoft.Json.Linq.JToken"/>.</typeparam>
        /// <param name="method">The method, e.g. <see cref="RpcMethod.QuerySystemInfo"/> (<c>query.system.info</c> on the wire).</param>
        /// <param name="parameters">The parameters (the method's <c>Rpc*Params</c>); null for none.</param>
        /// <param name="cancellationToken">Stops waiting for the reply.</param>
        /// <returns>The result.</returns>
        /// <exception cref="ArgumentException"><paramref name="method"/> is <see cref="RpcMethod.Unrecognized"/>.</exception>
        /// <exception cref="CadenzaRealtimeException">An error reply or a result with an error, no reply within the RPC timeout, or the connection lost before the reply.</exception>
        public virtual Task<TResult> CallAsync<TResult>(RpcMethod method, object? parameters = null, CancellationToken cancellationToken = default) =>
            _realtime.RpcAsync<TResult>(Realtime.WireNames.Of(method, nameof(method)), parameters, cancellationToken);

        // The typed methods (CadenzaRpc.g.cs) call this: parameters are required, and a result is never null.
        private async Task<TResult> InvokeAsync<TResult>(string method, object parameters, CancellationToken cancellationToken)
            where TResult : class
        {
            if (parameters is null)
            {
                throw new ArgumentNullException(nameof(parameters), $"The RPC {method} needs its parameters (an empty object when there are none).");
            }

            return await _realtime.RpcAsync<TResult>(method, parameters, cancellationToken).ConfigureAwait(false)
                ?? throw new CadenzaRealtimeException($"The RPC {method} returned no result (null).", 0, isTemporary: false);
        }
    }
}
