using Cadenza.Client;
using Cadenza.Emulator.Tests.Support;

namespace Cadenza.Emulator.Tests;

/// <summary>GoTrue with "confirm email" on: sign-up answers with the unconfirmed user and no session.</summary>
public class SignupWithEmailConfirmationTests : EmulatorTest
{
    protected override void Configure(CadenzaEmulatorOptions options) => options.RequireEmailConfirmation = true;

    [Test]
    public async Task Signup_returns_the_unconfirmed_user_without_tokens()
    {
        var response = await Client.AuthSignupAsync(new AuthSignupRequest { Email = Email, Password = Password });

        var data = response.Data!;
        Assert.Multiple(() =>
        {
            Assert.That(data.AccessToken, Is.Null);
            Assert.That(data.RefreshToken, Is.Null);
            Assert.That(data.AdditionalProperties["email"], Is.EqualTo(Email), "the user itself is the data");
            Assert.That(data.AdditionalProperties["emailConfirmedAt"], Is.Null);
        });
    }

    [Test]
    public async Task The_session_reports_the_new_user_and_stays_signed_out()
    {
        using var session = new CadenzaSession(new CadenzaSessionOptions { BaseAddress = Emulator.BaseAddress });

        var result = await session.SignUpAsync(Email, Password);

        Assert.Multiple(() =>
        {
            Assert.That(result.SignedIn, Is.False);
            Assert.That(result.User.Email, Is.EqualTo(Email));
            Assert.That(result.User.EmailConfirmedAt, Is.Null);
            Assert.That(session.State, Is.EqualTo(CadenzaSessionState.SignedOut));
        });
    }
}
