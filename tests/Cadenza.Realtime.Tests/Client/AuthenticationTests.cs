using Cadenza.Client;
using Cadenza.Realtime.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Cadenza.Realtime.Tests.Client;

/// <summary>The connection lives on the session's token: refreshed in place, renewed after expiry, ended with the session.</summary>
public class AuthenticationTests
{
    private const string Channel = "market:ticker:BINANCE:BTC/USDT";

    [Test]
    public async Task The_token_is_refreshed_on_the_live_connection_which_outlives_the_first_token()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 9, 12, 0, 0, TimeSpan.Zero));
        await using var user = await SignedInUser.StartAsync(
            o =>
            {
                o.TokenLifetime = TimeSpan.FromMinutes(1);
                o.Realtime.PingInterval = null; // pings on a fake clock would race the clock's jumps
            },
            clock);
        var emulator = user.Emulator.Realtime;
        await using var realtime = Live.Connect(user, o => o.TimeProvider = clock);
        await using var reader = await realtime.SubscribedAsync(user, Channel);
        var firstExpiry = user.Session.ExpiresAt;

        clock.Advance(TimeSpan.FromSeconds(31)); // past half the token's life: time to refresh
        await Live.WaitUntilAsync(() => emulator.RefreshesAccepted == 1, "the refresh command");
        clock.Advance(TimeSpan.FromMinutes(1)); // past the first token's expiry and the server's grace period
        emulator.PublishNext(Channel);
        var after = await reader.NextAsync();

        Assert.Multiple(() =>
        {
            Assert.That(user.Session.ExpiresAt, Is.GreaterThan(firstExpiry!.Value), "the session refreshed");
            Assert.That(after.Offset, Is.EqualTo(1));
            Assert.That(emulator.ConnectsAccepted, Is.EqualTo(1), "the connection was never dropped");
        });
    }

    [Test]
    public async Task A_session_refresh_is_passed_on_to_the_connection_at_once()
    {
        // JWT times are whole seconds: a token refreshed in the same second as the last one is the same token.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 9, 12, 0, 0, TimeSpan.Zero));
        await using var user = await SignedInUser.StartAsync(o => o.Realtime.PingInterval = null, clock);
        await using var realtime = Live.Connect(user);
        await realtime.ConnectAsync();

        clock.Advance(TimeSpan.FromSeconds(1));
        await user.Session.RefreshAsync();

        await Live.WaitUntilAsync(() => user.Emulator.Realtime.RefreshesAccepted == 1, "the refresh command");
        Assert.That(user.Emulator.Realtime.ConnectsAccepted, Is.EqualTo(1));
    }

    [Test]
    public async Task A_token_the_server_says_expired_is_refreshed_and_the_stream_goes_on()
    {
        await using var user = await SignedInUser.StartAsync();
        var emulator = user.Emulator.Realtime;
        await using var realtime = Live.Connect(user);
        await using var reader = await realtime.SubscribedAsync(user, Channel);
        emulator.PublishNext(Channel);
        await reader.NextAsync();
        var firstExpiry = user.Session.ExpiresAt;

        emulator.ExpireTokens(); // closes with 3005; the session still thinks its token good, the server answers 109
        emulator.PublishNext(Channel);
        var next = await reader.NextAsync();

        Assert.Multiple(() =>
        {
            Assert.That(next.Offset, Is.EqualTo(2));
            Assert.That(user.Session.ExpiresAt, Is.Not.EqualTo(firstExpiry), "refreshed after error 109");
            Assert.That(emulator.ConnectsAccepted, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task A_token_rejected_even_after_a_refresh_ends_the_stream_with_the_session_error()
    {
        await using var user = await SignedInUser.StartAsync();
        await EndServerSessionBehindTheClientsBackAsync(user);
        await using var realtime = Live.Connect(user);
        await using var reader = realtime.SubscribeRawAsync(Channel).GetAsyncEnumerator();

        Assert.ThrowsAsync<CadenzaSessionExpiredException>(async () => await reader.MoveNextAsync().AsTask().WaitAsync(Live.HangGuard));
        Assert.That(realtime.State, Is.EqualTo(CadenzaRealtimeState.Closed));
        Assert.ThrowsAsync<CadenzaSessionExpiredException>(() => realtime.RpcAsync("query.system.info").WaitAsync(Live.HangGuard));
    }

    [Test]
    public async Task Logging_out_ends_the_stream_with_the_session_error()
    {
        await using var user = await SignedInUser.StartAsync();
        await using var realtime = Live.Connect(user);
        await using var reader = await realtime.SubscribedAsync(user, Channel);

        await user.Session.LogoutAsync();

        Assert.ThrowsAsync<CadenzaSessionExpiredException>(async () => await reader.MoveNextAsync().AsTask().WaitAsync(Live.HangGuard));
    }

    [Test]
    public async Task The_client_answers_server_pings()
    {
        await using var user = await SignedInUser.StartAsync(o => o.Realtime.PingInterval = TimeSpan.FromSeconds(1));
        await using var realtime = Live.Connect(user);
        await realtime.ConnectAsync();

        await Live.WaitUntilAsync(() => user.Emulator.Realtime.PongsReceived >= 2, "two pongs");
        Assert.That(user.Emulator.Realtime.ConnectsAccepted, Is.EqualTo(1), "no connection was closed for a missing pong");
    }

    // Logs the server session out with the client's own tokens, without telling the client's session.
    private static async Task EndServerSessionBehindTheClientsBackAsync(SignedInUser user)
    {
        using var http = new HttpClient { BaseAddress = user.Emulator.BaseAddress };
        using var logout = new HttpRequestMessage(HttpMethod.Post, "api/v3/auth/logout");
        logout.Headers.Authorization = new("Bearer", await user.Session.GetAccessTokenAsync());
        (await http.SendAsync(logout)).EnsureSuccessStatusCode();
    }
}
