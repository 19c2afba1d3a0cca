using Cadenza.Emulator;

namespace Cadenza.Client.Redis.Tests;

/// <summary>
/// Sessions sharing one Redis key, each on a connection of its own (as processes on several machines would), against
/// the emulator in GoTrue's strict mode: a refresh token presented twice revokes the whole session.
/// </summary>
public class RedisSharedSessionTests : RedisTest
{
    private const string Password = "correct-horse-battery-staple";

    [Test]
    public async Task Sessions_on_separate_connections_refreshing_together_make_one_refresh_request_per_rotation()
    {
        await using var emulator = await StartEmulatorAsync(TimeSpan.Zero);
        var sessions = await SignedInSessionsAsync(emulator, "desk@example.com", count: 4);
        try
        {
            for (var round = 0; round < 3; round++)
            {
                await Task.WhenAll(sessions.Select(s => s.RefreshAsync()));
            }

            await Task.WhenAll(sessions.Select(s => s.GetUserAsync()));

            Assert.That(emulator.Counters.RefreshRequests, Is.EqualTo(3), "one per rotation: the others adopted it under the lease");
            Assert.That(emulator.Counters.ReuseDetections, Is.Zero);
            Assert.That(sessions.Select(s => s.State), Is.All.EqualTo(CadenzaSessionState.SignedIn));
        }
        finally
        {
            sessions.ForEach(s => s.Dispose());
        }
    }

    [Test]
    public async Task Any_number_of_sessions_and_rounds_never_present_a_refresh_token_twice()
    {
        await using var emulator = await StartEmulatorAsync(TimeSpan.Zero);
        var random = new Random(10);
        for (var run = 0; run < 6; run++)
        {
            var count = random.Next(2, 7);
            var rounds = random.Next(1, 5);
            var before = emulator.Counters;
            var sessions = await SignedInSessionsAsync(emulator, $"run{run}@example.com", count);
            try
            {
                for (var round = 0; round < rounds; round++)
                {
                    // A random subset refreshes at once; the rest are left behind and must catch up without spending a token.
                    await Task.WhenAll(sessions.Where(_ => random.Next(2) == 0).Select(s => s.RefreshAsync()));
                }

                await Task.WhenAll(sessions.Select(s => s.RefreshAsync()));

                Assert.That(emulator.Counters.ReuseDetections, Is.Zero, $"{count} sessions, {rounds} rounds");
                Assert.That(emulator.Counters.RefreshRequests - before.RefreshRequests, Is.LessThanOrEqualTo(rounds + 1));
                Assert.That(sessions.Select(s => s.State), Is.All.EqualTo(CadenzaSessionState.SignedIn));
            }
            finally
            {
                sessions.ForEach(s => s.Dispose());
            }
        }
    }

    [Test]
    public async Task When_the_lease_holder_dies_the_others_refresh_once_its_lease_lapses()
    {
        await using var emulator = await StartEmulatorAsync(TimeSpan.Zero);
        var sessions = await SignedInSessionsAsync(emulator, "desk@example.com", count: 1);
        using var survivor = sessions[0];
        var orphaned = await (await OpenAsync(TimeSpan.FromMilliseconds(500))).AcquireRefreshLeaseAsync(); // its holder "died": never released
        var before = emulator.Counters;

        await survivor.RefreshAsync();

        Assert.That(orphaned, Is.Not.Null);
        Assert.That(survivor.State, Is.EqualTo(CadenzaSessionState.SignedIn));
        Assert.That(emulator.Counters.RefreshRequests - before.RefreshRequests, Is.EqualTo(1));
        Assert.That(emulator.Counters.ReuseDetections, Is.Zero);
    }

    // A holder crashes after the server rotated its refresh token and before the successor reached the store. Nobody
    // can learn the successor then: the store still holds the spent token, and the next holder presents it. In the
    // strict mode that is a reuse, and the session ends for everyone (one login brings it back); with GoTrue's reuse
    // interval (Supabase's default, 10 s) the server answers with the current token instead and nothing is lost. The
    // SDK keeps this window to one HTTP round trip: the successor is written before anything else happens.
    [TestCase(0, false)]
    [TestCase(10, true)]
    public async Task A_holder_that_crashes_between_spending_and_storing_costs_the_session_only_in_the_strict_mode(int reuseIntervalSeconds, bool survives)
    {
        await using var emulator = await StartEmulatorAsync(TimeSpan.FromSeconds(reuseIntervalSeconds));
        var sessions = await SignedInSessionsAsync(emulator, "desk@example.com", count: 1);
        using var next = sessions[0];
        using (var crashing = new CadenzaSession(new CadenzaSessionOptions { BaseAddress = emulator.BaseAddress, Store = new CrashBeforeStoring(await OpenAsync(account: "desk@example.com")) }))
        {
            await crashing.RestoreAsync();
            await crashing.RefreshAsync(); // spent at the server; its successor never stored
        }

        var refreshed = survives ? await next.RefreshAsync() : null;
        var ended = survives ? null : Assert.ThrowsAsync<CadenzaSessionExpiredException>(() => next.RefreshAsync());

        Assert.That(next.State, Is.EqualTo(survives ? CadenzaSessionState.SignedIn : CadenzaSessionState.SignedOut));
        Assert.That(emulator.Counters.ReuseDetections, Is.EqualTo(survives ? 0 : 1));
        Assert.That(emulator.Counters.ReusesForgiven, Is.EqualTo(survives ? 1 : 0));
        Assert.That(ended?.Message ?? refreshed!.AccessToken, Is.Not.Empty);
        var stored = await (await OpenAsync(account: "desk@example.com")).LoadAsync();
        Assert.That(stored?.RefreshToken, survives ? Is.EqualTo(refreshed!.RefreshToken) : Is.Null, "the successor stored, or the dead session cleared");
    }

