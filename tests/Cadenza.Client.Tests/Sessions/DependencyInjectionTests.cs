using Cadenza.Client.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Cadenza.Client.Tests.Sessions;

public class DependencyInjectionTests
{
    [Test]
    public async Task AddCadenzaClient_wires_one_session_and_authenticated_typed_clients()
    {
        using var server = new FakeCadenza();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(server.Time);
        var builder = services.AddCadenzaClient(o => o.BaseAddress = MockServer.BaseAddress)
            .ConfigurePrimaryHttpMessageHandler(() => server.Transport);
        await using var provider = services.BuildServiceProvider();

        var session = provider.GetRequiredService<CadenzaSession>();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        var client = provider.GetRequiredService<AuthenticationClient>();
        server.Time.Advance(TimeSpan.FromHours(2));
        await client.AuthGetUserAsync();

        Assert.That(builder.Name, Is.EqualTo(CadenzaServiceCollectionExtensions.HttpClientName));
        Assert.That(provider.GetRequiredService<CadenzaSession>(), Is.SameAs(session));
        Assert.That(server.RefreshCalls, Is.EqualTo(1), "the container's TimeProvider drives the refresh");
        Assert.That(server.Requests.Last().Authorization, Is.EqualTo("Bearer " + FakeCadenza.AccessToken(2)));
        Assert.That(server.Requests.Last().Uri.AbsoluteUri, Is.EqualTo("https://cadenza.test/api/v3/auth/user"));
    }

    [Test]
    public async Task The_default_primary_handler_of_the_Cadenza_client_does_not_follow_redirects()
    {
        var services = new ServiceCollection();
        services.AddCadenzaClient(o => o.BaseAddress = MockServer.BaseAddress);
        await using var provider = services.BuildServiceProvider();

        var handler = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(CadenzaServiceCollectionExtensions.HttpClientName);
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler!;
        }

        var follows = handler switch
        {
            SocketsHttpHandler sockets => sockets.AllowAutoRedirect,
            HttpClientHandler classic => classic.AllowAutoRedirect,
            _ => throw new AssertionException("unexpected primary handler " + handler.GetType()),
        };
        Assert.That(follows, Is.False);
    }
}
