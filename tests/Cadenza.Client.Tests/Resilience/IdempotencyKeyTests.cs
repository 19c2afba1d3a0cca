using System.Net;
using Cadenza.Client.Tests.Support;
using Newtonsoft.Json.Linq;

namespace Cadenza.Client.Tests.Resilience;

/// <summary>The SDK fills in an empty idempotency key on the caller's own request object, once per call; never over the caller's.</summary>
public class IdempotencyKeyTests
{
    [Test]
    public async Task An_empty_idempotency_key_is_filled_with_a_fresh_GUID_that_the_caller_can_read()
    {
        using var server = new MockServer(HttpStatusCode.OK, Bodies.Envelope("[]"));
        var order = NewOrder();

        await new TradingClient(server.Http).SubmitTradeOrderAsync(order);

        var sent = JObject.Parse(server.Requests.Single().Body!);
        Assert.Multiple(() =>
        {
            Assert.That(Guid.TryParse(order.IdempotencyKey, out _), Is.True, order.IdempotencyKey);
            Assert.That((string?)sent["idempotencyKey"], Is.EqualTo(order.IdempotencyKey));
            Assert.That(sent.ContainsKey("clientOrderId"), Is.False, "clientOrderId is the caller's own reference: never invented");
        });
    }

    [Test]
    public async Task A_callers_own_key_is_never_replaced()
    {
        using var server = new MockServer(HttpStatusCode.OK, Bodies.Envelope("[]"));
        var order = NewOrder();
        order.IdempotencyKey = "my-key-1";

        await new TradingClient(server.Http).SubmitTradeOrderAsync(order);

        Assert.That((order.IdempotencyKey, (string?)JObject.Parse(server.Requests.Single().Body!)["idempotencyKey"]), Is.EqualTo(("my-key-1", "my-key-1")));
    }

    [Test]
    public async Task A_callers_clientOrderId_is_the_key_and_no_other_is_added()
    {
        using var server = new MockServer(HttpStatusCode.OK, Bodies.Envelope("[]"));
        var order = NewOrder();
        order.ClientOrderId = "desk-7-order-42";

        await new TradingClient(server.Http).SubmitTradeOrderAsync(order);

        var sent = JObject.Parse(server.Requests.Single().Body!);
        Assert.That(order.IdempotencyKey, Is.Null, "a second key next to the caller's would change what the server dedupes on");
        Assert.That((sent.ContainsKey("idempotencyKey"), (string?)sent["clientOrderId"]), Is.EqualTo((false, "desk-7-order-42")));
    }

    [Test]
    public async Task Sending_the_same_request_object_again_repeats_the_same_call_with_the_same_key()
    {
        using var server = new MockServer(HttpStatusCode.OK, Bodies.Envelope("[]"));
        var trading = new TradingClient(server.Http);
        var order = NewOrder();

        await trading.SubmitTradeOrderAsync(order);
        await trading.SubmitTradeOrderAsync(order);
        await trading.SubmitTradeOrderAsync(NewOrder());

        var keys = server.Requests.Select(r => (string?)JObject.Parse(r.Body!)["idempotencyKey"]).ToList();
        Assert.That(keys[0], Is.EqualTo(keys[1]), "the same object is the same order: the server answers it as the first time");
        Assert.That(keys[2], Is.Not.EqualTo(keys[0]), "a new request object is a new order");
    }

    [Test]
    public async Task An_RFQ_gets_its_quoteRequestId_filled_in()
    {
        using var server = new MockServer(HttpStatusCode.OK, Bodies.Envelope("null"));
        var quote = new QuoteRfqRequest { Quantity = "1" };

        await new TradingClient(server.Http).QuoteRfqAsync(quote);

        Assert.That(Guid.TryParse(quote.QuoteRequestId, out _), Is.True);
        Assert.That((string?)JObject.Parse(server.Requests.Single().Body!)["quoteRequestId"], Is.EqualTo(quote.QuoteRequestId));
    }

    [Test]
    public async Task Requests_without_a_key_are_sent_as_they_are()
    {
        using var server = new MockServer(HttpStatusCode.OK, Bodies.Envelope("null"));
        var cancel = new CancelTradeOrderRequest { TradeOrderId = Guid.NewGuid(), TradingAccountId = Guid.NewGuid() };

        await new TradingClient(server.Http).CancelTradeOrderAsync(cancel);

        Assert.That(JObject.Parse(server.Requests.Single().Body!).Properties().Select(p => p.Name), Is.EquivalentTo(new[] { "tradingAccountId", "tradeOrderId" }));
    }

    [Test]
    public void The_filled_in_types_are_the_spec_operations_with_a_body_key()
    {
        var filled = IdempotencyKeys.All.ToDictionary(k => k.RequestType.Name, k => (k.Fill, string.Join(",", k.Keys)));

        Assert.That(filled, Is.EquivalentTo(new Dictionary<string, (string, string)>
        {
            ["SubmitTradeOrderRequest"] = ("idempotencyKey", "idempotencyKey,clientOrderId"),
            ["QuoteRfqRequest"] = ("quoteRequestId", "quoteRequestId"),
        }));
    }

    [TestCase("GET", "https://cadenza.test/api/v3/somewhere/new", null, true)]
    [TestCase("DELETE", "https://cadenza.test/api/v3/somewhere/new", null, true)]
    [TestCase("POST", "https://cadenza.test/api/v3/somewhere/new", null, false)]
    [TestCase("POST", "https://cadenza.test/api/v3/somewhere/new", "k-1", true)]
    [TestCase("POST", "https://cadenza.test/api/v3/tradeOrder/submit", null, true)]
    [TestCase("POST", "https://cadenza.test/prefix/api/v3/tradeOrder/cancel", "k-1", false)]
    [TestCase("POST", "https://cadenza.test/api/v3/auth/token/refresh", null, false)]
    [TestCase("GET", "https://cadenza.test/api/v3/tradeOrder/list?limit=5", null, true)]
    public void IsRetrySafe_follows_the_operation_and_else_the_method(string method, string url, string? headerKey, bool safe)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (headerKey != null)
        {
            request.Headers.Add("X-Idempotency-Key", headerKey);
        }

        Assert.That(CadenzaOperations.IsRetrySafe(request), Is.EqualTo(safe));
    }

    private static SubmitTradeOrderRequest NewOrder() => new()
    {
        TradingAccountId = Guid.NewGuid(),
        InstrumentId = "BINANCE:BTC/USDT",
        OrderSide = OrderSide.Buy,
        OrderType = OrderType.Market,
        Quantity = "0.01",
    };
}
