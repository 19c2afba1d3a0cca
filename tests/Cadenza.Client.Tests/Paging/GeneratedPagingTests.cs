using System.Net;
using System.Text;
using System.Web;
using Cadenza.Client.Tests.Support;
using RichardSzalay.MockHttp;

namespace Cadenza.Client.Tests.Paging;

/// <summary>The page walkers generated on the clients: filters passed through, limit/offset/cursor sent, data and pagination read.</summary>
public class GeneratedPagingTests
{
    [Test]
    public async Task ListAllMarketSecurities_pages_by_offset_with_the_callers_filters()
    {
        using var handler = new MockHttpMessageHandler();
        var queries = new List<string>();
        handler.When(HttpMethod.Get, "*/api/v3/market/security/list").Respond(request =>
        {
            var query = HttpUtility.ParseQueryString(request.RequestUri!.Query);
            queries.Add(request.RequestUri.Query);
            var offset = int.Parse(query["offset"]!);
            var items = Enumerable.Range(offset, Math.Min(int.Parse(query["limit"]!), 23 - offset)).Select(i => $$"""{ "securityId": "BINANCE:S{{i}}" }""");
            return Json($$"""{ "errno": 0, "data": [{{string.Join(",", items)}}], "pagination": { "offset": {{offset}}, "total": 23 } }""");
        });
        using var http = new HttpClient(handler) { BaseAddress = MockServer.BaseAddress };

        var ids = new List<string?>();
        await foreach (var security in new MarketClient(http).ListAllMarketSecuritiesAsync(venue: Venue.Binance, pageSize: 10))
        {
            ids.Add(security.SecurityId);
        }

        Assert.That(ids, Is.EqualTo(Enumerable.Range(0, 23).Select(i => "BINANCE:S" + i)));
        Assert.That(queries, Is.EqualTo(new[] { "?venue=BINANCE&limit=10&offset=0", "?venue=BINANCE&limit=10&offset=10", "?venue=BINANCE&limit=10&offset=20" }));
    }

    [Test]
    public async Task ListAllMarketTickers_pages_by_the_servers_cursor_and_yields_pages()
    {
        using var handler = new MockHttpMessageHandler();
        var queries = new List<string>();
        handler.When(HttpMethod.Get, "*/api/v3/market/ticker/list").Respond(request =>
        {
            queries.Add(request.RequestUri!.Query);
            var page = HttpUtility.ParseQueryString(request.RequestUri.Query)["cursor"] switch { null => 0, "p2" => 1, _ => 2 };
            var next = page < 2 ? $"\"p{page + 2}\"" : "null";
            return Json($$"""{ "errno": 0, "data": [{ "symbol": "S{{page}}", "venue": "BINANCE", "timestamp": 1 }], "pagination": { "cursor": {{next}}, "hasNext": {{(page < 2 ? "true" : "false")}} } }""");
        });
        using var http = new HttpClient(handler) { BaseAddress = MockServer.BaseAddress };

        var pages = new List<CadenzaPage<Ticker>>();
        await foreach (var page in new MarketClient(http).ListAllMarketTickersAsync(instrumentIds: ["BINANCE:BTC/USDT"]).AsPages())
        {
            pages.Add(page);
        }

        Assert.That(pages.Select(p => (p.Items.Single().Symbol, p.Cursor, p.NextCursor, p.HasNext)), Is.EqualTo(new (string?, string?, string?, bool?)[]
        {
            ("S0", null, "p2", true), ("S1", "p2", "p3", true), ("S2", "p3", null, false),
        }));
        Assert.That(queries, Is.EqualTo(new[] { "?instrumentIds=BINANCE%3ABTC%2FUSDT&offset=0", "?instrumentIds=BINANCE%3ABTC%2FUSDT&cursor=p2", "?instrumentIds=BINANCE%3ABTC%2FUSDT&cursor=p3" }));
    }

    [Test]
    public void A_failed_page_is_the_usual_CadenzaApiException()
    {
        using var handler = new MockHttpMessageHandler();
        handler.When("*").Respond(HttpStatusCode.ServiceUnavailable, "application/json", Bodies.Error(10503, "down"));
        using var http = new HttpClient(handler) { BaseAddress = MockServer.BaseAddress };

        Assert.That(async () => await new TradingClient(http).ListAllTradeOrdersAsync().ToListAsync(), Throws.InstanceOf<CadenzaApiException>().With.Property("StatusCode").EqualTo(503));
    }

    private static HttpResponseMessage Json(string body) => new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
