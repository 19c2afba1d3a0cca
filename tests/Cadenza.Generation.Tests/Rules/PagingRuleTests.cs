using Cadenza.Client.Generators;
using Cadenza.Tests.Shared;

namespace Cadenza.Generation.Tests.Rules;

/// <summary>The paging rule (src/Cadenza.Client.Generators/PagingRule.cs) on the current spec and on new operations.</summary>
public class PagingRuleTests
{
    [Test]
    public void The_current_spec_pages_its_ten_lists_by_offset_and_cursor()
    {
        var spec = SpecDocument.Parse(Repository.ReadSpec());
        var paged = spec.Operations.Select(o => (o.OperationId, Paging: PagingRule.Classify(o))).Where(p => p.Paging != null)
            .Select(p => $"{p.OperationId}:{(p.Paging!.ByOffset ? " offset" : "")}{(p.Paging.ByCursor ? " cursor" : "")}").ToList();
        TestContext.Out.WriteLine(string.Join("\n", paged));

        Assert.That(paged, Is.EquivalentTo(new[]
        {
            "listTradeOrders: offset cursor", "listTradingAccounts: offset", "listTradingAccountOperations: offset cursor",
            "listTradingAccountSubscriptions: offset cursor", "listTradingAccountPortfolios: offset", "listMarketInstruments: offset",
            "listMarketSecurities: offset", "listMarketTickers: offset cursor", "fermataListDealers: offset cursor", "fermataListWallets: offset cursor",
        }), "getMarketKline takes limit only and returns one object; listTradingAccountCredentials takes no page parameters");
    }

    [Test]
    public void A_new_cursor_list_pages_by_cursor_only()
    {
        var decision = Classify("get", "listThings", "- { name: limit, in: query, schema: { type: integer } }\n- { name: cursor, in: query, schema: { type: string } }", "type: array\nitems: { type: string }");

        Assert.That((decision?.ByOffset, decision?.ByCursor), Is.EqualTo(((bool?)false, (bool?)true)));
    }

    [Test]
    public void A_list_without_limit_or_with_a_single_object_or_by_POST_does_not_page()
    {
        const string offsetOnly = "- { name: offset, in: query, schema: { type: integer } }";
        const string limitOffset = "- { name: limit, in: query, schema: { type: integer } }\n" + offsetOnly;
        const string array = "type: array\nitems: { type: string }";

        Assert.Multiple(() =>
        {
            Assert.That(Classify("get", "listA", offsetOnly, array), Is.Null, "no limit");
            Assert.That(Classify("get", "listB", limitOffset, "type: object"), Is.Null, "data is one object");
            Assert.That(Classify("post", "listC", limitOffset, array), Is.Null, "not a GET");
            Assert.That(Classify("get", "listD", limitOffset, array), Is.Not.Null);
        });
    }

    [TestCase("ListTradeOrdersAsync", "ListAllTradeOrdersAsync")]
    [TestCase("FermataListDealersAsync", "FermataListAllDealersAsync")]
    [TestCase("SearchThingsAsync", "SearchThingsAllAsync")]
    public void The_page_walkers_name_follows_the_rule(string method, string walker) =>
        Assert.That(PagingRule.WalkerName(method), Is.EqualTo(walker));

    private static PagingDecision? Classify(string method, string operationId, string parameters, string responseData) =>
        PagingRule.Classify(SpecDocument.Parse(SyntheticSpec.WithOperation(method, operationId, parameters: parameters, responseData: responseData)).Operations.Single());
}
