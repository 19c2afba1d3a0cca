using Cadenza.Client;

namespace Cadenza.Realtime.Tests.Support;

/// <summary>Builds clients for the emulator and reads their streams with a guard against hangs (never a timing assertion).</summary>
internal static class Live
{
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    public static CadenzaRealtime Connect(SignedInUser user, Action<CadenzaRealtimeOptions>? configure = null)
    {
        var options = new CadenzaRealtimeOptions
        {
            ServerUri = user.Emulator.Realtime.Address,
            MinReconnectDelay = TimeSpan.FromMilliseconds(10),
            MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
        };
        configure?.Invoke(options);
        return new CadenzaRealtime(user.Session, options);
    }

    /// <summary>The next item; fails the test if none comes before the hang guard.</summary>
    public static async Task<T> NextAsync<T>(this IAsyncEnumerator<T> reader)
    {
        var moved = await reader.MoveNextAsync().AsTask().WaitAsync(HangGuard);
        Assert.That(moved, Is.True, "the stream ended");
        return reader.Current;
    }

    public static async Task<List<T>> NextAsync<T>(this IAsyncEnumerator<T> reader, int count)
    {
        var items = new List<T>();
        for (var i = 0; i < count; i++)
        {
            items.Add(await reader.NextAsync());
        }

        return items;
    }

    /// <summary>Waits for something the emulator or client counts; the limit only guards against a hang.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        for (var deadline = DateTime.UtcNow + HangGuard; !condition(); await Task.Delay(5))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("Never happened: " + what);
            }
        }
    }

    /// <summary>Subscribes and waits until the emulator has the subscription, so publications after this are seen.</summary>
    public static async Task<IAsyncEnumerator<CadenzaPublication>> SubscribedAsync(this CadenzaRealtime realtime, SignedInUser user, string channel)
    {
        var reader = realtime.SubscribeRawAsync(channel).GetAsyncEnumerator();
        await WaitUntilAsync(() => user.Emulator.Realtime.SubscriberCount(channel) > 0, "subscribed to " + channel);
        return reader;
    }

    /// <summary>Starts reading a (typed) subscription and waits until the emulator has it.</summary>
    public static async Task<IAsyncEnumerator<T>> SubscribedAsync<T>(CadenzaSubscription<T> subscription, SignedInUser user)
    {
        var reader = subscription.GetAsyncEnumerator();
        await WaitUntilAsync(() => user.Emulator.Realtime.SubscriberCount(subscription.Channel) > 0, "subscribed to " + subscription.Channel);
        return reader;
    }
}
