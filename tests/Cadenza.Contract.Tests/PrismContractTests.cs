using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Cadenza.Client;
using Cadenza.Tests.Shared;

namespace Cadenza.Contract.Tests;

/// <summary>
/// The SDK against Prism mocking openapi/cadenza.yaml: every operation the spec lists (enumerated from the spec, so a
/// new one cannot be left out), each through its generated client on a signed-in session's pipeline, and the
/// session's own operations through <see cref="CadenzaSession"/>. Prism validates each request
/// against the spec; a request it rejects (an <c>sl-violations</c> header) fails the test. Prism answers with
/// the spec's examples, and with <c>--errors</c> an example that breaks its own schema becomes a 500, so
/// this also checks the examples the SDK deserializes.
/// </summary>
public class PrismContractTests
{
    private const string ExampleEmail = "trader@example.com";

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

    /// <summary>Each operation of the spec, called through its generated client on a signed-in session's pipeline.</summary>
    [TestCaseSource(typeof(SpecOperation), nameof(SpecOperation.All))]
    public async Task Every_operation_of_the_spec_goes_through_its_generated_client_on_the_session(SpecOperation operation)
    {
        using var session = await SignedInSessionAsync();
        _recorder.Clear();

        var response = await GeneratedCall.InvokeAsync(operation, session.HttpClient);

        Assert.That(response, Is.Not.Null);
        var exchange = _recorder.Exchanges.Last();
        Assert.Multiple(() =>
        {
            Assert.That($"{exchange.Method} {exchange.Path}", Is.EqualTo(operation.ToString()));
            Assert.That(exchange.Status, Is.InRange(200, 299), exchange.ToString());
            Assert.That(exchange.AuthorizationScheme, operation.Anonymous ? Is.Null : Is.EqualTo("Bearer"),
                operation.Anonymous ? "the spec marks it anonymous (security: [])" : "the spec requires the bearer token");
        });
    }

    [Test]
    public void The_spec_has_the_whole_REST_API()
    {
        // A floor, not the exact count: a smaller number would mean the import lost operations.
        Assert.That(SpecOperation.All, Has.Count.GreaterThanOrEqualTo(61));
        Assert.That(SpecOperation.All.Select(o => o.Tag).Distinct(), Has.Member("Trading").And.Member("TradingAccountPortfolio").And.Member("Authentication"));
    }

    [Test]
    public async Task Session_runs_its_own_operations_with_a_bearer_token_exactly_where_the_spec_wants_one()
    {
        using var session = new CadenzaSession(new CadenzaSessionOptions { BaseAddress = _prism.BaseAddress }, _recorder);

        var signedUp = await session.SignUpAsync(ExampleEmail, "correct-horse-battery");
        var login = await session.LoginAsync(ExampleEmail, "correct-horse-battery");
        var user = await session.GetUserAsync();
        var updated = await session.UpdateUserAsync(new AuthUpdateUserRequest { Email = ExampleEmail });
        var refreshed = await session.RefreshAsync();
        var recovered = await session.RecoverAsync(ExampleEmail);
        await session.LogoutAsync();

        Assert.Multiple(() =>
        {
            Assert.That(signedUp.User, Is.Not.Null);
            Assert.That(login.AccessToken, Is.Not.Empty);
            Assert.That(user, Is.Not.Null);
            Assert.That(updated, Is.Not.Null);
            Assert.That(refreshed.AccessToken, Is.Not.Empty);
            Assert.That(recovered, Is.Not.Null);
            Assert.That(session.State, Is.EqualTo(CadenzaSessionState.SignedOut));
            // Distinct: a mock's token may look due at once, and then the session refreshes before a call; that is fine here.
            Assert.That(_recorder.Exchanges.Select(e => $"{e.Method} {e.Path} {(e.AuthorizationScheme ?? "anonymous")}").Distinct(), Is.EquivalentTo(new[]
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
        var failure = Assert.CatchAsync<CadenzaApiException>(() => Client().AuthGetUserAsync());

        var rejected = _recorder.Rejected.ToList();
        _recorder.Dispose();
        _recorder = new ViolationRecorder();
        Assert.Multiple(() =>
        {
            Assert.That(failure!.StatusCode, Is.EqualTo(401));
            Assert.That(rejected, Has.Count.EqualTo(1));
        });
    }

    private async Task<CadenzaSession> SignedInSessionAsync()
    {
        var session = new CadenzaSession(new CadenzaSessionOptions { BaseAddress = _prism.BaseAddress }, _recorder);
        await session.LoginAsync(ExampleEmail, "correct-horse-battery");
        return session;
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
}
