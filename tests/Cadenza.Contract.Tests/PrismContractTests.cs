using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Cadenza.Client;
using Cadenza.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Cadenza.Contract.Tests;

/// <summary>
/// The SDK against Prism mocking openapi/cadenza.yaml: every one of the 7 operations, through the generated
/// <see cref="AuthenticationClient"/> and through <see cref="CadenzaSession"/>. Prism validates each request
/// against the spec; a request it rejects (an <c>sl-violations</c> header) fails the test. Prism answers with
/// the spec's examples, and with <c>--errors</c> an example that breaks its own schema becomes a 500, so
/// this also checks the examples the SDK deserializes.
/// </summary>
public class PrismContractTests
{
    private const string ExampleEmail = "trader@example.com";
    private const string ExampleAccessToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwMDAwMDAwMCJ9.c2lnbmF0dXJl";
    private const string ExampleRefreshToken = "v1.refresh-token-example";

    private PrismServer _prism = null!;
    private ViolationRecorder _recorder = null!;

    [OneTimeSetUp]
    public async Task StartPrismAsync() => _prism = await PrismServer.StartAsync(Repository.Spec);

    [OneTimeTearDown]
    public void StopPrism() => _prism?.Dispose();

    [SetUp]
    public void NewRecorder() => _recorder = new ViolationRecorder();

    [TearDown]
    public void NoRequestWasRejected()
    {
        var outcome = TestContext.CurrentContext.Result.Outcome.Status;
        var exchanges = _recorder.Exchanges;
        var rejected = _recorder.Rejected;
        _recorder.Dispose();
        if (outcome == NUnit.Framework.Interfaces.TestStatus.Passed)
        {
            Assert.That(rejected, Is.Empty, "Prism rejected requests the SDK sent:\n" + string.Join("\n", exchanges));
        }
        else
        {
            TestContext.Out.WriteLine("Exchanges:\n" + string.Join("\n", exchanges) + "\nPrism's log:\n" + _prism.Log);
        }
    }

    [Test]
    public async Task Generated_client_signup()
    {
        var response = await Client().AuthSignupAsync(new AuthSignupRequest
        {
            Email = ExampleEmail,
            Password = "correct-horse-battery",
            Metadata = new Dictionary<string, object> { ["desk"] = "rates" },
        });

        Assert.That(response.Data!.Email, Is.EqualTo(ExampleEmail));
        AssertCalled("POST", "/api/v3/auth/signup", bearer: false);
    }

    [Test]
    public async Task Generated_client_login()
    {
        var response = await Client().AuthLoginAsync(new AuthLoginRequest { Email = ExampleEmail, Password = "correct-horse-battery" });

        Assert.That(response.Data!.AccessToken, Is.EqualTo(ExampleAccessToken));
        Assert.That(response.Data.User!.Email, Is.EqualTo(ExampleEmail));
        AssertCalled("POST", "/api/v3/auth/login", bearer: false);
    }

    [Test]
    public async Task Generated_client_refresh_token()
    {
        var response = await Client().AuthRefreshTokenAsync(new AuthRefreshTokenRequest { RefreshToken = ExampleRefreshToken });

        Assert.That(response.Data!.RefreshToken, Is.EqualTo(ExampleRefreshToken));
        AssertCalled("POST", "/api/v3/auth/token/refresh", bearer: false);
    }

    [Test]
    public async Task Generated_client_recover()
    {
        var response = await Client().AuthRecoverAsync(new AuthRecoverRequest { Email = ExampleEmail });

        Assert.That(response.Data, Is.EqualTo("ok"));
        AssertCalled("POST", "/api/v3/auth/recover", bearer: false);
    }

    [Test]
    public async Task Generated_client_get_user()
    {
        var response = await Client(bearer: ExampleAccessToken).AuthGetUserAsync();

        Assert.That(response.Data!.Email, Is.EqualTo(ExampleEmail));
        AssertCalled("GET", "/api/v3/auth/user", bearer: true);
    }

    [Test]
    public async Task Generated_client_update_user()
    {
        var response = await Client(bearer: ExampleAccessToken).AuthUpdateUserAsync(new AuthUpdateUserRequest
        {
            Password = "another-horse-battery",
            Metadata = new Dictionary<string, object> { ["desk"] = "credit" },
        });

        Assert.That(response.Data!.Email, Is.EqualTo(ExampleEmail));
        AssertCalled("PUT", "/api/v3/auth/user", bearer: true);
    }

