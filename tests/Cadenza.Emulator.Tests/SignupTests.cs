using System.Text.Json;
using Cadenza.Client;
using Cadenza.Emulator.Tests.Support;

namespace Cadenza.Emulator.Tests;

public class SignupTests : EmulatorTest
{
    [Test]
    public async Task Signup_returns_a_session_for_the_new_confirmed_user_with_its_metadata()
    {
        var response = await Client.AuthSignupAsync(new AuthSignupRequest
        {
            Email = "Trader@Example.com",
            Password = Password,
            Metadata = new Dictionary<string, object> { ["desk"] = "rates" },
        });

        var session = response.Data!;
        var user = session.User!;
        Assert.Multiple(() =>
        {
            Assert.That(response.Success, Is.True);
            Assert.That(response.Errno, Is.Zero);
            Assert.That(response.Error, Is.Null);
            Assert.That(session.AccessToken, Is.Not.Empty);
            Assert.That(session.RefreshToken, Is.Not.Empty);
            Assert.That(session.ExpiresIn, Is.EqualTo(3600));
            Assert.That(user.Id, Is.Not.EqualTo(Guid.Empty));
            Assert.That(user.Email, Is.EqualTo("trader@example.com"), "addresses are stored lower-case, as GoTrue does");
            Assert.That(user.Role, Is.EqualTo("authenticated"));
            Assert.That(user.CreatedAt, Is.EqualTo(Clock.GetUtcNow()));
            Assert.That(user.EmailConfirmedAt, Is.EqualTo(Clock.GetUtcNow()));
            Assert.That(user.LastSignInAt, Is.EqualTo(Clock.GetUtcNow()));
            Assert.That(user.AppMetadata!.Environments, Is.EqualTo(new[] { "uat" }));
            Assert.That(JsonSerializer.Serialize(user.UserMetadata), Is.EqualTo("""{"desk":"rates"}"""));
            Assert.That(user.Identities!.Single().Provider, Is.EqualTo("email"));
            Assert.That(user.Identities!.Single().UserId, Is.EqualTo(user.Id));
        });
    }

    [Test]
    public async Task The_session_of_a_sign_up_works_for_bearer_calls()
    {
        var session = (await Client.AuthSignupAsync(new AuthSignupRequest { Email = Email, Password = Password })).Data!;
        UseBearer(session.AccessToken);

        var me = await Client.AuthGetUserAsync();

        Assert.That(me.Data!.Email, Is.EqualTo(Email));
    }

    [Test]
    public async Task Signup_with_a_registered_address_in_any_case_is_a_400_USER_EXISTS()
    {
        await SignUpAsync();

        var failure = Failure(() => SignUpAsync(Email.ToUpperInvariant()), 400, "USER_EXISTS");

        Assert.That(failure.Error, Is.EqualTo("User already registered"));
    }

    [Test]
    public void Signup_with_a_password_under_8_characters_is_a_400_VALIDATION_FAILED()
    {
        var failure = Failure(() => SignUpAsync(password: "1234567"), 400, "VALIDATION_FAILED");

        Assert.That(failure.Error, Is.EqualTo("Password should be at least 8 characters"));
    }

    [Test]
    public async Task Signup_counts_password_length_in_characters_not_UTF16_units()
    {
        // Four emoji are eight UTF-16 units but four characters, which JSON Schema's minLength counts.
        Failure(() => SignUpAsync(password: "😀😀😀😀"), 400, "VALIDATION_FAILED");
        Assert.That((await SignUpAsync(password: "😀😀😀😀😀😀😀😀")).Email, Is.EqualTo(Email));
    }

    [TestCase("not-an-address")]
    [TestCase("trader@")]
    [TestCase("@example.com")]
    [TestCase("trader@example")]
    [TestCase("two words@example.com")]
    [TestCase("trader..desk@example.com")]
    [TestCase("")]
    public void Signup_with_a_malformed_address_is_a_400_VALIDATION_FAILED(string email)
    {
        var failure = Failure(() => SignUpAsync(email), 400, "VALIDATION_FAILED");

        Assert.That(failure.Error, Is.EqualTo("Unable to validate email address: invalid format"));
    }
}
