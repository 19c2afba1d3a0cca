using Cadenza.Emulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Cadenza.Client.Redis.Tests;

public class RedisDependencyInjectionTests : RedisTest
{
    private const string Email = "trader@example.com";
    private const string Password = "correct-horse-battery";

    [Test]
    public async Task A_named_session_kept_in_Redis_is_restored_by_another_process_without_logging_in_again()
    {
        await using var emulator = await CadenzaEmulator.StartAsync(new CadenzaEmulatorOptions { PasswordHashIterations = 10 });
        await using (var first = await ProcessAsync(emulator.BaseAddress))
        {
            var session = first.GetRequiredKeyedService<CadenzaSession>("desk-a");
            // Since 2026-02-26 a sign-up answers with a session: signed in, stored in Redis.
            Assert.That((await session.SignUpAsync(Email, Password)).SignedIn, Is.True);
        }

        await using var second = await ProcessAsync(emulator.BaseAddress);
        var restored = second.GetRequiredKeyedService<CadenzaSession>("desk-a");
        var store = (RedisSessionStore)second.GetRequiredService<IOptionsMonitor<CadenzaSessionOptions>>().Get("desk-a").Store;

        Assert.That(await restored.RestoreAsync(), Is.True);
        Assert.That((await restored.GetUserAsync()).Email, Is.EqualTo(Email));
        Assert.That(store.Key, Is.EqualTo($"{Prefix}127.0.0.1:{emulator.BaseAddress.Port}/trader%40example.com"), "the server is the session's own");
        Assert.That(emulator.Counters.SessionsStarted, Is.EqualTo(1), "the second process logged in no more");
    }

    [Test]
    public void Without_a_connection_the_start_check_says_how_to_provide_one()
    {
        var services = new ServiceCollection();
        services.AddCadenzaClient(o => o.BaseAddress = Server);
        services.AddCadenzaRedisSessionStore(o => o.Account = Email);
        using var provider = services.BuildServiceProvider();

        var failure = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(failure!.Message, Does.Contain("register an IConnectionMultiplexer or set RedisSessionStoreOptions.Connection"));
    }

    [Test]
    public async Task Without_an_account_the_start_check_says_what_is_missing()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConnectionMultiplexer>(await Redis.ConnectAsync());
        services.AddCadenzaClient("desk-a", o => o.BaseAddress = Server);
        services.AddCadenzaRedisSessionStore("desk-a", _ => { });
        using var provider = services.BuildServiceProvider();

        var failure = Assert.Throws<ArgumentException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(failure!.Message, Does.Contain("RedisSessionStoreOptions.Account is required"));
    }

    // A process of its own: its own container and its own Redis connection, sharing the session through Redis.
    private async Task<ServiceProvider> ProcessAsync(Uri server)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConnectionMultiplexer>(await Redis.ConnectAsync());
        services.AddCadenzaClient("desk-a", o => o.BaseAddress = server);
        services.AddCadenzaRedisSessionStore("desk-a", o =>
        {
            o.Account = Email;
            o.KeyPrefix = Prefix;
        });
        return services.BuildServiceProvider();
    }
}
