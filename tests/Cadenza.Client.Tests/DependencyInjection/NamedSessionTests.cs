using Cadenza.Client.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cadenza.Client.Tests.DependencyInjection;

public class NamedSessionTests
{
    [Test]
    public async Task Each_named_session_is_a_keyed_singleton_with_its_own_server_store_and_authenticated_client()
    {
        using var deskA = new FakeCadenza();
        using var deskB = new FakeCadenza();
        var storeA = new InMemorySessionStore();
        var storeB = new InMemorySessionStore();
        var services = new ServiceCollection();
        services.AddCadenzaClient("desk-a", o => { o.BaseAddress = MockServer.BaseAddress; o.Store = storeA; o.TimeProvider = deskA.Time; })
            .ConfigurePrimaryHttpMessageHandler(() => deskA.Transport);
        services.AddCadenzaClient("desk-b", o => { o.BaseAddress = new Uri("https://other.cadenza.test"); o.Store = storeB; o.TimeProvider = deskB.Time; })
            .ConfigurePrimaryHttpMessageHandler(() => deskB.Transport);
        await using var provider = services.BuildServiceProvider();

        var a = provider.GetRequiredKeyedService<CadenzaSession>("desk-a");
        var b = provider.GetRequiredKeyedService<CadenzaSession>("desk-b");
        await a.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        deskA.Time.Advance(TimeSpan.FromHours(2));
        await provider.GetRequiredKeyedService<AuthenticationClient>("desk-a").AuthGetUserAsync();

        Assert.That(provider.GetRequiredKeyedService<CadenzaSession>("desk-a"), Is.SameAs(a));
        Assert.That(b, Is.Not.SameAs(a));
        Assert.That(b.BaseAddress, Is.EqualTo(new Uri("https://other.cadenza.test/")));
        Assert.That(b.State, Is.EqualTo(CadenzaSessionState.SignedOut), "desk-b's login is its own");
        Assert.That(await storeB.LoadAsync(), Is.Null);
        Assert.That((await storeA.LoadAsync())!.AccessToken, Is.EqualTo(FakeCadenza.AccessToken(2)), "desk-a refreshed into its own store");
        Assert.That(deskA.Requests.Last().Authorization, Is.EqualTo("Bearer " + FakeCadenza.AccessToken(2)));
        Assert.That(deskB.Requests, Is.Empty);
        Assert.That(provider.GetService<CadenzaSession>(), Is.Null, "no unnamed session was registered");
    }

    [Test]
    public async Task Options_are_bound_from_a_configuration_section_then_configured_in_code()
    {
        var configuration = Configuration(new()
        {
            ["Cadenza:BaseAddress"] = "https://cadenza.test",
            ["Cadenza:RefreshMargin"] = "00:02:00",
            ["Cadenza:RefreshRetryDelay"] = "00:00:07",
            ["Desks:A:BaseAddress"] = "http://127.0.0.1:5005",
        });
        var store = new InMemorySessionStore();
        var services = new ServiceCollection();
        services.AddCadenzaClient(configuration.GetSection("Cadenza"), o => o.Store = store);
        services.AddCadenzaClient("desk-a", configuration.GetSection("Desks:A"));
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<CadenzaSessionOptions>>();

        Assert.That(options.CurrentValue.BaseAddress, Is.EqualTo(new Uri("https://cadenza.test")));
        Assert.That(options.CurrentValue.RefreshMargin, Is.EqualTo(TimeSpan.FromMinutes(2)));
        Assert.That(options.CurrentValue.RefreshRetryDelay, Is.EqualTo(TimeSpan.FromSeconds(7)));
        Assert.That(options.CurrentValue.Store, Is.SameAs(store));
        Assert.That(provider.GetRequiredKeyedService<CadenzaSession>("desk-a").BaseAddress, Is.EqualTo(new Uri("http://127.0.0.1:5005/")));
    }

    [TestCase("BaseAddress", "http://cadenza.example.com", "The Cadenza session 'desk-a': ", "plain HTTP")]
    [TestCase("RefreshMargin", "-00:00:05", "The Cadenza session 'desk-a': ", "RefreshMargin cannot be negative")]
    public void Invalid_options_stop_the_host_at_start_with_one_line_naming_the_session(string key, string value, string prefix, string problem)
    {
        var services = new ServiceCollection();
        services.AddCadenzaClient("desk-a", Configuration(new() { [key] = value }));
        using var provider = services.BuildServiceProvider();

        // What a host does when it starts (IHost.StartAsync runs the startup validators).
        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(failure!.Message, Does.StartWith(prefix).And.Contain(problem).And.Not.Contain("Parameter"));
        Assert.That(failure.Message, Does.Not.Contain("\n"));
    }

    [Test]
    public void A_misspelt_configuration_key_is_an_error_at_start_not_a_silent_default()
    {
        var services = new ServiceCollection();
        services.AddCadenzaClient(Configuration(new() { ["BaseAdress"] = "https://cadenza.test" }));
        using var provider = services.BuildServiceProvider();

        var failure = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(failure!.Message, Does.Contain("BaseAdress"));
    }

    [Test]
    public void Valid_options_pass_the_start_check()
    {
        var services = new ServiceCollection();
        services.AddCadenzaClient("desk-a", Configuration(new() { ["BaseAddress"] = "https://cadenza.test" }));
        services.AddCadenzaClient(o => o.BaseAddress = MockServer.BaseAddress);
        using var provider = services.BuildServiceProvider();

        Assert.DoesNotThrow(() => provider.GetRequiredService<IStartupValidator>().Validate());
    }

    [TestCase("")]
    [TestCase("  ")]
    public void An_empty_session_name_is_refused(string name) =>
        Assert.That(() => new ServiceCollection().AddCadenzaClient(name, _ => { }), Throws.ArgumentException.With.Message.Contains("must not be empty"));

    [Test]
    public void The_named_sessions_http_client_is_named_after_it() =>
        Assert.That(new ServiceCollection().AddCadenzaClient("desk-a", _ => { }).Name, Is.EqualTo("Cadenza:desk-a"));

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
