using Cadenza.Emulator;
using Cadenza.Realtime.Tests.Support;
using Cadenza.Tests.Shared;
using Newtonsoft.Json.Linq;

namespace Cadenza.Realtime.Tests.Conformance;

/// <summary>
/// The emulator's WebSocket endpoint driven by the official Centrifugo JavaScript client (npm <c>centrifuge</c>,
/// pinned in build/package.json): connect, subscribe, receive, recover after a dropped connection, RPC, history,
/// token refresh and expiry. A client none of us wrote, so the emulator cannot merely agree with our own.
/// </summary>
[NonParallelizable]
public class CentrifugeJsConformanceTests
{
    private const string Channel = "market:orderbook:BINANCE:BTC/USDT";

    [Test]
    public async Task Connects_subscribes_receives_and_recovers_what_it_missed_while_cut_off()
    {
        await using var user = await SignedInUser.StartAsync(o => o.Realtime.PingInterval = TimeSpan.FromSeconds(1));
        var realtime = user.Emulator.Realtime;
        await using var script = Start(user, Channel);

        await script.WaitForAsync("connected");
        var first = await script.WaitForAsync("subscribed");
        Assert.That((bool)first["recoverable"]!, Is.True);
        PublishNext(realtime, 3);
        var live = await Publications(script, 3);
        Assert.That(live.Select(p => (string?)p["data"]!["updateType"]), Is.EqualTo(new[] { "SNAPSHOT", "DIFF", "DIFF" }));

        realtime.RefuseConnections = true;
        realtime.DropConnections();
        await script.WaitForAsync("subscribing");
        PublishNext(realtime, 4);
        realtime.RefuseConnections = false;
        var resumed = await script.WaitForAsync("subscribed");
        var recovered = await Publications(script, 4);

        Assert.Multiple(() =>
        {
            Assert.That((bool)resumed["recovered"]!, Is.True);
            Assert.That((bool)resumed["hasRecoveredPublications"]!, Is.True);
            Assert.That(live.Concat(recovered).Select(p => (long)p["offset"]!), Is.EqualTo(new long[] { 1, 2, 3, 4, 5, 6, 7 }));
        });

        await script.SendAsync("history");
        var history = await script.WaitForAsync("history");
        Assert.That(history["offsets"]!.Select(o => (long)o), Is.EqualTo(new long[] { 1, 2, 3, 4, 5, 6, 7 }));

        await WaitUntilAsync(() => realtime.PongsReceived > 0, "the client answered a server ping");
    }

    [Test]
    public async Task Is_told_when_the_stream_restarted_and_what_it_missed_cannot_be_recovered()
    {
        await using var user = await SignedInUser.StartAsync();
        var realtime = user.Emulator.Realtime;
        await using var script = Start(user, Channel);
        var before = await script.WaitForAsync("subscribed");
        PublishNext(realtime, 2);
        await Publications(script, 2);

        realtime.RefuseConnections = true;
        realtime.RestartStream(Channel);
        await script.WaitForAsync("subscribing");
        PublishNext(realtime, 1);
        realtime.RefuseConnections = false;
        var after = await script.WaitForAsync("subscribed");

        Assert.Multiple(() =>
        {
            Assert.That((bool)after["recovered"]!, Is.False);
            Assert.That((string?)after["epoch"], Is.Not.EqualTo((string?)before["epoch"]));
        });
    }

    [Test]
    public async Task Calls_RPC_methods_and_gets_an_error_for_an_unknown_one()
    {
        await using var user = await SignedInUser.StartAsync();
        await using var script = Start(user, "market:ticker:BINANCE");
        await script.WaitForAsync("subscribed");

        await script.SendAsync("""rpc query.orderbook.get {"instrumentId":"OKX:ETH/USDT","depth":5}""");
        var book = await script.WaitForAsync("rpc");
        await script.SendAsync("rpc query.no.such.method {}");
        var unknown = await script.WaitForAsync("rpcError");

        Assert.Multiple(() =>
        {
            Assert.That((string?)book["data"]!["data"]!["updateType"], Is.EqualTo("SNAPSHOT"));
            Assert.That(book["data"]!["data"]!["bids"]!.Count(), Is.EqualTo(5));
            Assert.That((int)unknown["code"]!, Is.EqualTo(104));
        });
    }

    [Test]
    public async Task Refreshes_its_token_on_the_live_connection_before_it_expires()
    {
        await using var user = await SignedInUser.StartAsync(o => o.TokenLifetime = TimeSpan.FromSeconds(2));
        var realtime = user.Emulator.Realtime;
        await using var script = Start(user, Channel);
        await script.WaitForAsync("subscribed");

        await script.WaitForAsync("token");
        await WaitUntilAsync(() => realtime.RefreshesAccepted > 0, "the refresh command was accepted");

        Assert.That(realtime.ConnectsAccepted, Is.EqualTo(1), "the connection was never dropped");
    }

    [Test]
    public async Task Reconnects_with_a_new_token_after_its_token_expired_on_the_server()
    {
        await using var user = await SignedInUser.StartAsync();
        var realtime = user.Emulator.Realtime;
        await using var script = Start(user, Channel);
        await script.WaitForAsync("subscribed");

        realtime.ExpireTokens();
        var disconnect = await script.WaitForAsync("connecting", e => (int?)e["code"] == 3005);
        await script.WaitForAsync("token");
        await script.WaitForAsync("subscribed");

        Assert.That((string?)disconnect["reason"], Is.EqualTo("connection expired"));
        Assert.That(realtime.ConnectsAccepted, Is.EqualTo(2));
    }

    [Test]
    public async Task Gives_up_on_a_token_the_server_does_not_know()
    {
        await using var user = await SignedInUser.StartAsync();
        await using var script = Start(user, Channel, accessToken: "not-a-token");

        var disconnected = await script.WaitForAsync("disconnected");

        Assert.That((int)disconnected["code"]!, Is.EqualTo(3500));
        Assert.That(user.Emulator.Realtime.ConnectsAccepted, Is.Zero);
    }

    private static ScriptEvents Start(SignedInUser user, string channel, string? accessToken = null)
    {
        NpmTools.Require(Path.Combine("centrifuge", "package.json"));
        var script = Path.Combine(AppContext.BaseDirectory, "Conformance", "centrifuge-conformance.js");
        return ScriptEvents.Start(
            script,
            [NpmTools.NodeModules, user.Emulator.Realtime.Address.ToString(), user.Emulator.BaseAddress.ToString(), channel],
            new Dictionary<string, string?>
            {
                ["CADENZA_ACCESS_TOKEN"] = accessToken ?? user.Login.AccessToken,
                ["CADENZA_REFRESH_TOKEN"] = user.Login.RefreshToken,
            });
    }

    private static void PublishNext(CadenzaEmulatorRealtime realtime, int count)
    {
        for (var i = 0; i < count; i++)
        {
            realtime.PublishNext(Channel);
        }
    }

    private static async Task<List<JObject>> Publications(ScriptEvents script, int count)
    {
        var publications = new List<JObject>();
        for (var i = 0; i < count; i++)
        {
            publications.Add(await script.WaitForAsync("publication"));
        }

        return publications;
    }

    // Polls a counter the emulator keeps; the limit only guards against a hang.
    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(60); !condition(); await Task.Delay(20))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("Never happened: " + what);
            }
        }
    }
}
