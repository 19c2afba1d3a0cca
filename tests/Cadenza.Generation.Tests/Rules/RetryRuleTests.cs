using Cadenza.Client;
using Cadenza.Client.Generators;
using Cadenza.Tests.Shared;
using NSwag;

namespace Cadenza.Generation.Tests.Rules;

/// <summary>
/// The retry rule (src/Cadenza.Client.Generators/RetryRule.cs) on the current spec, as compiled into Cadenza.Client, and
/// on operations a new upstream revision might bring: each is classified with no hand edit.
/// </summary>
public class RetryRuleTests
{
    [Test]
    public async Task Every_operation_of_the_spec_is_classified_in_the_built_client_and_listed()
    {
        var spec = await OpenApiYamlDocument.FromFileAsync(Repository.Spec);
        var inSpec = spec.Paths.SelectMany(p => p.Value.Select(o => o.Key.ToUpperInvariant() + " " + p.Key)).OrderBy(o => o).ToList();
        var classified = CadenzaOperations.All.Select(o => o.Method + " " + o.Path).OrderBy(o => o).ToList();

        foreach (var group in CadenzaOperations.All.GroupBy(o => o.Retry).OrderBy(g => g.Key))
        {
            TestContext.Out.WriteLine($"{group.Key}: {group.Count()}");
            foreach (var operation in group)
            {
                TestContext.Out.WriteLine($"  {operation}");
            }
        }

        Assert.That(classified, Is.EqualTo(inSpec), "the compiled list is every operation of openapi/cadenza.yaml, once");
    }

    [Test]
    public void The_current_spec_is_classified_by_the_rule()
    {
        var byId = CadenzaOperations.All.ToDictionary(o => o.OperationId);
        Assert.Multiple(() =>
        {
            foreach (var id in new[] { "authSignup", "authLogin", "authRefreshToken", "authLogout", "authRecover" })
            {
                Assert.That(byId[id].Retry, Is.EqualTo(CadenzaRetryClass.SessionOperation), id);
            }

            Assert.That(byId["submitTradeOrder"].Retry, Is.EqualTo(CadenzaRetryClass.IdempotencyKey));
            Assert.That(byId["submitTradeOrder"].RetryReason, Does.Contain("body idempotencyKey (filled in").And.Contain("clientOrderId (the caller's)"));
            Assert.That(byId["quoteRfq"].Retry, Is.EqualTo(CadenzaRetryClass.IdempotencyKey));
            Assert.That(byId["quoteRfq"].RetryReason, Does.Contain("quoteRequestId (filled in"));
            Assert.That(byId["cancelTradeOrder"].Retry, Is.EqualTo(CadenzaRetryClass.NotRetried), "a POST without a key");
            Assert.That(byId["fermataTransferWallet"].Retry, Is.EqualTo(CadenzaRetryClass.NotRetried), "a POST without a key");
            Assert.That(byId["authUpdateUser"].Retry, Is.EqualTo(CadenzaRetryClass.IdempotentMethod), "PUT");
            Assert.That(byId["deleteMarketInstrument"].Retry, Is.EqualTo(CadenzaRetryClass.IdempotentMethod), "DELETE");
            Assert.That(CadenzaOperations.All.Where(o => o.Method == "GET").Select(o => o.Retry), Is.All.EqualTo(CadenzaRetryClass.IdempotentMethod));
            Assert.That(CadenzaOperations.All.Where(o => o.Method == "POST" && o.Retry == CadenzaRetryClass.IdempotentMethod), Is.Empty);
        });
    }

    [Test]
    public void A_new_POST_whose_body_has_an_idempotencyKey_is_retried_with_that_key_filled_in()
    {
        var decision = Classify("post", "placeThing", bodyProperties: "idempotencyKey: { type: string }\nreference: { type: string, description: 'Client reference, used as idempotency key' }");

        Assert.Multiple(() =>
        {
            Assert.That(decision.Class, Is.EqualTo(RetryClass.IdempotencyKey));
            Assert.That(decision.BodyKeys, Is.EqualTo(new[] { "idempotencyKey", "reference" }));
            Assert.That(decision.FillKey, Is.EqualTo("idempotencyKey"), "the one named idempotencyKey, not the caller's reference");
        });
    }

    [Test]
    public void A_body_field_described_as_an_idempotency_key_counts_and_is_the_one_filled_in()
    {
        var decision = Classify("post", "requestThing", bodyProperties: "amount: { type: string }\nrequestRef: { type: string, description: Reference for Idempotency and tracking }");

        Assert.That((decision.Class, decision.FillKey), Is.EqualTo((RetryClass.IdempotencyKey, "requestRef")));
    }

    [Test]
    public void A_non_string_field_that_mentions_idempotency_is_not_a_key()
    {
        var decision = Classify("post", "flagThing", bodyProperties: "idempotent: { type: boolean, description: Whether the call is idempotent }");

        Assert.That(decision.Class, Is.EqualTo(RetryClass.NotRetried));
    }

    [Test]
    public void A_POST_that_takes_the_idempotency_header_is_retried_only_with_the_header()
    {
        var decision = Classify("post", "moveThing", parameters: "- $ref: '#/components/parameters/idempotencyKeyHeader'");

        Assert.Multiple(() =>
        {
            Assert.That(decision.Class, Is.EqualTo(RetryClass.IdempotencyKey));
            Assert.That(decision.HeaderKey, Is.EqualTo("X-Idempotency-Key"));
            Assert.That(decision.FillKey, Is.Null, "a header key is the caller's to pass");
        });
    }

    [TestCase("post")]
    [TestCase("patch")]
    public void A_new_operation_with_another_method_and_no_key_is_not_retried(string method) =>
        Assert.That(Classify(method, "changeThing", bodyProperties: "amount: { type: string }").Class, Is.EqualTo(RetryClass.NotRetried));

    [TestCase("get")]
    [TestCase("put")]
    [TestCase("delete")]
    public void A_new_operation_with_an_idempotent_method_is_retried(string method) =>
        Assert.That(Classify(method, "readThing").Class, Is.EqualTo(RetryClass.IdempotentMethod));

    [Test]
    public void The_sessions_operations_are_never_retried_whatever_their_method_or_keys()
    {
        var decision = Classify("post", "authLogin", bodyProperties: "idempotencyKey: { type: string }");

        Assert.That(decision.Class, Is.EqualTo(RetryClass.SessionOperation));
    }

    private static RetryDecision Classify(string method, string operationId, string? bodyProperties = null, string? parameters = null) =>
        RetryRule.Classify(SpecDocument.Parse(SyntheticSpec.WithOperation(method, operationId, bodyProperties, parameters)).Operations.Single());
}
