using Cadenza.Client;
using Cadenza.Client.Realtime;
using Cadenza.Realtime.Tests.Support;

namespace Cadenza.Realtime.Tests.Client;

/// <summary>The typed RPC methods (CadenzaRpc) and CallAsync by RpcMethod, against the emulator: the spec's models both ways.</summary>
public class TypedRpcTests
{
    [Test]
    public async Task GetOrderBookAsync_sends_RpcGetOrderBookParams_and_reads_RpcGetOrderBookResult()
    {
        await using var user = await SignedInUser.StartAsync();
        await using var realtime = Live.Connect(user);

        var result = await realtime.Rpc.GetOrderBookAsync(new RpcGetOrderBookParams { InstrumentId = "BINANCE:BTC/USDT", Depth = 4 });

        Assert.Multiple(() =>
        {
            Assert.That(result.Error, Is.Null);
            Assert.That(result.Data!.UpdateType, Is.EqualTo(UpdateType.Snapshot));
            Assert.That(result.Data.Venue, Is.EqualTo(Venue.Binance));
            Assert.That(result.Data.Bids, Has.Count.EqualTo(4));
            Assert.That(result.Data.Asks, Has.Count.EqualTo(4));
        });
    }

    [Test]
    public async Task List_methods_read_lists_of_the_spec_models()
    {
        await using var user = await SignedInUser.StartAsync();
        await using var realtime = Live.Connect(user);

        var venues = await realtime.Rpc.ListVenuesAsync(new RpcListVenuesParams());
        var tickers = await realtime.Rpc.ListTickersAsync(new RpcListTickersParams { Venue = Venue.Okx });
        var books = await realtime.Rpc.ListOrderBooksAsync(new RpcListOrderBooksParams { InstrumentIds = ["BINANCE:BTC/USDT", "OKX:ETH/USDT"], Depth = 2 });

        Assert.Multiple(() =>
        {
            Assert.That(venues.Data, Does.Contain(Venue.Binance).And.Contain(Venue.IbkrPaper).And.No.EqualTo(Venue.Unrecognized));
            Assert.That(tickers.Data!.Select(t => t.Symbol), Is.EquivalentTo(new[] { "BTC/USDT", "ETH/USDT", "SOL/USDT" }));
            Assert.That(tickers.Data!.Select(t => t.Venue), Is.All.EqualTo(Venue.Okx));
            Assert.That(books.Data!.Select(b => b.InstrumentId), Is.EqualTo(new[] { "BINANCE:BTC/USDT", "OKX:ETH/USDT" }));
            Assert.That(books.Data!.Select(b => b.Bids.Count), Is.All.EqualTo(2));
        });
    }

    [Test]
    public async Task A_method_without_a_typed_wrapper_is_called_by_its_RpcMethod_with_the_spec_models()
    {
        await using var user = await SignedInUser.StartAsync();
        await using var realtime = Live.Connect(user);

        var info = await realtime.Rpc.CallAsync<RpcGetSystemInfoResult>(RpcMethod.QuerySystemInfo, new RpcGetSystemInfoParams());
        var health = await realtime.Rpc.CallAsync<RpcHealthCheckResult>(RpcMethod.QuerySystemCheck);

        Assert.Multiple(() =>
        {
            Assert.That(info.Data!.Version, Is.EqualTo("3.0.0"));
            Assert.That(health.Data!.Status, Is.EqualTo(HealthStatus.Healthy));
        });
    }

    [Test]
    public async Task A_method_the_server_does_not_serve_fails_with_its_code()
    {
        await using var user = await SignedInUser.StartAsync();
        await using var realtime = Live.Connect(user);

        var error = Assert.ThrowsAsync<CadenzaRealtimeException>(() =>
            realtime.Rpc.SubmitTradeOrderAsync(new RpcSubmitTradeOrderParams { TradingAccountId = Guid.NewGuid(), TradeOrder = new RpcTradeOrder() }).WaitAsync(Live.HangGuard));

        Assert.That(error!.Code, Is.EqualTo(104));
        Assert.That(error.Message, Does.Contain("command.trade_order.submit"));
    }

    [Test]
    public void A_result_that_carries_an_error_is_thrown_with_the_error_code()
    {
        var result = new RpcGetOrderBookResult { Error = new RpcError { Code = 11000, Message = "Invalid order parameters\nsecond line", Temporary = true } };

        var error = Assert.Throws<CadenzaRealtimeException>(() => RpcResultError<RpcGetOrderBookResult>.ThrowIfFailed("query.orderbook.get", result))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo(11000));
            Assert.That(error.IsTemporary, Is.True);
            Assert.That(error.Message, Is.EqualTo("The RPC query.orderbook.get failed: Invalid order parameters second line (11000)."));
            Assert.DoesNotThrow(() => RpcResultError<RpcGetOrderBookResult>.ThrowIfFailed("m", new RpcGetOrderBookResult { Error = new RpcError { Code = 0 } }), "code 0 is no error");
            Assert.DoesNotThrow(() => RpcResultError<string>.ThrowIfFailed("m", "a type without an error is never checked"));
        });
    }

    [Test]
    public async Task Bad_arguments_are_refused_before_anything_is_sent()
    {
        await using var realtime = new CadenzaRealtime(new CadenzaSession(new Uri("http://127.0.0.1:9/")), new Uri("ws://127.0.0.1:9/connection/websocket"));

        var noParameters = Assert.ThrowsAsync<ArgumentNullException>(() => realtime.Rpc.GetOrderBookAsync(null!));
        var unknownMethod = Assert.ThrowsAsync<ArgumentException>(() => realtime.Rpc.CallAsync<object>(RpcMethod.Unrecognized));
        var unsendable = Assert.ThrowsAsync<ArgumentException>(() => realtime.Rpc.ListTickersAsync(new RpcListTickersParams { Venue = Venue.Unrecognized }));

        Assert.Multiple(() =>
        {
            Assert.That(noParameters!.Message, Does.StartWith("The RPC query.orderbook.get needs its parameters"));
            Assert.That(unknownMethod!.Message, Does.Contain("RpcMethod values the spec lists"));
            Assert.That(unsendable!.Message, Does.StartWith("The parameters of the RPC query.ticker.list cannot be sent").And.Contain("Unrecognized"));
            Assert.That(realtime.State, Is.EqualTo(CadenzaRealtimeState.Idle));
        });
    }
}
