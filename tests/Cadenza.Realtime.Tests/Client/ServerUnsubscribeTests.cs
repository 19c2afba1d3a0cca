using Cadenza.Client;
using Cadenza.Realtime.Tests.Support;

namespace Cadenza.Realtime.Tests.Client;

/// <summary>A subscription the server ends (an unsubscribe push): codes 2500-2999 mean "subscribe again", lower ones end the stream.</summary>
public class ServerUnsubscribeTests
{
    private const string Channel = "market:ticker:BINANCE:ETH/USDT";

    [Test]
    public async Task Code_2500_subscribes_again_and_the_stream_goes_on_without_loss()
    {
        await using var user = await SignedInUser.StartAsync();
        await using var realtime = Live.Connect(user);
        await using var reader = await Live.SubscribedAsync(realtime.SubscribeTickerAsync(Venue.Binance, "ETH/USDT"), user);
        user.Emulator.Realtime.PublishNext(Channel);
        await reader.NextAsync();
        var connects = user.Emulator.Realtime.ConnectsAccepted;

        user.Emulator.Realtime.Unsubscribe(Channel, 2500, "insufficient state");
        await Live.WaitUntilAsync(() => user.Emulator.Realtime.SubscriberCount(Channel) == 1, "subscribed again");
        user.Emulator.Realtime.PublishNext(Channel);
        var next = await reader.NextAsync();

        Assert.That(next.Timestamp, Is.GreaterThan(0));
        Assert.That(user.Emulator.Realtime.ConnectsAccepted, Is.EqualTo(connects), "on the same connection");
    }

    [Test]
    public async Task Code_2000_ends_the_stream_with_the_servers_code_and_reason()
    {
        await using var user = await SignedInUser.StartAsync();
        await using var realtime = Live.Connect(user);
        await using var reader = await Live.SubscribedAsync(realtime.SubscribeTickerAsync(Venue.Binance, "ETH/USDT"), user);

        user.Emulator.Realtime.Unsubscribe(Channel, 2000, "permission revoked");

        var error = Assert.ThrowsAsync<CadenzaRealtimeException>(() => reader.MoveNextAsync().AsTask().WaitAsync(Live.HangGuard));
        Assert.That(error!.Code, Is.EqualTo(2000));
        Assert.That(error.Message, Is.EqualTo($"The server ended the subscription to {Channel}: permission revoked (2000)."));
    }
}
