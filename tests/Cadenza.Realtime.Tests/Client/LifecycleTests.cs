using Cadenza.Client;
using Cadenza.Realtime.Tests.Support;

namespace Cadenza.Realtime.Tests.Client;

/// <summary>Subscriptions come and go with their readers; the server's disconnect codes decide between reconnecting and ending.</summary>
public class LifecycleTests
{
    private const string Channel = "market:trade:BINANCE:BTC/USDT";

    [Test]
    public async Task Disposing_the_reader_unsubscribes()
    {
        await using var user = await SignedInUser.StartAsync();
        await using var realtime = Live.Connect(user);
        var reader = await realtime.SubscribedAsync(user, Channel);

        await reader.DisposeAsync();

        await Live.WaitUntilAsync(() => user.Emulator.Realtime.SubscriberCount(Channel) == 0, "unsubscribed");
    }

    [Test]
    public async Task Two_readers_of_a_channel_share_one_server_subscription_and_both_get_everything()
    {
        await using var user = await SignedInUser.StartAsync();
        await using var realtime = Live.Connect(user);
        await using var first = await realtime.SubscribedAsync(user, Channel);
        await using var second = realtime.SubscribeRawAsync(Channel).GetAsyncEnumerator();

        user.Emulator.Realtime.PublishNext(Channel);
        user.Emulator.Realtime.PublishNext(Channel);

        Assert.That((await first.NextAsync(2)).Select(p => p.Offset), Is.EqualTo(new long[] { 1, 2 }));
        Assert.That((await second.NextAsync(2)).Select(p => p.Offset), Is.EqualTo(new long[] { 1, 2 }));
        Assert.That(user.Emulator.Realtime.SubscriberCount(Channel), Is.EqualTo(1));
    }

    [Test]
    public async Task An_unknown_channel_ends_its_reader_with_the_servers_error()
    {
        await using var user = await SignedInUser.StartAsync();
        await using var realtime = Live.Connect(user);
        await using var reader = realtime.SubscribeRawAsync("market:orderbook:NOWHERE:BTC/USDT").GetAsyncEnumerator();

        var error = Assert.ThrowsAsync<CadenzaRealtimeException>(async () => await reader.MoveNextAsync().AsTask().WaitAsync(Live.HangGuard));

        Assert.That(error!.Code, Is.EqualTo(102));
        Assert.That(error.Message, Does.Contain("market:orderbook:NOWHERE:BTC/USDT"));
    }

    [Test]
    public async Task A_disconnect_that_allows_reconnecting_is_survived()
    {
        await using var user = await SignedInUser.StartAsync();
        await using var realtime = Live.Connect(user);
        await using var reader = await realtime.SubscribedAsync(user, Channel);
        var states = new List<(CadenzaRealtimeState, int)>();
        realtime.StateChanged += (_, e) =>
        {
            lock (states)
            {
                states.Add((e.State, e.Code));
            }
        };

        user.Emulator.Realtime.Disconnect(3001, "shutdown");
        await Live.WaitUntilAsync(() => user.Emulator.Realtime.ConnectsAccepted == 2 && user.Emulator.Realtime.SubscriberCount(Channel) == 1, "reconnected");
        user.Emulator.Realtime.PublishNext(Channel);

        Assert.That((await reader.NextAsync()).Offset, Is.EqualTo(1));
        lock (states)
        {
            Assert.That(states, Does.Contain((CadenzaRealtimeState.Connecting, 3001)).And.Contains((CadenzaRealtimeState.Connected, 0)));
        }
    }

    [Test]
    public async Task A_disconnect_that_forbids_reconnecting_ends_every_reader_with_its_code()
    {
        await using var user = await SignedInUser.StartAsync();
        await using var realtime = Live.Connect(user);
        await using var reader = await realtime.SubscribedAsync(user, Channel);

        user.Emulator.Realtime.Disconnect(3503, "force disconnect");

        var error = Assert.ThrowsAsync<CadenzaRealtimeException>(async () => await reader.MoveNextAsync().AsTask().WaitAsync(Live.HangGuard));
        Assert.That(error!.Code, Is.EqualTo(3503));
        Assert.That(realtime.State, Is.EqualTo(CadenzaRealtimeState.Closed));
        Assert.That(user.Emulator.Realtime.ConnectsAccepted, Is.EqualTo(1));
    }

    [Test]
    public async Task Disposing_the_client_ends_every_reader_normally()
    {
        await using var user = await SignedInUser.StartAsync();
        var realtime = Live.Connect(user);
        await using var reader = await realtime.SubscribedAsync(user, Channel);

        await realtime.DisposeAsync();

        Assert.That(await reader.MoveNextAsync().AsTask().WaitAsync(Live.HangGuard), Is.False);
        Assert.Throws<ObjectDisposedException>(() => realtime.SubscribeRawAsync(Channel));
    }

    [TestCase("ws://example.com/connection/websocket")]
    [TestCase("https://cadenza-ws.algo724.com/connection/websocket")]
    public async Task A_server_the_token_must_not_be_sent_to_is_refused(string uri)
    {
        await using var user = await SignedInUser.StartAsync();

        var error = Assert.Throws<ArgumentException>(() => new CadenzaRealtime(user.Session, new Uri(uri)));

        Assert.That(error!.Message, Does.Contain("ServerUri").Or.Contain("ws://"));
    }
}
