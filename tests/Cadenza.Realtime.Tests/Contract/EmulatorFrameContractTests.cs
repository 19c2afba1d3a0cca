using System.Collections.Concurrent;
using Cadenza.Realtime.Tests.Support;
using Newtonsoft.Json.Linq;

namespace Cadenza.Realtime.Tests.Contract;

/// <summary>
/// Every frame the emulator's WebSocket endpoint sends, over one session that uses every command and hook, checked
/// against the spec: each line a <c>WsReply</c> declaring nothing the spec does not, each publication's payload in its
/// channel's schema (the spec's "Available Channels" table), each RPC result in its <c>Rpc*Result</c>.
/// </summary>
public class EmulatorFrameContractTests
{
    private const string Book = "market:orderbook:BINANCE:BTC/USDT";
    private const string Ticker = "market:ticker:OKX:ETH/USDT";
    private const string VenueTickers = "market:ticker:BINANCE";
    private const string Kline = "market:kline:BINANCE:BTC/USDT:1s";
    private const string Trades = "market:trade:DERIBIT:BTC/USD";
    private const string Account = "tradingAccount:acc-123";

    /// <summary>Payload schemas by channel prefix; trades and trading accounts are left open by the spec.</summary>
    private static readonly (string Prefix, string? Schema)[] ChannelSchemas =
        [("market:orderbook:", "OrderBook"), ("market:ticker:", "Ticker"), ("market:kline:", "Kline"), ("market:trade:", null), ("tradingAccount:", null)];

    /// <summary>The emulator's RPC methods and their result models (system.* by the spec's names, which the naming rule does not reach).</summary>
    private static readonly (string Method, string Data, string Result)[] Rpcs =
    [
        ("query.system.info", "{}", "RpcGetSystemInfoResult"),
        ("query.system.check", "{}", "RpcHealthCheckResult"),
        ("query.venue.list", "{}", "RpcListVenuesResult"),
        ("query.orderbook.get", """{"instrumentId":"BINANCE:BTC/USDT","depth":3}""", "RpcGetOrderBookResult"),
        ("query.orderbook.list", """{"venue":"OKX","depth":2}""", "RpcListOrderBooksResult"),
        ("query.ticker.list", """{"instrumentIds":["BINANCE:BTC/USDT"]}""", "RpcListTickersResult"),
    ];

