using Cadenza.Realtime.Tests.Support;

namespace Cadenza.Realtime.Tests.Contract;

/// <summary>
/// The typed RPC methods against the spec: every rpcMethod a client calls is typed or deliberately generic, every
/// typed method sends a method the spec lists with the models of one name, and no params model is silently left over.
/// The tie is derived by RpcMethodRule (Cadenza.Client.Generators) from the generated code; this checks its outcome
/// against the YAML itself.
/// </summary>
public class RpcMethodTieTests
{
    /// <summary>The callable methods the naming rule ties to no models, and why: these go through CadenzaRpc.CallAsync.</summary>
    private static readonly Dictionary<string, string> DeliberatelyGeneric = new()
    {
        ["query.system.info"] = "its models are RpcGetSystemInfo*: the verb is not in the method name",
        ["query.system.check"] = "its models are RpcHealthCheck*",
        ["command.trading_account.subscribe"] = "its models are RpcSubscribeTradingAccountStream*",
        ["command.trading_account.unsubscribe"] = "its models are RpcUnsubscribeTradingAccountStream*",
        ["command.market.subscription.orderbook.subscribe"] = "its models are RpcSubscribeOrderBook*",
        ["command.market.subscription.orderbook.unsubscribe"] = "its models are RpcUnsubscribeOrderBook*",
        ["query.market.subscription.orderbook.list"] = "its models are RpcListOrderBookSubscriptions*",
        ["command.quote.rfq"] = "the spec has no models for it",
        ["command.fermata.dealer.link"] = "the spec has no models for it",
        ["command.fermata.dealer.unlink"] = "the spec has no models for it",
        ["command.fermata.wallet.create"] = "the spec has no models for it",
        ["query.fermata.wallet.list"] = "the spec has no models for it",
        ["command.fermata.wallet.transfer"] = "the spec has no models for it",
        ["command.fermata.wallet.freeze"] = "the spec has no models for it",
        ["command.fermata.wallet.unfreeze"] = "the spec has no models for it",
        ["command.fermata.wallet.close"] = "the spec has no models for it",
        ["command.subscription.mc.create"] = "the spec has no models for it",
    };

    /// <summary>The params models no method is tied to by name: the counterparts of the first seven above.</summary>
    private static readonly string[] UntiedModels =
    [
        "RpcGetSystemInfoParams", "RpcHealthCheckParams", "RpcSubscribeTradingAccountStreamParams", "RpcUnsubscribeTradingAccountStreamParams",
        "RpcSubscribeOrderBookParams", "RpcUnsubscribeOrderBookParams", "RpcListOrderBookSubscriptionsParams",
    ];

    [Test]
    public async Task Every_rpcMethod_a_client_calls_is_typed_or_deliberately_generic_and_no_other_is_typed()
    {
        var typed = await SentByTypedMethodsAsync();
        var callable = WsSpec.RpcMethods.Where(m => m.StartsWith("query.", StringComparison.Ordinal) || m.StartsWith("command.", StringComparison.Ordinal)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(typed.Values, Is.Unique, "one typed method per rpcMethod");
            Assert.That(typed.Values, Is.SubsetOf(callable), "only query.* and command.* are calls (response.* and event.* are the server's)");
            Assert.That(typed.Values.Intersect(DeliberatelyGeneric.Keys), Is.Empty, "typed and generic at once");
            Assert.That(callable.Except(typed.Values).Except(DeliberatelyGeneric.Keys), Is.Empty, "neither typed nor deliberately generic");
            Assert.That(DeliberatelyGeneric.Keys, Is.SubsetOf(callable), "a generic method the spec no longer lists");
            Assert.That(typed, Has.Count.EqualTo(47));
        });
    }

    [Test]
    public async Task Every_typed_method_takes_and_returns_the_spec_models_of_one_name()
    {
        foreach (var (method, rpcMethod) in await SentByTypedMethodsAsync())
        {
            var parameters = method.GetParameters()[0].ParameterType.Name;
            var result = method.ReturnType.GetGenericArguments().Single().Name;
            var stem = parameters["Rpc".Length..^"Params".Length];
            Assert.Multiple(() =>
            {
                Assert.That(parameters, Does.StartWith("Rpc").And.EndWith("Params"), rpcMethod);
                Assert.That(result, Is.EqualTo("Rpc" + stem + "Result"), rpcMethod);
                Assert.That(method.Name, Is.EqualTo(stem + "Async"), rpcMethod);
                Assert.That(WsSpec.Schemas.Keys, Does.Contain(parameters).And.Contain(result), rpcMethod);
                Assert.That(Letters(rpcMethod), Does.Contain(Letters(rpcMethod.Split('.')[^1].Split('_')[0])), rpcMethod);
            });
        }
    }

    [TestCase("query.orderbook.get", "GetOrderBookAsync")]
    [TestCase("query.orderbook.list", "ListOrderBooksAsync")]
    [TestCase("query.trade_order.get_by_id", "GetTradeOrderByIdAsync")]
    [TestCase("query.security.list", "ListSecuritiesAsync")]
    [TestCase("command.trading_account.save", "SaveTradingAccountsAsync")]
    [TestCase("query.trading_account.operation.list", "ListTradingAccountOperationsAsync")]
    [TestCase("command.trade_order.submit", "SubmitTradeOrderAsync")]
    public async Task Ties_by_name(string rpcMethod, string typedMethod)
    {
        var typed = await SentByTypedMethodsAsync();

        Assert.That(typed.Single(t => t.Value == rpcMethod).Key.Name, Is.EqualTo(typedMethod));
    }

    [Test]
    public async Task Every_params_model_of_the_spec_belongs_to_a_typed_method_or_is_listed_as_untied()
    {
        var used = (await SentByTypedMethodsAsync()).Keys.Select(m => m.GetParameters()[0].ParameterType.Name);
        var all = WsSpec.Schemas.Keys.Where(k => k.StartsWith("Rpc", StringComparison.Ordinal) && k.EndsWith("Params", StringComparison.Ordinal));

        Assert.That(all, Is.EquivalentTo(used.Concat(UntiedModels)));
    }

    private static async Task<Dictionary<System.Reflection.MethodInfo, string>> SentByTypedMethodsAsync()
    {
        await using var realtime = new RecordingRealtime();
        var sent = new Dictionary<System.Reflection.MethodInfo, string>();
        foreach (var method in RecordingRealtime.TypedMethods)
        {
            sent[method] = await realtime.SentByAsync(method);
        }

        return sent;
    }

    private static string Letters(string text) => new([.. text.Where(char.IsLetter).Select(char.ToLowerInvariant)]);
}
