using System.Net;
using Cadenza.Client.Tests.Support;
using Newtonsoft.Json;

namespace Cadenza.Client.Tests.Generated;

/// <summary>
/// What the 2026-05-09 spec changed for every response: `baseResponse` requires only `errno`, and enums are C# enums
/// that must survive a value the spec does not list yet.
/// </summary>
public class EnvelopeAndEnumTests
{
    [Test]
    public void An_error_envelope_with_only_errno_is_a_typed_exception()
    {
        using var server = new MockServer(HttpStatusCode.BadRequest, """{ "errno": 10400 }""");

        var failure = Assert.CatchAsync<CadenzaApiException>(() => server.Client.AuthGetUserAsync());

        Assert.That(failure!.StatusCode, Is.EqualTo(400));
        Assert.That(failure.Errno, Is.EqualTo(10400));
        Assert.That(failure.Message, Is.EqualTo("Cadenza API call failed: HTTP 400, errno 10400"));
    }

    [Test]
    public void A_200_without_success_but_with_a_non_zero_errno_is_a_failure()
    {
        using var server = new MockServer(HttpStatusCode.OK, """{ "errno": 20001, "error": "Trading account disabled" }""");

        var failure = Assert.CatchAsync<CadenzaApiException>(() => server.Client.AuthGetUserAsync());

        Assert.That(failure!.Errno, Is.EqualTo(20001));
        Assert.That(failure.Message, Does.Contain("HTTP 200, errno 20001: Trading account disabled"));
    }

    [Test]
    public async Task A_200_with_errno_0_and_no_success_field_is_a_success()
    {
        using var server = new MockServer(HttpStatusCode.OK, """{ "errno": 0, "data": { "email": "trader@example.com" } }""");

        var response = await server.Client.AuthGetUserAsync();

        Assert.That(response.Data!.Email, Is.EqualTo("trader@example.com"));
    }

    [Test]
    public async Task An_enum_value_the_spec_does_not_list_reads_as_Unrecognized_and_the_value_is_kept()
    {
        using var server = new MockServer(HttpStatusCode.OK, """
            { "errno": 0, "data": [ { "venue": "KRAKEN", "status": "ONLINE" }, { "venue": "BINANCE", "status": "HIBERNATING" } ] }
            """);
        var market = new MarketClient(server.Http);

        var venues = (await market.ListMarketVenuesAsync()).Data!.ToList();

        Assert.Multiple(() =>
        {
            Assert.That(venues[0].Venue, Is.EqualTo(Venue.Unrecognized));
            Assert.That(venues[0].AdditionalProperties["venue"], Is.EqualTo("KRAKEN"), "what the server said is not lost");
            Assert.That(venues[0].Status, Is.EqualTo(VenueStatus.Online));
            Assert.That(venues[1].Venue, Is.EqualTo(Venue.Binance));
            Assert.That(venues[1].AdditionalProperties.ContainsKey("venue"), Is.False);
            Assert.That(venues[1].Status, Is.EqualTo(VenueStatus.Unrecognized));
            Assert.That(venues[1].AdditionalProperties["status"], Is.EqualTo("HIBERNATING"));
        });
    }

    [Test]
    public void Unrecognized_cannot_be_sent_back()
    {
        using var server = new MockServer(HttpStatusCode.OK, """{ "errno": 0, "data": null }""");
        var credentials = new TradingAccountCredentialClient(server.Http);

        var failure = Assert.CatchAsync<Exception>(() => credentials.CreateTradingAccountCredentialAsync(
            new CreateTradingAccountCredentialRequest { Venue = Venue.Unrecognized, CredentialType = CredentialType.ApiKey }));

        Assert.That(failure!.ToString(), Does.Contain("Venue.Unrecognized stands for a value this version of the SDK does not know"));
        Assert.That(server.Requests, Is.Empty, "nothing was sent");
    }

    [Test]
    public void Enum_members_have_the_spec_values_on_the_wire()
    {
        var json = JsonConvert.SerializeObject(new SubmitTradeOrderRequest { OrderSide = OrderSide.Buy, OrderType = OrderType.StopLossLimit, Quantity = "1", TradingAccountId = Guid.NewGuid() });

        Assert.That(json, Does.Contain("\"orderSide\":\"BUY\"").And.Contain("\"orderType\":\"STOP_LOSS_LIMIT\""));
    }
}
