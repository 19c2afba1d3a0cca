using System.Net;
using Cadenza.Client.Tests.Support;

namespace Cadenza.Client.Tests.Sessions;

public class BearerHandlerTests
{
    private static readonly Operation[] Operations = Operation.All;

    [Test]
    public void The_anonymous_operations_are_read_from_the_spec()
    {
        Assert.That(AnonymousOperations.Current.Describe(), Is.EquivalentTo(new[]
        {
            "GET /api/v3/health", "POST /api/v3/auth/signup", "POST /api/v3/auth/login", "POST /api/v3/auth/token/refresh", "POST /api/v3/auth/recover",
        }));
    }

    [TestCaseSource(nameof(Operations))]
    public async Task Through_the_session_bearer_operations_carry_the_token_and_anonymous_ones_never_do(Operation op)
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.Requests.Clear();

        try
        {
            await op.Invoke(session.Authentication, CancellationToken.None);
        }
        catch (CadenzaApiException)
        {
            // The fake may reject the canned request (e.g. refresh with a made-up token): the header is what counts.
        }

        var request = server.Requests.Single(r => r.Uri.AbsolutePath == op.Path);
        Assert.That(request.Authorization, op.Bearer ? Is.EqualTo("Bearer " + FakeCadenza.AccessToken(1)) : Is.Null);
    }

    [Test]
    public async Task An_anonymous_operation_with_an_expired_token_triggers_no_refresh()
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.Time.Advance(TimeSpan.FromHours(2));

        await session.RecoverAsync("trader@example.com");

        Assert.That(server.RefreshCalls, Is.Zero);
    }

    [Test]
    public async Task A_client_for_an_operation_added_by_a_later_spec_change_is_authenticated_too()
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);

        using var response = await session.HttpClient.GetAsync("api/v3/trading/orders");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(server.Requests.Last().Authorization, Is.EqualTo("Bearer " + FakeCadenza.AccessToken(1)));
    }

    [Test]
    public void Refuses_plain_http_to_a_host_that_is_not_loopback()
    {
        var ex = Assert.Throws<ArgumentException>(() => new CadenzaSession(new Uri("http://cadenza.example.com/")));

        Assert.That(ex!.Message, Does.Contain("plain HTTP").And.Contain("cadenza.example.com"));
    }

    [TestCase("http://127.0.0.1:5000/")]
    [TestCase("http://localhost:5000/")]
    [TestCase("http://[::1]:5000/")]
    public void Allows_plain_http_to_loopback(string address)
    {
        using var session = new CadenzaSession(new Uri(address));

        Assert.That(session.BaseAddress, Is.EqualTo(new Uri(address)));
    }

    [Test]
    public async Task The_opt_out_allows_plain_http_for_a_test_rig()
    {
        using var server = new FakeCadenza();
        using var session = new CadenzaSession(new CadenzaSessionOptions { BaseAddress = new Uri("http://rig.internal"), AllowInsecureHttp = true, TimeProvider = server.Time }, server.Transport);

        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);

        Assert.That(session.BaseAddress.AbsoluteUri, Is.EqualTo("http://rig.internal/"), "a missing trailing slash is added");
        Assert.That(server.Requests.Single().Uri.AbsoluteUri, Is.EqualTo("http://rig.internal/api/v3/auth/login"));
    }

    [Test]
    public async Task A_request_through_the_pipeline_to_plain_http_elsewhere_is_refused()
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);

        var ex = Assert.ThrowsAsync<InvalidOperationException>(() => session.HttpClient.GetAsync("http://elsewhere.example.com/api"));

        Assert.That(ex!.Message, Does.Contain("plain HTTP"));
        Assert.That(server.Requests.Any(r => r.Uri.Host == "elsewhere.example.com"), Is.False);
    }
}