    [Test]
    public async Task Every_frame_is_a_wsReply_of_the_spec_with_payloads_in_their_schemas()
    {
        await using var user = await SignedInUser.StartAsync(o => o.Realtime.PingInterval = TimeSpan.FromSeconds(1));
        var frames = new ConcurrentQueue<string>();
        user.Emulator.Realtime.FrameSent += frames.Enqueue;
        await using var client = new ScriptedClient(await RawSocket.OpenAsync(user.Emulator.Realtime.Address));
        var rpcResults = new Dictionary<uint, string>();
        var token = await user.Session.GetAccessTokenAsync();

        await client.CallAsync("connect", $$"""{"token":"{{token}}"}""");
        foreach (var channel in new[] { Book, Ticker, VenueTickers, Kline, Trades, Account })
        {
            await client.CallAsync("subscribe", $$"""{"channel":"{{channel}}"}""");
        }

        foreach (var (channel, count) in new[] { (Book, 6), (Ticker, 1), (VenueTickers, 3), (Kline, 1), (Trades, 1), (Account, 3) })
        {
            Enumerable.Range(0, count).ToList().ForEach(_ => user.Emulator.Realtime.PublishNext(channel));
        }

        await Task.Delay(TimeSpan.FromSeconds(1.1)); // the 1 s bar closes, and the server pings
        user.Emulator.Realtime.PublishNext(Kline);
        await client.CallAsync("refresh", $$"""{"token":"{{token}}"}""");
        await client.CallAsync("ping", "{}");
        await client.CallAsync("history", $$"""{"channel":"{{Book}}","limit":2}""");
        await client.CallAsync("history", $$$"""{"channel":"{{{Book}}}","since":{"offset":1,"epoch":"not-the-epoch"}}""");
        var duplicate = (await client.CallAsync("subscribe", $$"""{"channel":"{{Book}}"}""")).Value<JObject>("error"); // already subscribed
        var top = (await client.CallAsync("history", $$"""{"channel":"{{Book}}","limit":1,"reverse":true}"""))["history"]!;
        await client.CallAsync("unsubscribe", $$"""{"channel":"{{Book}}"}""");
        user.Emulator.Realtime.PublishNext(Book);
        await client.CallAsync("subscribe", $$"""{"channel":"{{Book}}","recover":true,"offset":{{(long)top["offset"]!}},"epoch":"{{top["epoch"]}}"}""");
        foreach (var (method, data, result) in Rpcs)
        {
            rpcResults[await client.SendAsync("rpc", $$"""{"method":"{{method}}","data":{{data}}}""")] = result;
        }

        await client.CallAsync("rpc", """{"method":"query.no.such.method"}""");
        await client.CallAsync("rpc", """{"method":"query.orderbook.get","data":{"instrumentId":"NOWHERE"}}""");
        await client.CallAsync("publish", $$$"""{"channel":"{{{Trades}}}","data":{}}""");
        await client.CallAsync("presence", $$"""{"channel":"{{Trades}}"}""");
        await client.CallAsync("subscribe", """{"channel":"market:nowhere"}""");
        user.Emulator.Realtime.Unsubscribe(Ticker, 2500, "subscribe again");
        await client.CallAsync("ping", "{}"); // everything before it has been sent

        var lines = frames.SelectMany(f => f.Split('\n')).Select(JObject.Parse).ToList();
        var problems = lines.SelectMany(line => Problems(line, rpcResults)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(duplicate, Is.Not.Null, "the duplicate subscribe was refused");
            Assert.That(problems, Is.Empty);
            Assert.That(Kinds(lines), Is.SupersetOf(new[]
            {
                "connect", "subscribe", "unsubscribe", "refresh", "ping", "history", "rpc", "error", "push.pub", "push.unsubscribe", "server ping",
            }));
            Assert.That(lines.Count(l => l["push"]?["pub"] != null), Is.EqualTo(16), "every publication pushed was seen");
            Assert.That(lines.Count(l => l["subscribe"]?["publications"] is JArray { Count: 1 }), Is.EqualTo(1), "the recovered publication");
            Assert.That(lines.Count(l => l["rpc"] != null), Is.EqualTo(Rpcs.Length));
        });
    }

    [TestCase("""{"id":1,"connct":{}}""", "#/connct: not declared")]
    [TestCase("""{"push":{"channel":"c","pub":{"data":{},"offsett":1}}}""", "#/push/pub/offsett: not declared")]
    [TestCase("""{"id":"one"}""", "IntegerExpected")]
    [TestCase("""{"id":2,"error":{"code":100}}""", "PropertyRequired")]
    [TestCase("""{"id":3,"subscribe":{"publications":[{"offset":"1"}]}}""", "IntegerExpected")]
    public void The_check_finds_what_the_spec_does_not_allow(string line, string expected)
    {
        Assert.That(WsSpec.Problems(JObject.Parse(line), "WsReply", strict: true), Has.Some.Contains(expected));
    }

    [Test]
    public void The_check_finds_a_payload_outside_its_channel_schema()
    {
        var book = JObject.Parse("""{"updateType":"SNAPSHOT","venue":"BINANCE","symbol":"BTC/USDT","orderBookType":"L2","columns":[],"bids":[],"asks":[],"timestamp":1,"sequence":7}""");

        Assert.That(WsSpec.Problems(book, "OrderBook", strict: true), Has.Some.Contains("#/sequence: not declared"));
        Assert.That(WsSpec.Problems(new JObject(book.Properties().Where(p => p.Name != "timestamp")), "OrderBook", strict: false), Has.Some.Contains("PropertyRequired"));
    }

    private static IEnumerable<string> Problems(JObject line, IReadOnlyDictionary<uint, string> rpcResults)
    {
        var problems = WsSpec.Problems(line, "WsReply", strict: true).Select(p => $"{line}: {p}").ToList();
        // Only pushes name their channel; the subscribe and history results with publications here are all the order book's.
        var channel = (string?)line["push"]?["channel"] ?? Book;
        var publications = new[] { line["push"]?["pub"] }.Concat(line["subscribe"]?["publications"] ?? new JArray()).Concat(line["history"]?["publications"] ?? new JArray());
        foreach (var publication in publications.OfType<JObject>())
        {
            var schema = ChannelSchemas.FirstOrDefault(c => channel.StartsWith(c.Prefix, StringComparison.Ordinal)).Schema;
            if (schema != null)
            {
                problems.AddRange(WsSpec.Problems(publication["data"]!, schema, strict: true).Select(p => $"{channel} #{publication["offset"]}: {p}"));
            }
        }

        if (line["rpc"] is JObject rpc && rpcResults.TryGetValue((uint)line["id"]!, out var result))
        {
            problems.AddRange(WsSpec.Problems(rpc["data"]!, result, strict: true).Select(p => $"rpc {line["id"]}: {p}"));
        }

        return problems;
    }

    private static HashSet<string> Kinds(IEnumerable<JObject> lines) =>
    [
        .. lines.SelectMany(line => line.Count == 0 ? ["server ping"]
            : line.Properties().Where(p => p.Name != "id").SelectMany(p => p.Name == "push" ? ((JObject)p.Value).Properties().Where(q => q.Name != "channel").Select(q => "push." + q.Name) : [p.Name])),
    ];

    /// <summary>Sends commands with increasing ids and reads until each one's reply, answering server pings on the way.</summary>
    private sealed class ScriptedClient(RawSocket socket) : IAsyncDisposable
    {
        private readonly Dictionary<uint, JObject> _replies = [];
        private uint _lastId;

        public async Task<uint> SendAsync(string command, string body)
        {
            var id = ++_lastId;
            await socket.SendAsync($$"""{"id":{{id}},"{{command}}":{{body}}}""");
            return id;
        }

        public async Task<JObject> CallAsync(string command, string body)
        {
            var id = await SendAsync(command, body);
            while (!_replies.ContainsKey(id))
            {
                var reply = await socket.ReceiveAsync() ?? throw new AssertionException($"the emulator closed the connection before replying to {command}");
                if (reply.Count == 0)
                {
                    await socket.SendAsync("{}");
                }
                else if ((uint?)reply["id"] is { } replyId && replyId > 0)
                {
                    _replies[replyId] = reply;
                }
            }

            return _replies[id];
        }

        public ValueTask DisposeAsync() => socket.DisposeAsync();
    }
}
