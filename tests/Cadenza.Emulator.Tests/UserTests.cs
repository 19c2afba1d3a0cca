using System.Text.Json;
using Cadenza.Client;
using Cadenza.Emulator.Tests.Support;

namespace Cadenza.Emulator.Tests;

public class UserTests : EmulatorTest
{
    [Test]
    public async Task Get_user_returns_the_user_of_the_bearer_token()
    {
        var session = await SignUpAndLogInAsync();

        var response = await Client.AuthGetUserAsync();

        Assert.That(response.Success, Is.True);
        Assert.That(response.Data!.Id, Is.EqualTo(session.User!.Id));
        Assert.That(response.Data.Email, Is.EqualTo(Email));
    }

    [Test]
    public async Task Update_user_changes_email_and_merges_metadata_and_get_user_shows_it()
    {
        await Client.AuthSignupAsync(new AuthSignupRequest
        {
            Email = Email,
            Password = Password,
            Metadata = new Dictionary<string, object> { ["desk"] = "rates", ["team"] = "blue" },
        });
        UseBearer((await LogInAsync()).AccessToken);
        Clock.Advance(TimeSpan.FromMinutes(5));

        var updated = await Client.AuthUpdateUserAsync(new AuthUpdateUserRequest
        {
            Email = "Desk@Example.com",
            // GoTrue merges metadata key by key; a null value removes its key.
            Metadata = new Dictionary<string, object> { ["desk"] = "fx", ["team"] = null!, ["limit"] = 5 },
        });
        var fetched = await Client.AuthGetUserAsync();

        Assert.Multiple(() =>
        {
            Assert.That(updated.Data!.Email, Is.EqualTo("desk@example.com"));
            Assert.That(updated.Data.UpdatedAt, Is.EqualTo(Clock.GetUtcNow()));
            Assert.That(updated.Data.CreatedAt, Is.EqualTo(Clock.GetUtcNow() - TimeSpan.FromMinutes(5)));
            Assert.That(fetched.Data!.Email, Is.EqualTo("desk@example.com"));
            Assert.That(JsonSerializer.Serialize(fetched.Data.UserMetadata), Is.EqualTo("""{"desk":"fx","limit":5}"""));
        });
        Assert.That((await LogInAsync("desk@example.com")).User!.Email, Is.EqualTo("desk@example.com"));
        Failure(() => LogInAsync(Email), 401, "INVALID_CREDENTIALS");
    }

    [Test]
    public async Task After_a_password_change_the_new_password_logs_in_and_the_old_one_does_not()
    {
        await SignUpAndLogInAsync();

        await Client.AuthUpdateUserAsync(new AuthUpdateUserRequest { Password = "battery-staple" });

        Assert.That((await LogInAsync(password: "battery-staple")).User!.Email, Is.EqualTo(Email));
        Failure(() => LogInAsync(password: Password), 401, "INVALID_CREDENTIALS");
    }

    [Test]
    public async Task Update_user_with_a_short_password_is_a_400_and_changes_nothing()
    {
        await SignUpAndLogInAsync();

        var failure = Failure(() => Client.AuthUpdateUserAsync(new AuthUpdateUserRequest { Password = "short" }), 400, "VALIDATION_FAILED");

        Assert.That(failure.Error, Is.EqualTo("Password should be at least 8 characters"));
        Assert.That((await LogInAsync()).User!.Email, Is.EqualTo(Email));
    }

    [Test]
    public async Task Update_user_with_a_malformed_address_is_a_400_VALIDATION_FAILED()
    {
        await SignUpAndLogInAsync();

        Failure(() => Client.AuthUpdateUserAsync(new AuthUpdateUserRequest { Email = "not-an-address" }), 400, "VALIDATION_FAILED");
    }

    [Test]
    public async Task Update_user_to_an_address_that_is_taken_is_a_400_USER_EXISTS()
    {
        await SignUpAsync("other@example.com");
        await SignUpAndLogInAsync();

        Failure(() => Client.AuthUpdateUserAsync(new AuthUpdateUserRequest { Email = "other@example.com" }), 400, "USER_EXISTS");
    }

    [Test]
    public void Get_user_without_a_bearer_token_is_a_401_INVALID_TOKEN()
    {
        var failure = Failure(() => Client.AuthGetUserAsync(), 401, "INVALID_TOKEN");

        Assert.That(failure.Error, Is.EqualTo("Missing bearer token"));
    }

    [TestCase("not-a-jwt")]
    [TestCase("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl")]
    [TestCase("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiIxIn0.")]
    public void Get_user_with_a_malformed_or_forged_token_is_a_401_INVALID_TOKEN(string token)
    {
        UseBearer(token);

        var failure = Failure(() => Client.AuthGetUserAsync(), 401, "INVALID_TOKEN");

        Assert.That(failure.Error, Is.EqualTo("Invalid token"));
    }

    [Test]
    public async Task A_token_from_another_emulator_is_a_401_INVALID_TOKEN()
    {
        await using var other = await CadenzaEmulator.StartAsync(new CadenzaEmulatorOptions { PasswordHashIterations = 10 });
        using var otherHttp = new HttpClient(Recorder, disposeHandler: false) { BaseAddress = other.BaseAddress };
        var otherClient = new AuthenticationClient(otherHttp);
        await otherClient.AuthSignupAsync(new AuthSignupRequest { Email = Email, Password = Password });
        var foreign = await otherClient.AuthLoginAsync(new AuthLoginRequest { Email = Email, Password = Password });
        await SignUpAsync();
        UseBearer(foreign.Data!.AccessToken);

        Failure(() => Client.AuthGetUserAsync(), 401, "INVALID_TOKEN");
    }
}
