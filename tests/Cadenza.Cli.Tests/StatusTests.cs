using Cadenza.Cli.Tests.Support;
using Newtonsoft.Json.Linq;

namespace Cadenza.Cli.Tests;

/// <summary><c>cadenza status</c>: from the session file alone, never the network; exit 1 when signed out.</summary>
public sealed class StatusTests
{
    [Test]
    public async Task Signed_in_shows_server_user_expiry_and_file_without_a_request()
    {
        using var cli = new CliRunner();
        await cli.LoginAsync();
        var requests = cli.Server.Requests.Count;
        cli.Time.Advance(TimeSpan.FromMinutes(15));

        var result = await cli.RunAsync("status");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Stdout, Is.EqualTo(
            $"Signed in to {FakeCadenza.BaseUrl} as {FakeCadenza.Email} (user id {FakeCadenza.UserId}).\n" +
            "Token expires: 2026-01-01T13:00:00Z (in 45 min)\n" +
            $"Session file: {cli.SessionFile}\n"));
        Assert.That(result.Stderr, Is.Empty);
        Assert.That(cli.Server.Requests, Has.Count.EqualTo(requests), "no network call");
    }

    [Test]
    public async Task An_expired_token_is_still_signed_in_and_says_the_next_command_refreshes_it()
    {
        using var cli = new CliRunner();
        await cli.LoginAsync();
        cli.Time.Advance(TimeSpan.FromHours(2));

        var result = await cli.RunAsync("status");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Stdout, Does.Contain("Token expires: 2026-01-01T13:00:00Z (expired); the next command that needs it refreshes it"));
        Assert.That(cli.Server.Requests.Count(r => r.Uri.AbsolutePath.EndsWith("refresh", StringComparison.Ordinal)), Is.Zero);
    }

    [Test]
    public async Task Json_shape()
    {
        using var cli = new CliRunner();
        await cli.LoginAsync();

        var result = await cli.RunAsync("status", "--json");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        var json = JObject.Parse(result.Stdout);
        Assert.That(json.Properties().Select(p => p.Name), Is.EqualTo(new[] { "ok", "signedIn", "server", "sessionFile", "user", "expiresAt", "expired" }));
        Assert.That(json.Value<bool>("ok"), Is.True);
        Assert.That(json.Value<string>("server"), Is.EqualTo(FakeCadenza.BaseUrl));
        Assert.That(json["user"]!.Value<string>("email"), Is.EqualTo(FakeCadenza.Email));
        Assert.That(json.Value<bool>("expired"), Is.False);
        Assert.That(result.Stdout, Does.Not.Contain(FakeCadenza.AccessToken(1)).And.Not.Contain(FakeCadenza.RefreshToken(1)));
    }

    [Test]
    public async Task Signed_out_is_exit_1_with_one_line()
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync("status");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Stdout, Is.Empty);
        Assert.That(result.Stderr, Is.EqualTo(
            $"Not signed in to {FakeCadenza.BaseUrl} (no session in {cli.SessionFile}): run 'cadenza login --email <address>'.\n"));
    }

    [Test]
    public async Task Signed_out_with_json_is_a_failure_object()
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync("status", "--json");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Stderr, Is.Empty);
        var error = JObject.Parse(result.Stdout)["error"]!;
        Assert.That(error.Value<string>("code"), Is.EqualTo("NOT_SIGNED_IN"));
        Assert.That(error["status"]!.Type, Is.EqualTo(JTokenType.Null));
    }

    [Test]
    public async Task A_session_for_another_server_is_not_signed_in_here_and_names_that_server()
    {
        using var cli = new CliRunner();
        await cli.LoginAsync();

        var result = await cli.RunAsync("status", "--base-url", "https://elsewhere.test/");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Stderr, Is.EqualTo(
            $"Not signed in to https://elsewhere.test/: the session in {cli.SessionFile} is for {FakeCadenza.BaseUrl} (give --base-url {FakeCadenza.BaseUrl}, or log in to https://elsewhere.test/).\n"));
    }

    [Test]
    public async Task An_unreadable_session_file_is_a_warning_and_signed_out()
    {
        using var cli = new CliRunner();
        Directory.CreateDirectory(Path.GetDirectoryName(cli.SessionFile)!);
        File.WriteAllText(cli.SessionFile, "{ not json");

        var result = await cli.RunAsync("status");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.StderrLines[0], Is.EqualTo($"warning: The session file {cli.SessionFile} is not a valid session file; treating it as signed out."));
        Assert.That(File.ReadAllText(cli.SessionFile), Is.EqualTo("{ not json"));
    }
}
