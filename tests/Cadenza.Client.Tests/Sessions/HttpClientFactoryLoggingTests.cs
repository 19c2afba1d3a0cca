using Cadenza.Client.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cadenza.Client.Tests.Sessions;

/// <summary>IHttpClientFactory logs request headers at Trace: the bearer token must not be among them.</summary>
public class HttpClientFactoryLoggingTests
{
    [Test]
    public async Task At_Trace_the_factory_logs_the_Authorization_header_redacted()
    {
        using var server = new FakeCadenza();
        using var logs = new CapturedLogs();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddSingleton<TimeProvider>(server.Time);
        services.AddCadenzaClient(o => o.BaseAddress = MockServer.BaseAddress).ConfigurePrimaryHttpMessageHandler(() => server.Transport);
        await using var provider = services.BuildServiceProvider();
        var session = provider.GetRequiredService<CadenzaSession>();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);

        await provider.GetRequiredService<AuthenticationClient>().AuthGetUserAsync();

        var headerLines = logs.Lines.Where(l => l.Contains("Authorization", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.That(headerLines, Is.Not.Empty, "the factory logged the request headers at Trace");
        Assert.That(logs.Lines, Has.None.Contain(FakeCadenza.AccessToken(1)));
        Assert.That(headerLines, Has.Some.Contain("Authorization: *"));
    }

    [Test]
    public async Task A_users_own_header_redaction_is_kept_and_Authorization_stays_redacted()
    {
        using var server = new FakeCadenza();
        using var logs = new CapturedLogs();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddSingleton<TimeProvider>(server.Time);
        services.AddCadenzaClient(o => o.BaseAddress = MockServer.BaseAddress)
            .ConfigurePrimaryHttpMessageHandler(() => server.Transport)
            .RedactLoggedHeaders(["X-Desk"])
            .ConfigureHttpClient(http => http.DefaultRequestHeaders.Add("X-Desk", "rates-desk-secret"));
        await using var provider = services.BuildServiceProvider();
        var session = provider.GetRequiredService<CadenzaSession>();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);

        await provider.GetRequiredService<AuthenticationClient>().AuthGetUserAsync();

        Assert.That(logs.Lines, Has.None.Contain(FakeCadenza.AccessToken(1)));
        Assert.That(logs.Lines, Has.None.Contain("rates-desk-secret"));
        Assert.That(logs.Lines, Has.Some.Contain("X-Desk: *"));
    }
}
