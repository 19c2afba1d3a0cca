using Cadenza.Cli.Tests.Support;
using System.Net;
using Newtonsoft.Json.Linq;

namespace Cadenza.Cli.Tests;

/// <summary>Each command's happy path: what it sends, what it prints in text and as JSON.</summary>
public sealed class CommandTests
{
    private static JObject SingleJsonObject(CliResult result)
    {
        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Stdout.TrimEnd('\n'), Does.Not.Contain("\n"), "one JSON object, on one line");
        // As a script would read it: dates stay the strings the CLI wrote.
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(result.Stdout)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        var json = JObject.Load(reader);
        // Every success starts with "ok": true; the rest is the command's own.
        Assert.That(json.Properties().First().ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("\"ok\":true"));
        json.Remove("ok");
        return json;
    }

    [Test]
    public async Task Signup_creates_the_account_and_keeps_the_session_the_server_gives()
    {
        using var cli = new CliRunner();

        var result = await cli.RunWithStdinAsync("correct-horse-battery\n", "signup", "--email", FakeCadenza.Email, "--password-stdin");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Stdout, Does.StartWith($"Account created for {FakeCadenza.Email} (user id {FakeCadenza.UserId}) and signed in.\nToken expires: "));
        Assert.That(cli.Server.To("api/v3/auth/signup").Single().Json.Value<string>("email"), Is.EqualTo(FakeCadenza.Email));
        Assert.That(File.ReadAllText(cli.SessionFile), Does.Contain(FakeCadenza.RefreshToken(1)), "the session the server gave is kept");
    }

    [Test]
    public async Task Signup_that_the_server_answers_without_a_session_says_so_and_keeps_no_session()
    {
        using var cli = new CliRunner();
        cli.Server.SignUpWithoutSession();

        var result = await cli.RunWithStdinAsync("correct-horse-battery\n", "signup", "--email", FakeCadenza.Email, "--password-stdin");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Stdout, Is.EqualTo(
            $"Account created for {FakeCadenza.Email} (user id {FakeCadenza.UserId}); not signed in: the server wants the address confirmed first.\n" +
            $"After confirming, log in with: cadenza login --email {FakeCadenza.Email}\n"));
        Assert.That(File.Exists(cli.SessionFile), Is.False);
    }

    [Test]
    public async Task Signup_json_has_the_user_whether_signed_in_and_the_expiry_but_no_token()
    {
        using var cli = new CliRunner();

        var result = await cli.RunWithStdinAsync("correct-horse-battery\n", "signup", "--email", FakeCadenza.Email, "--password-stdin", "--metadata", "desk=rates", "--json");
        var json = SingleJsonObject(result);

        Assert.That(json.Properties().Select(p => p.Name), Is.EqualTo(new[] { "user", "signedIn", "expiresAt" }));
        Assert.That(json.Value<bool>("signedIn"), Is.True);
        Assert.That(json["user"]!.Value<string>("id"), Is.EqualTo(FakeCadenza.UserId));
        Assert.That(json["user"]!.Value<string>("email"), Is.EqualTo(FakeCadenza.Email));
        Assert.That(json["user"]!["userMetadata"]!.Value<string>("desk"), Is.EqualTo("rates"));
        Assert.That(result.Stdout, Does.Not.Contain(FakeCadenza.AccessToken(1)).And.Not.Contain(FakeCadenza.RefreshToken(1)));
    }

    [Test]
    public async Task The_user_view_shows_only_the_fields_it_names_never_unknown_ones()
    {
        // What Prism serving the 2026-05-09 spec did to the old CLI: every field it did not know (there, the session's
        // tokens) was printed as part of the user. Here the server adds fields the spec does not have.
        using var cli = new CliRunner();
        var user = FakeCadenza.User();
        user["confirmationToken"] = "confirmation-token-secret";
        user["aal"] = "aal1";
        cli.Server.Route("POST", "api/v3/auth/signup", (_, _) => FakeCadenza.Json(HttpStatusCode.OK, Envelope.Success(user)));

        var result = await cli.RunWithStdinAsync("correct-horse-battery\n", "signup", "--email", FakeCadenza.Email, "--password-stdin", "--json");
        var json = SingleJsonObject(result);

        Assert.That(json.Value<bool>("signedIn"), Is.False);
        Assert.That(((JObject)json["user"]!).Properties().Select(p => p.Name), Is.EquivalentTo(new[]
        {
            "id", "email", "phone", "role", "emailConfirmedAt", "lastSignInAt", "createdAt", "updatedAt", "userMetadata", "identities",
        }));
        Assert.That(result.Stdout, Does.Not.Contain("confirmation-token-secret").And.Not.Contain("aal"));
    }

    [TestCase(null, null)]
    [TestCase(-72915773, -7564509747362883L)]   // as Prism's dynamic mode served them: schema-valid, unbelievable
    public async Task Login_without_a_believable_expiry_says_it_is_unknown_without_claiming_the_server_was_silent(int? expiresIn, long? expiresAt)
    {
        using var cli = new CliRunner();
        cli.Server.Route("POST", "api/v3/auth/login", (_, _) => FakeCadenza.Json(HttpStatusCode.OK, Envelope.Success(new JObject
        {
            ["accessToken"] = FakeCadenza.AccessToken(1),
            ["refreshToken"] = FakeCadenza.RefreshToken(1),
            ["expiresIn"] = expiresIn,
            ["expiresAt"] = expiresAt,
            ["user"] = FakeCadenza.User(),
        })));

        var result = await cli.RunWithStdinAsync("correct-horse-battery\n", "login", "--email", FakeCadenza.Email, "--password-stdin");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Stdout, Does.EndWith("\nToken expires: unknown (the server gave none that can be believed)\n"));
    }

    [Test]
    public async Task Login_keeps_the_session_and_says_who_and_until_when()
    {
        using var cli = new CliRunner();

        var result = await cli.RunWithStdinAsync("correct-horse-battery\n", "login", "--email", FakeCadenza.Email, "--password-stdin");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Stdout, Is.EqualTo(
            $"Signed in as {FakeCadenza.Email} (user id {FakeCadenza.UserId}).\nToken expires: 2026-01-01T13:00:00Z (in 60 min)\n"));
        Assert.That(File.ReadAllText(cli.SessionFile), Does.Contain(FakeCadenza.RefreshToken(1)));
    }

    [Test]
    public async Task Login_json_has_the_user_and_the_expiry_but_no_token()
    {
        using var cli = new CliRunner();

        var json = SingleJsonObject(await cli.RunWithStdinAsync("correct-horse-battery\n", "login", "--email", FakeCadenza.Email, "--password-stdin", "--json"));

        Assert.That(json.Properties().Select(p => p.Name), Is.EqualTo(new[] { "user", "expiresAt" }));
        Assert.That(json["user"]!.Value<string>("role"), Is.EqualTo("authenticated"));
        Assert.That(json.Value<string>("expiresAt"), Is.EqualTo("2026-01-01T13:00:00Z"));
        Assert.That(json.ToString(), Does.Not.Contain(FakeCadenza.AccessToken(1)).And.Not.Contain(FakeCadenza.RefreshToken(1)));
    }

    [Test]
    public async Task Whoami_asks_the_server_with_the_stored_token()
    {
        using var cli = new CliRunner();
        await cli.LoginAsync();
        cli.Time.Advance(TimeSpan.FromMinutes(15));

        var result = await cli.RunAsync("whoami");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(cli.Server.Requests.Single(r => r.Method == "GET").Bearer, Is.EqualTo(FakeCadenza.AccessToken(1)));
        Assert.That(result.Stdout, Is.EqualTo(
            $"User id:    {FakeCadenza.UserId}\nEmail:      {FakeCadenza.Email}\nRole:       authenticated\nMetadata:   desk=rates\n" +
            "Token expires: 2026-01-01T13:00:00Z (in 45 min)\n"));
        Assert.That(result.Stderr, Is.Empty);
    }

    [Test]
    public async Task Whoami_json_shape()
    {
        using var cli = new CliRunner();
        await cli.LoginAsync();

        var json = SingleJsonObject(await cli.RunAsync("whoami", "--json"));

        Assert.That(json.Properties().Select(p => p.Name), Is.EqualTo(new[] { "user", "expiresAt" }));
        Assert.That(json["user"]!.Value<string>("id"), Is.EqualTo(FakeCadenza.UserId));
        Assert.That(json["user"]!.Value<string>("email"), Is.EqualTo(FakeCadenza.Email));
        Assert.That(json["user"]!.Value<string>("role"), Is.EqualTo("authenticated"));
        Assert.That(json.Value<string>("expiresAt"), Is.EqualTo("2026-01-01T13:00:00Z"));
    }

    [Test]
    public async Task User_json_shows_only_the_fields_the_cli_names_never_what_else_a_server_sent()
    {
        using var cli = new CliRunner();
        await cli.LoginAsync();
        var user = FakeCadenza.User(new JObject { ["desk"] = "rates", ["since"] = "2026-01-02T03:04:05.123+02:00" });
        user["identities"] = new JArray(
            new JObject { ["identity_id"] = "id-1", ["provider"] = "email", ["identity_data"] = new JObject { ["sub"] = "x" } },
            new JObject { ["identity_id"] = "id-2" });
        user["internalRiskScore"] = 42;
        cli.Server.Route("GET", "api/v3/auth/user", (_, _) => FakeCadenza.Json(System.Net.HttpStatusCode.OK, Envelope.Success(user)));

        var json = SingleJsonObject(await cli.RunAsync("whoami", "--json"));

        Assert.That(((JObject)json["user"]!).Properties().Select(p => p.Name), Is.EqualTo(new[]
        {
            "id", "email", "phone", "role", "emailConfirmedAt", "lastSignInAt", "createdAt", "updatedAt", "userMetadata", "identities",
        }));
        Assert.That(json["user"]!["identities"]!.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("""["email"]"""), "providers only; an identity without one shows nothing");
        Assert.That(json["user"]!["userMetadata"]!.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("""{"desk":"rates","since":"2026-01-02T03:04:05.123+02:00"}"""),
            "free-form metadata as the server sent it, dates included");
    }

    [Test]
    public async Task Whoami_when_signed_out_fails_with_one_line_and_no_request()
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync("whoami");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Stderr, Is.EqualTo("Not signed in: run 'cadenza login --email <address>' first.\n"));
        Assert.That(result.Stdout, Is.Empty);
        Assert.That(cli.Server.Requests, Is.Empty);
    }

    [Test]
    public async Task Refresh_rotates_the_tokens_now()
    {
        using var cli = new CliRunner();
        await cli.LoginAsync();
        cli.Time.Advance(TimeSpan.FromMinutes(10));

        var json = SingleJsonObject(await cli.RunAsync("refresh", "--json"));

        Assert.That(json.Properties().Select(p => p.Name), Is.EqualTo(new[] { "refreshed", "expiresAt" }));
        Assert.That(json.Value<string>("expiresAt"), Is.EqualTo("2026-01-01T13:10:00Z"));
        Assert.That(cli.Server.To("api/v3/auth/token/refresh").Single().Json.Value<string>("refreshToken"), Is.EqualTo(FakeCadenza.RefreshToken(1)));
        Assert.That(File.ReadAllText(cli.SessionFile), Does.Contain(FakeCadenza.RefreshToken(2)).And.Not.Contain(FakeCadenza.RefreshToken(1)));
    }

    [Test]
    public async Task Refresh_text()
    {
        using var cli = new CliRunner();
        await cli.LoginAsync();

        var result = await cli.RunAsync("refresh");

        Assert.That(result.Stdout, Is.EqualTo("Token refreshed; it expires 2026-01-01T13:00:00Z (in 60 min).\n"));
    }

    [Test]
    public async Task Token_json_has_the_token_and_its_expiry()
    {
        using var cli = new CliRunner();
        await cli.LoginAsync();

        var json = SingleJsonObject(await cli.RunAsync("token", "--json"));

        Assert.That(json.Properties().Select(p => p.Name), Is.EqualTo(new[] { "accessToken", "expiresAt" }));
        Assert.That(json.Value<string>("accessToken"), Is.EqualTo(FakeCadenza.AccessToken(1)));
    }

    [Test]
    public async Task Update_user_sends_only_what_was_given()
    {
        using var cli = new CliRunner();
        await cli.LoginAsync();

        var result = await cli.RunAsync("update-user", "--email", "new@example.com", "--metadata", "desk=fx");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        var update = cli.Server.Requests.Single(r => r.Method == "PUT");
        Assert.That(update.Bearer, Is.EqualTo(FakeCadenza.AccessToken(1)));
        Assert.That(update.Json.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("""{"email":"new@example.com","metadata":{"desk":"fx"}}"""));
        Assert.That(result.Stdout, Does.StartWith("User updated.\n").And.Contain("Email:      new@example.com").And.Contain("desk=fx"));
    }

    [Test]
    public async Task Update_user_json_is_the_user()
    {
        using var cli = new CliRunner();
        await cli.LoginAsync();

        var json = SingleJsonObject(await cli.RunAsync("update-user", "--metadata", "desk=fx", "--json"));

        Assert.That(json.Properties().Select(p => p.Name), Is.EqualTo(new[] { "user" }));
        Assert.That(json["user"]!["userMetadata"]!.Value<string>("desk"), Is.EqualTo("fx"));
    }

    [Test]
    public async Task Recover_needs_no_session()
    {
        using var cli = new CliRunner();

        var json = SingleJsonObject(await cli.RunAsync("recover", "--email", FakeCadenza.Email, "--json"));

        Assert.That(json.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo($$"""{"email":"{{FakeCadenza.Email}}","result":"ok"}"""));
        var request = cli.Server.To("api/v3/auth/recover").Single();
        Assert.That(request.Bearer, Is.Null);
        Assert.That(request.Json.Value<string>("email"), Is.EqualTo(FakeCadenza.Email));
    }

    [Test]
    public async Task Logout_ends_the_session_on_the_server_and_removes_the_file()
    {
        using var cli = new CliRunner();
        await cli.LoginAsync();

        var result = await cli.RunAsync("logout");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Stdout, Is.EqualTo("Signed out.\n"));
        Assert.That(cli.Server.To("api/v3/auth/logout").Single().Bearer, Is.EqualTo(FakeCadenza.AccessToken(1)));
        Assert.That(File.Exists(cli.SessionFile), Is.False);

        var whoami = await cli.RunAsync("whoami");
        Assert.That(whoami.ExitCode, Is.EqualTo(1));
        Assert.That(whoami.Stderr, Does.StartWith("Not signed in"));
    }

    [Test]
    public async Task Logout_when_signed_out_succeeds_without_a_request()
    {
        using var cli = new CliRunner();

        var json = SingleJsonObject(await cli.RunAsync("logout", "--json"));

        Assert.That(json.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("""{"signedOut":true,"wasSignedIn":false}"""));
        Assert.That(cli.Server.Requests, Is.Empty);
    }
}
