using System.Net;
using System.Text;
using RichardSzalay.MockHttp;

namespace Cadenza.Client.Tests.Sessions;

/// <summary>Sign-up since 2026-02-26: a session when the server gives tokens, just the user when it does not.</summary>
public class SignUpTests
{
    private MockHttpMessageHandler _server = null!;

    [SetUp]
    public void StartServer() => _server = new MockHttpMessageHandler();

    [TearDown]
    public void StopServer() => _server.Dispose();

    [Test]
    public async Task A_sign_up_answered_with_a_session_signs_in_and_raises_SignedIn()
    {
        _server.When(HttpMethod.Post, "*/api/v3/auth/signup").Respond(HttpStatusCode.OK, "application/json", Support.Bodies.Session);
        using var session = Session();
        var changes = new List<CadenzaSessionChange>();
        session.Changed += (_, e) => changes.Add(e.Change);

        var result = await session.SignUpAsync("trader@example.com", "correct-horse-battery");

        Assert.Multiple(() =>
        {
            Assert.That(result.SignedIn, Is.True);
            Assert.That(result.User.Email, Is.EqualTo("trader@example.com"));
            Assert.That(result.Session!.AccessToken, Is.EqualTo(Support.Bodies.AccessToken));
            Assert.That(session.State, Is.EqualTo(CadenzaSessionState.SignedIn));
            Assert.That(session.User!.Email, Is.EqualTo("trader@example.com"));
            Assert.That(changes, Is.EqualTo(new[] { CadenzaSessionChange.SignedIn }));
        });
    }

    [Test]
    public async Task A_sign_up_answered_with_the_user_only_returns_the_user_and_signs_nothing_in()
    {
        // GoTrue with "confirm email" on sends the user itself as the data.
        _server.When(HttpMethod.Post, "*/api/v3/auth/signup").Respond(HttpStatusCode.OK, "application/json", Support.Bodies.User);
        using var session = Session();

        var result = await session.SignUpAsync("trader@example.com", "correct-horse-battery");

        Assert.Multiple(() =>
        {
            Assert.That(result.SignedIn, Is.False);
            Assert.That(result.Session, Is.Null);
            Assert.That(result.User.Id, Is.EqualTo(Guid.Parse("0b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b")));
            Assert.That(result.User.UserMetadata!["desk"], Is.EqualTo("rates"));
            Assert.That(session.State, Is.EqualTo(CadenzaSessionState.SignedOut));
        });
    }

    [Test]
    public async Task A_session_without_tokens_but_with_its_user_is_a_sign_up_that_needs_confirming()
    {
        _server.When(HttpMethod.Post, "*/api/v3/auth/signup").Respond(HttpStatusCode.OK, "application/json",
            Support.Bodies.Envelope("{ \"user\": " + Support.Bodies.UserJson + " }"));
        using var session = Session();

        var result = await session.SignUpAsync("trader@example.com", "correct-horse-battery");

        Assert.That(result.SignedIn, Is.False);
        Assert.That(result.User.Email, Is.EqualTo("trader@example.com"));
    }

    [TestCase("null", "the sign-up response has no data")]
    [TestCase("{}", "the sign-up response has no user")]
    [TestCase("{ \"accessToken\": \"a-token\", \"refreshToken\": \"r-token\", \"expiresIn\": 3600 }", "the sign-up response has no user")]
    public void A_sign_up_answer_the_SDK_cannot_use_is_a_typed_error_and_keeps_the_previous_state(string data, string message)
    {
        _server.When(HttpMethod.Post, "*/api/v3/auth/signup").Respond(HttpStatusCode.OK, "application/json", Support.Bodies.Envelope(data));
        using var session = Session();

        var failure = Assert.ThrowsAsync<CadenzaApiException>(() => session.SignUpAsync("trader@example.com", "correct-horse-battery"));

        Assert.That(failure!.Message, Does.Contain(message));
        Assert.That(failure.Message, Does.Not.Contain("a-token").And.Not.Contain("r-token"));
        Assert.That(session.State, Is.EqualTo(CadenzaSessionState.SignedOut), "tokens without a user are not half-installed");
    }

    private CadenzaSession Session() =>
        new(new CadenzaSessionOptions { BaseAddress = new Uri("https://cadenza.test/") }, _server);
}
