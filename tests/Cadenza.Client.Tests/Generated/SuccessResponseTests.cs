using System.Net;
using Cadenza.Client.Tests.Support;

namespace Cadenza.Client.Tests.Generated;

public class SuccessResponseTests
{
    private static readonly Operation[] Operations = Operation.All;

    [TestCaseSource(nameof(Operations))]
    public async Task Parses_the_success_envelope(Operation op)
    {
        using var server = new MockServer(HttpStatusCode.OK, op.SuccessBody);

        var envelope = await op.Invoke(server.Client, CancellationToken.None);

        Assert.That(envelope.Success, Is.True);
        Assert.That(envelope.Errno, Is.Zero);
        Assert.That(envelope.Error, Is.Null);
    }

    [Test]
    public async Task Login_returns_the_session_with_tokens_expiry_and_user()
    {
        using var server = new MockServer(HttpStatusCode.OK, Bodies.Session);

        var response = await server.Client.AuthLoginAsync(new AuthLoginRequest { Email = "trader@example.com", Password = "pw" });

        var session = response.Data!;
        Assert.Multiple(() =>
        {
            Assert.That(session.AccessToken, Is.EqualTo(Bodies.AccessToken));
            Assert.That(session.RefreshToken, Is.EqualTo(Bodies.RefreshToken));
            Assert.That(session.TokenType, Is.EqualTo("bearer"));
            Assert.That(session.ExpiresIn, Is.EqualTo(3600));
            Assert.That(session.ExpiresAt, Is.EqualTo(1767225600L));
            Assert.That(session.User!.Email, Is.EqualTo("trader@example.com"));
        });
    }

    [Test]
    public async Task Get_user_parses_every_user_field_and_date_times_with_T_or_a_space()
    {
        using var server = new MockServer(HttpStatusCode.OK, Bodies.User);

        var user = (await server.Client.AuthGetUserAsync()).Data!;

        Assert.Multiple(() =>
        {
            Assert.That(user.Id, Is.EqualTo(Guid.Parse("0b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b")));
            Assert.That(user.Email, Is.EqualTo("trader@example.com"));
            Assert.That(user.Phone, Is.Null);
            Assert.That(user.Role, Is.EqualTo("authenticated"));
            Assert.That(user.EmailConfirmedAt, Is.EqualTo(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)));
            Assert.That(user.PhoneConfirmedAt, Is.Null);
            Assert.That(user.LastSignInAt, Is.EqualTo(new DateTimeOffset(2026, 1, 23, 4, 56, 7, TimeSpan.Zero)));
            Assert.That(user.UpdatedAt, Is.EqualTo(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
            Assert.That(user.AppMetadata!.TenantId, Is.Null);
            Assert.That(user.AppMetadata.Environments, Is.EqualTo(new[] { "uat", "prod" }));
            Assert.That(user.UserMetadata!["desk"], Is.EqualTo("rates"));
        });
    }

    [Test]
    public async Task Unknown_fields_are_ignored_and_kept_aside()
    {
        var body = Bodies.Envelope("""
            { "id": "0b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b", "email": "trader@example.com",
              "identities": [ { "provider": "email", "id": "x" } ], "aal": "aal1", "factors": [] }
            """).Replace("\"errno\"", "\"trace\": {\"span\": 1}, \"errno\"");
        using var server = new MockServer(HttpStatusCode.OK, body);

        var response = await server.Client.AuthGetUserAsync();

        Assert.That(response.Data!.Email, Is.EqualTo("trader@example.com"));
        Assert.That(response.Data.Identities!.Single().Provider, Is.EqualTo("email"), "identities is in the spec since 2026-05-09");
        Assert.That(response.Data.AdditionalProperties.Keys, Is.EquivalentTo(new[] { "aal", "factors" }));
        Assert.That(response.AdditionalProperties.Keys, Is.EquivalentTo(new[] { "trace" }));
    }
}
