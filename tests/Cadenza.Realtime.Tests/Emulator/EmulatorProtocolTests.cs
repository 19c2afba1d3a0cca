using Cadenza.Realtime.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Cadenza.Realtime.Tests.Emulator;

/// <summary>The emulator's WebSocket endpoint, line by line, as the Centrifugo protocol and the spec's ws* schemas have it.</summary>
public class EmulatorProtocolTests
{
    private static readonly DateTimeOffset Start = new(2026, 5, 9, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Connect_answers_with_client_version_expiry_and_ping_settings()
    {
        await using var user = await SignedInUser.StartAsync(o => o.Realtime.PingInterval = TimeSpan.FromSeconds(25));
        await using var socket = await RawSocket.OpenAsync(user.Emulator.Realtime.Address);

        var reply = await socket.ConnectAsync(await user.Session.GetAccessTokenAsync());

        var connect = reply["connect"]!;
        Assert.Multiple(() =>
        {
            Assert.That((int)reply["id"]!, Is.EqualTo(1));
            Assert.That((string?)connect["client"], Is.Not.Empty);
            Assert.That((string?)connect["version"], Is.Not.Empty);
            Assert.That((bool)connect["expires"]!, Is.True);
            Assert.That((long)connect["ttl"]!, Is.InRange(3500, 3600));
            Assert.That((int)connect["ping"]!, Is.EqualTo(25));
            Assert.That((bool)connect["pong"]!, Is.True);
        });
    }

    [Test]
    public async Task A_token_that_is_not_ours_is_closed_with_3500()
    {
        await using var user = await SignedInUser.StartAsync();
        await using var socket = await RawSocket.OpenAsync(user.Emulator.Realtime.Address);

        await socket.SendAsync("""{"id":1,"connect":{"token":"eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl"}}""");

        Assert.That(await socket.ClosedAsync(), Is.EqualTo(3500));
        Assert.That(socket.CloseReason, Is.EqualTo("invalid token"));
    }

    [Test]
    public async Task An_expired_token_gets_error_109_and_the_connection_stays_open_for_a_retry()
    {
        var clock = new FakeTimeProvider(Start);
        await using var user = await SignedInUser.StartAsync(o => o.TokenLifetime = TimeSpan.FromMinutes(1), clock);
        var expired = await user.Session.GetAccessTokenAsync();
        clock.Advance(TimeSpan.FromMinutes(2));
        await using var socket = await RawSocket.OpenAsync(user.Emulator.Realtime.Address);

        var refused = await socket.ConnectAsync(expired);
        var accepted = await socket.ConnectAsync((await user.Session.RefreshAsync()).AccessToken!);

        Assert.That((int)refused["error"]!["code"]!, Is.EqualTo(109));
        Assert.That(accepted["connect"], Is.Not.Null);
    }

    [Test]
    public async Task A_connection_whose_token_expires_unrefreshed_is_closed_with_3005_after_the_grace_period()
    {
        var clock = new FakeTimeProvider(Start);
        await using var user = await SignedInUser.StartAsync(
            o =>
            {
                o.TokenLifetime = TimeSpan.FromMinutes(1);
                o.Realtime.PingInterval = null;
            },
            clock);
        await using var socket = await RawSocket.OpenAsync(user.Emulator.Realtime.Address);
        await socket.ConnectAsync(await user.Session.GetAccessTokenAsync());

        clock.Advance(TimeSpan.FromSeconds(60 + 24));
        await socket.SendAsync("""{"id":2,"ping":{}}""");
        var stillOpen = await socket.ReceiveAsync();
        clock.Advance(TimeSpan.FromSeconds(2));

        Assert.That(stillOpen?["ping"], Is.Not.Null, "open during the 25 s grace period");
        Assert.That(await socket.ClosedAsync(), Is.EqualTo(3005));
    }

    [Test]
    public async Task A_client_that_does_not_answer_a_ping_is_closed_with_3012()
    {
        var clock = new FakeTimeProvider(Start);
        await using var user = await SignedInUser.StartAsync(o => o.Realtime.PingInterval = TimeSpan.FromSeconds(25), clock);
        await using var socket = await RawSocket.OpenAsync(user.Emulator.Realtime.Address);
        await socket.ConnectAsync(await user.Session.GetAccessTokenAsync());

        clock.Advance(TimeSpan.FromSeconds(25));
        var ping = await socket.ReceiveAsync();
        clock.Advance(TimeSpan.FromSeconds(8));

        Assert.That(ping, Is.EqualTo(new Newtonsoft.Json.Linq.JObject()), "a server ping is an empty reply");
        Assert.That(await socket.ClosedAsync(), Is.EqualTo(3012));
    }

    [TestCase("""{"id":1,"subscribe":{"channel":"market:ticker:BINANCE"}}""")]
    [TestCase("not json")]
    [TestCase("""{"id":1,"unknownCommand":{}}""")]
    public async Task Breaking_the_protocol_is_closed_with_3501(string line)
    {
        await using var user = await SignedInUser.StartAsync();
        await using var socket = await RawSocket.OpenAsync(user.Emulator.Realtime.Address);
        if (!line.Contains("subscribe"))
        {
            await socket.ConnectAsync(await user.Session.GetAccessTokenAsync());
        }

        await socket.SendAsync(line);

        Assert.That(await socket.ClosedAsync(), Is.EqualTo(3501));
    }

    [Test]
    public async Task Subscribe_errors_use_the_Centrifugo_codes()
    {
        await using var user = await SignedInUser.StartAsync();
        await using var socket = await RawSocket.OpenAsync(user.Emulator.Realtime.Address);
        await socket.ConnectAsync(await user.Session.GetAccessTokenAsync());

        await socket.SendAsync("""{"id":2,"subscribe":{"channel":"market:orderbook:BINANCE"}}""");
        var unknown = await socket.ReceiveAsync();
        await socket.SendAsync("""{"id":3,"subscribe":{"channel":"market:ticker:OKX"}}""");
        await socket.ReceiveAsync();
        await socket.SendAsync("""{"id":4,"subscribe":{"channel":"market:ticker:OKX"}}""");
        var twice = await socket.ReceiveAsync();

        Assert.That((int)unknown!["error"]!["code"]!, Is.EqualTo(102));
        Assert.That((int)twice!["error"]!["code"]!, Is.EqualTo(105));
    }

    [Test]
    public async Task History_returns_the_publications_kept_for_recovery()
    {
        const string channel = "market:trade:BINANCE:BTC/USDT";
        await using var user = await SignedInUser.StartAsync();
        await using var socket = await RawSocket.OpenAsync(user.Emulator.Realtime.Address);
        await socket.ConnectAsync(await user.Session.GetAccessTokenAsync());
        await socket.SendAsync("{\"id\":2,\"subscribe\":{\"channel\":\"" + channel + "\"}}");
        var subscribed = await socket.ReceiveAsync();
        for (var i = 0; i < 3; i++)
        {
            user.Emulator.Realtime.PublishNext(channel);
            await socket.ReceiveAsync();
        }

        var epoch = (string?)subscribed!["subscribe"]!["epoch"];
        await socket.SendAsync("{\"id\":3,\"history\":{\"channel\":\"" + channel + "\",\"since\":{\"offset\":1,\"epoch\":\"" + epoch + "\"}}}");
        var history = (await socket.ReceiveAsync())!["history"]!;

        Assert.That(history["publications"]!.Select(p => (long)p["offset"]!), Is.EqualTo(new long[] { 2, 3 }));
        Assert.That((long)history["offset"]!, Is.EqualTo(3));
    }

    [Test]
    public async Task A_plain_HTTP_request_gets_a_400_envelope()
    {
        await using var user = await SignedInUser.StartAsync();
        using var http = new HttpClient { BaseAddress = user.Emulator.BaseAddress };

        var response = await http.PostAsync("connection/websocket", null);
        var body = Newtonsoft.Json.Linq.JObject.Parse(await response.Content.ReadAsStringAsync());

        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        Assert.That((bool)body["success"]!, Is.False);
    }
}
