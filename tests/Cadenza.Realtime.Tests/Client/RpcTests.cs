using Cadenza.Client;
using Cadenza.Realtime.Tests.Support;
using Newtonsoft.Json;

namespace Cadenza.Realtime.Tests.Client;

/// <summary>WebSocket RPC: results by id, the server's errors as exceptions, timeouts and cancellation.</summary>
public class RpcTests
{
    [Test]
    public async Task A_result_is_read_as_JSON_or_as_a_type()
    {
        await using var user = await SignedInUser.StartAsync();
        await using var realtime = Live.Connect(user);

        var info = await realtime.RpcAsync("query.system.info");
        var book = await realtime.RpcAsync<OrderBookResult>("query.orderbook.get", new { instrumentId = "BINANCE:BTC/USDT", depth = 3 });

        Assert.Multiple(() =>
        {
            Assert.That((string?)info["data"]?["version"], Is.Not.Empty);
            Assert.That(book.Data?.UpdateType, Is.EqualTo("SNAPSHOT"));
            Assert.That(book.Data?.Bids, Has.Count.EqualTo(3));
        });
    }

    [Test]
    public async Task Concurrent_calls_each_get_their_own_reply()
    {
        await using var user = await SignedInUser.StartAsync();
        await using var realtime = Live.Connect(user);
        string[] instruments = ["BINANCE:BTC/USDT", "OKX:ETH/USDT", "DERIBIT:SOL/USDT", "BINANCE:ETH/BTC"];

        var books = await Task.WhenAll(instruments.Select(i => realtime.RpcAsync<OrderBookResult>("query.orderbook.get", new { instrumentId = i })));

        Assert.That(books.Select(b => b.Data?.InstrumentId), Is.EqualTo(instruments));
    }

    [TestCase("query.no.such.method", null, 104)]
    [TestCase("query.orderbook.get", "{\"instrumentId\":\"NOWHERE:BTC/USDT\"}", 107)]
    public async Task A_server_error_is_thrown_with_its_code(string method, string? data, int code)
    {
        await using var user = await SignedInUser.StartAsync();
        await using var realtime = Live.Connect(user);

        var error = Assert.ThrowsAsync<CadenzaRealtimeException>(() => realtime.RpcAsync(method, data is null ? null : Newtonsoft.Json.Linq.JToken.Parse(data)).WaitAsync(Live.HangGuard));

        Assert.That(error!.Code, Is.EqualTo(code));
        Assert.That(error.Message, Does.Contain(method));
    }

    [Test]
    public async Task A_call_without_a_reply_in_time_times_out_as_a_temporary_failure()
    {
        await using var user = await SignedInUser.StartAsync();
        user.Emulator.Realtime.RefuseConnections = true; // no connection, so no reply
        await using var realtime = Live.Connect(user, o => o.RpcTimeout = TimeSpan.FromMilliseconds(200));

        var error = Assert.ThrowsAsync<CadenzaRealtimeException>(() => realtime.RpcAsync("query.system.info").WaitAsync(Live.HangGuard));

        Assert.That(error!.IsTemporary, Is.True);
        Assert.That(error.Message, Does.Contain("no reply within 200 ms"));
    }

    [Test]
    public async Task A_cancelled_call_throws_OperationCanceledException()
    {
        await using var user = await SignedInUser.StartAsync();
        user.Emulator.Realtime.RefuseConnections = true;
        await using var realtime = Live.Connect(user);
        using var cancel = new CancellationTokenSource();

        var call = realtime.RpcAsync("query.system.info", cancellationToken: cancel.Token);
        await cancel.CancelAsync();

        Assert.CatchAsync<OperationCanceledException>(() => call.WaitAsync(Live.HangGuard));
    }

    private sealed class OrderBookResult
    {
        [JsonProperty("data")]
        public OrderBookData? Data { get; set; }
    }

    private sealed class OrderBookData
    {
        [JsonProperty("updateType")]
        public string? UpdateType { get; set; }

        [JsonProperty("instrumentId")]
        public string? InstrumentId { get; set; }

        [JsonProperty("bids")]
        public List<List<string>>? Bids { get; set; }
    }
}