    // The outage the lease keep-alive is for: the server is slow, and a holder's refresh request is out for several lease
    // times (HttpClient waits 100 s by default). Were its lease to lapse, the next holder would take it, re-read the store
    // (still the old refresh token: nothing has come back yet) and present that token again: in the strict mode, the
    // whole session revoked for every process. Instead the holder keeps extending its lease until its answer is stored.
    [Test]
    public async Task A_refresh_request_out_for_several_lease_times_keeps_its_lease_and_no_one_presents_its_token_again()
    {
        const string email = "desk@example.com";
        var leaseTime = TimeSpan.FromMilliseconds(500);
        await using var emulator = await StartEmulatorAsync(TimeSpan.Zero);
        using var slowServer = new HeldRefreshAnswers();
        using var first = new CadenzaSession(new CadenzaSessionOptions { BaseAddress = emulator.BaseAddress, Store = await OpenAsync(leaseTime, email) }, slowServer);
        await first.SignUpAsync(email, Password);
        await first.LoginAsync(email, Password);
        using var second = new CadenzaSession(new CadenzaSessionOptions
        {
            BaseAddress = emulator.BaseAddress,
            Store = await OpenAsync(leaseTime, email),
            RefreshRetryDelay = TimeSpan.Zero, // no back-off window: its next refresh goes to the store at once
            RefreshRetryMaxDelay = TimeSpan.Zero,
        });
        await second.RestoreAsync();
        var before = emulator.Counters;

        var slow = first.RefreshAsync();
        await slowServer.Answered; // the server rotated the token; its answer is on its way back, slowly
        var whileOut = Assert.CatchAsync<CadenzaApiException>(() => second.RefreshAsync()); // waits its whole wait: twice the lease time
        Assert.That(whileOut!.Message, Does.Contain("not attempted").And.Contain("kept its refresh lease for the whole wait"), "the second must not present the token");
        await Task.Delay(leaseTime * 3);
        slowServer.Release();
        var rotated = await slow;
        var adopted = await second.RefreshAsync();
        await Task.WhenAll(first.GetUserAsync(), second.GetUserAsync());

        Assert.That(emulator.Counters.RefreshRequests - before.RefreshRequests, Is.EqualTo(1));
        Assert.That(emulator.Counters.ReuseDetections, Is.Zero);
        Assert.That(adopted.RefreshToken, Is.EqualTo(rotated.RefreshToken), "the second carries on with the first one's rotation");
        Assert.That((await (await OpenAsync(account: email)).LoadAsync())!.RefreshToken, Is.EqualTo(rotated.RefreshToken));
        Assert.That(new[] { first.State, second.State }, Is.All.EqualTo(CadenzaSessionState.SignedIn));
    }

    private static Task<CadenzaEmulator> StartEmulatorAsync(TimeSpan reuseInterval) =>
        CadenzaEmulator.StartAsync(new CadenzaEmulatorOptions { RefreshTokenReuseInterval = reuseInterval, PasswordHashIterations = 10 });

    // One signed-in account, and sessions that restore it from the shared key, each through a connection of its own.
    private async Task<List<CadenzaSession>> SignedInSessionsAsync(CadenzaEmulator emulator, string email, int count)
    {
        var sessions = new List<CadenzaSession>();
        for (var i = 0; i < count; i++)
        {
            var session = new CadenzaSession(new CadenzaSessionOptions { BaseAddress = emulator.BaseAddress, Store = await OpenAsync(account: email) });
            sessions.Add(session);
            if (i == 0)
            {
                await session.SignUpAsync(email, Password);
                await session.LoginAsync(email, Password);
            }
            else
            {
                Assert.That(await session.RestoreAsync(), Is.True);
            }
        }

        return sessions;
    }

    /// <summary>A slow server: refresh requests reach it at once, and its answers are held until released.</summary>
    private sealed class HeldRefreshAnswers() : DelegatingHandler(new HttpClientHandler { AllowAutoRedirect = false })
    {
        private readonly TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Answered => _answered.Task;

        public void Release() => _released.TrySetResult();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri!.AbsolutePath.EndsWith("/token/refresh", StringComparison.Ordinal))
            {
                _answered.TrySetResult();
                await _released.Task;
            }

            return response;
        }
    }

    /// <summary>A store whose holder dies after the refresh and before the write: the write never happens.</summary>
    private sealed class CrashBeforeStoring(RedisSessionStore inner) : ICadenzaSharedSessionStore
    {
        public Task<StoredSession?> LoadAsync(CancellationToken cancellationToken = default) => inner.LoadAsync(cancellationToken);

        public Task SaveAsync(StoredSession session, CancellationToken cancellationToken = default) => inner.SaveAsync(session, cancellationToken);

        public Task ClearAsync(CancellationToken cancellationToken = default) => inner.ClearAsync(cancellationToken);

        public async Task<CadenzaRefreshLease?> AcquireRefreshLeaseAsync(CancellationToken cancellationToken = default) =>
            await inner.AcquireRefreshLeaseAsync(cancellationToken) is { } lease ? new NeverWrites(lease) : null;

        private sealed class NeverWrites(CadenzaRefreshLease inner) : CadenzaRefreshLease(inner.Duration)
        {
            public override Task<bool> ReplaceAsync(StoredSession? expected, StoredSession replacement, CancellationToken cancellationToken = default) =>
                throw new IOException("the process died here");

            public override Task<bool> ClearAsync(StoredSession expected, CancellationToken cancellationToken = default) => inner.ClearAsync(expected, cancellationToken);

            protected override Task ReleaseCoreAsync() => inner.ReleaseAsync();
        }
    }
}
