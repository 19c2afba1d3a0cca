using System;
using System.Collections.Generic;
using System.Linq;

namespace Cadenza.Client.Generators
{
    /// <summary>
    /// Which <c>Rpc*Params</c>/<c>Rpc*Result</c> schemas belong to a WebSocket RPC method. The spec does not say (its
    /// <c>WsRPCRequestData</c> only lists every params schema), so the tie is by name:
    /// <list type="bullet">
    /// <item>only <c>query.*</c> and <c>command.*</c> are calls (<c>response.*</c> and <c>event.*</c> are the server's messages);</item>
    /// <item><c>{category}.{resource…}.{action}</c> takes <c>Rpc{Verb}{Resource}{Rest}Params</c> and returns
    /// <c>Rpc{Verb}{Resource}{Rest}Result</c>, where Verb is the action's first word, Rest its other words, and Resource
    /// the resource's words, all in PascalCase (<c>query.trade_order.get_by_id</c> → <c>GetTradeOrderById</c>);</item>
    /// <item>the resource may be plural (+s, y → ies: <c>query.security.list</c> → <c>ListSecurities</c>);</item>
    /// <item>names are compared ignoring case (<c>query.orderbook.get</c> → <c>GetOrderBook</c>);</item>
    /// <item>a tie needs both schemas and exactly one match; anything else is left to the generic call.</item>
    /// </list>
    /// </summary>
    internal static class RpcMethodRule
    {
        /// <summary>Whether clients call <paramref name="method"/> (a <c>query.*</c> or <c>command.*</c> method).</summary>
        public static bool IsCall(string method) =>
            method.StartsWith("query.", StringComparison.Ordinal) || method.StartsWith("command.", StringComparison.Ordinal);

        /// <summary>The schema name stems the rule allows for <paramref name="method"/> (<c>GetOrderbook</c>, <c>GetOrderbooks</c>), to compare ignoring case.</summary>
        public static IReadOnlyList<string> Candidates(string method)
        {
            var parts = method.Split('.');
            if (!IsCall(method) || parts.Length < 3 || parts.Any(p => p.Length == 0))
            {
                return Array.Empty<string>();
            }

            var action = parts[parts.Length - 1].Split('_');
            var verb = Pascal(action[0]);
            var rest = string.Concat(action.Skip(1).Select(Pascal));
            var resource = string.Concat(parts.Skip(1).Take(parts.Length - 2).SelectMany(p => p.Split('_')).Select(Pascal));
            return new[] { resource, Plural(resource) }.Select(r => verb + r + rest).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        }

        /// <summary>
        /// The <c>Rpc{stem}Params</c> and <c>Rpc{stem}Result</c> type names (as spelled in <paramref name="typeNames"/>) for
        /// <paramref name="method"/>; null when no stem has both, or when more than one has (<paramref name="ambiguous"/> then lists them).
        /// </summary>
        public static RpcTie? Tie(string method, IEnumerable<string> typeNames, out IReadOnlyList<string> ambiguous)
        {
            var byLowerName = typeNames.GroupBy(n => n.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.First());
            var matches = new List<RpcTie>();
            foreach (var stem in Candidates(method))
            {
                if (byLowerName.TryGetValue(("Rpc" + stem + "Params").ToLowerInvariant(), out var parameters)
                    && byLowerName.TryGetValue(("Rpc" + stem + "Result").ToLowerInvariant(), out var result)
                    && !matches.Any(m => m.ParamsType == parameters))
                {
                    matches.Add(new RpcTie(method, parameters, result));
                }
            }

            ambiguous = matches.Count > 1 ? matches.Select(m => m.ParamsType).ToList() : (IReadOnlyList<string>)Array.Empty<string>();
            return matches.Count == 1 ? matches[0] : null;
        }

        private static string Pascal(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word.Substring(1);

        private static string Plural(string name) =>
            name.Length > 1 && name.EndsWith("y", StringComparison.Ordinal) && "aeiou".IndexOf(name[name.Length - 2]) < 0
                ? name.Substring(0, name.Length - 1) + "ies"
                : name + "s";
    }

    /// <summary>A method tied to its models: <c>query.orderbook.get</c>, <c>RpcGetOrderBookParams</c>, <c>RpcGetOrderBookResult</c>.</summary>
    internal sealed class RpcTie
    {
        public RpcTie(string method, string paramsType, string resultType)
        {
            Method = method;
            ParamsType = paramsType;
            ResultType = resultType;
        }

        public string Method { get; }

        public string ParamsType { get; }

        public string ResultType { get; }

        /// <summary>The typed method's name: the params type without <c>Rpc</c> and <c>Params</c>, plus <c>Async</c>.</summary>
        public string MethodName => ParamsType.Substring(3, ParamsType.Length - 3 - "Params".Length) + "Async";
    }
}