    [Test]
    public async Task Generated_client_logout()
    {
        var response = await Client(bearer: ExampleAccessToken).AuthLogoutAsync();

        Assert.That(response.Data, Is.EqualTo("ok"));
        AssertCalled("POST", "/api/v3/auth/logout", bearer: true);
    }

    [Test]
    public async Task Session_runs_every_operation_with_its_own_bearer_token()
    {
        // Prism returns the spec's example session, whose expiresAt is fixed (2026-01-01T00:00Z): the session's clock
        // stands an hour before it, so the example token counts as valid and is not refreshed on every call.
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 12, 31, 23, 0, 0, TimeSpan.Zero));
        using var session = new CadenzaSession(new CadenzaSessionOptions { BaseAddress = _prism.BaseAddress, TimeProvider = clock }, _recorder);

        var signedUp = await session.SignUpAsync(ExampleEmail, "correct-horse-battery");
        var login = await session.LoginAsync(ExampleEmail, "correct-horse-battery");
        var user = await session.GetUserAsync();
        var updated = await session.UpdateUserAsync(new AuthUpdateUserRequest { Email = ExampleEmail });
        var refreshed = await session.RefreshAsync();
        var recovered = await session.RecoverAsync(ExampleEmail);
        await session.LogoutAsync();

        Assert.Multiple(() =>
        {
            Assert.That(signedUp.Email, Is.EqualTo(ExampleEmail));
            Assert.That(login.AccessToken, Is.EqualTo(ExampleAccessToken));
            Assert.That(user.Email, Is.EqualTo(ExampleEmail));
            Assert.That(updated.Email, Is.EqualTo(ExampleEmail));
            Assert.That(refreshed.RefreshToken, Is.EqualTo(ExampleRefreshToken));
            Assert.That(recovered, Is.EqualTo("ok"));
            Assert.That(session.State, Is.EqualTo(CadenzaSessionState.SignedOut));
            Assert.That(_recorder.Exchanges.Select(e => $"{e.Method} {e.Path} {(e.AuthorizationScheme ?? "anonymous")}"), Is.EqualTo(new[]
            {
                "POST /api/v3/auth/signup anonymous",
                "POST /api/v3/auth/login anonymous",
                "GET /api/v3/auth/user Bearer",
                "PUT /api/v3/auth/user Bearer",
                "POST /api/v3/auth/token/refresh anonymous",
                "POST /api/v3/auth/recover anonymous",
                "POST /api/v3/auth/logout Bearer",
            }));
        });
    }

    [Test]
    public async Task A_request_that_breaks_the_spec_is_seen_as_rejected()
    {
        // The control: without it, a Prism that validated nothing would let every test above pass.
        using var http = new HttpClient(_recorder, disposeHandler: false) { BaseAddress = _prism.BaseAddress };
        using var body = new StringContent("{\"email\":\"trader@example.com\"}", Encoding.UTF8, "application/json");

        using var response = await http.PostAsync("api/v3/auth/login", body);

        var rejected = _recorder.Rejected.ToList();
        _recorder.Dispose();
        _recorder = new ViolationRecorder();   // this test's rejection is the expected outcome, not a failure
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(rejected, Has.Count.EqualTo(1));
            Assert.That(rejected[0].Violations, Does.Contain("password"));
        });
    }

    [Test]
    public void A_bearer_operation_without_a_token_is_seen_as_rejected()
    {
        var failure = Assert.ThrowsAsync<CadenzaApiException>(() => Client().AuthGetUserAsync());

        var rejected = _recorder.Rejected.ToList();
        _recorder.Dispose();
        _recorder = new ViolationRecorder();
        Assert.Multiple(() =>
        {
            Assert.That(failure!.StatusCode, Is.EqualTo(401));
            Assert.That(rejected, Has.Count.EqualTo(1));
        });
    }

    private AuthenticationClient Client(string? bearer = null)
    {
        var http = new HttpClient(_recorder, disposeHandler: false) { BaseAddress = _prism.BaseAddress };
        if (bearer != null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return new AuthenticationClient(http);
    }

    private void AssertCalled(string method, string path, bool bearer)
    {
        var exchange = _recorder.Exchanges.Single();
        Assert.Multiple(() =>
        {
            Assert.That($"{exchange.Method} {exchange.Path}", Is.EqualTo($"{method} {path}"));
            Assert.That(exchange.Status, Is.EqualTo(200), exchange.ToString());
            Assert.That(exchange.AuthorizationScheme, bearer ? Is.EqualTo("Bearer") : Is.Null);
        });
    }
}
