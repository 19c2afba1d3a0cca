using System.Net;
using System.Net.Sockets;
using Cadenza.Cli.Tests.Support;
using Newtonsoft.Json.Linq;

namespace Cadenza.Cli.Tests;

/// <summary>With <c>--json</c>, a failure is one object on standard output, <c>{"ok":false,"error":{…}}</c>; the exit code does not change.</summary>
public sealed class JsonFailureTests
{
    private static JToken Error(CliResult result, int exitCode)
    {
        Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.ToString());
        Assert.That(result.Stderr, Is.Empty, "standard output carries the failure; nothing else is printed");
        Assert.That(result.Stdout.TrimEnd('\n'), Does.Not.Contain("\n"), "one object, on one line");
        var json = JObject.Parse(result.Stdout);
        Assert.That(json.Properties().Select(p => p.Name), Is.EqualTo(new[] { "ok", "error" }));
        Assert.That(json.Value<bool>("ok"), Is.False);
        Assert.That(json["error"]!.Children<JProperty>().Select(p => p.Name), Is.EqualTo(new[] { "status", "errno", "code", "message" }));
        return json["error"]!;
    }

    [Test]
    public async Task An_api_error_carries_status_errno_code_and_the_one_line_message()
    {
        using var cli = new CliRunner();
        cli.Server.Fail("POST", "api/v3/auth/login", HttpStatusCode.Unauthorized, Envelope.Error(10401, "Invalid login credentials", "INVALID_CREDENTIALS").ToString());

        var error = Error(await cli.RunWithStdinAsync("wrong-password\n", "login", "--email", FakeCadenza.Email, "--password-stdin", "--json"), exitCode: 1);

        Assert.That(error.Value<int>("status"), Is.EqualTo(401));
        Assert.That(error.Value<int>("errno"), Is.EqualTo(10401));
        Assert.That(error.Value<string>("code"), Is.EqualTo("INVALID_CREDENTIALS"));
        Assert.That(error.Value<string>("message"), Is.EqualTo(
            "Cadenza API call failed: HTTP 401, errno 10401: Invalid login credentials (code INVALID_CREDENTIALS, request_id req-1234)"));
        Assert.That(error.ToString(), Does.Not.Contain("wrong-password"));
    }

    [Test]
    public async Task A_body_that_is_not_an_envelope_has_a_status_and_no_errno()
    {
        using var cli = new CliRunner();
        cli.Server.Fail("POST", "api/v3/auth/recover", HttpStatusCode.BadGateway, "<html>502</html>", "text/html");

        var error = Error(await cli.RunAsync("recover", "--email", FakeCadenza.Email, "--json"), exitCode: 1);

        Assert.That(error.Value<int>("status"), Is.EqualTo(502));
        Assert.That(error["errno"]!.Type, Is.EqualTo(JTokenType.Null));
        Assert.That(error["code"]!.Type, Is.EqualTo(JTokenType.Null));
    }

    [Test]
    public async Task Not_signed_in_has_the_cli_code()
    {
        using var cli = new CliRunner();

        var error = Error(await cli.RunAsync("whoami", "--json"), exitCode: 1);

        Assert.That(error.Value<string>("code"), Is.EqualTo("NOT_SIGNED_IN"));
        Assert.That(error.Value<string>("message"), Is.EqualTo("Not signed in: run 'cadenza login --email <address>' first."));
    }

    [Test]
    public async Task A_rejected_refresh_token_is_a_session_expiry_with_the_server_status()
    {
        using var cli = new CliRunner();
        await cli.LoginAsync();
        cli.Server.Fail("POST", "api/v3/auth/token/refresh", HttpStatusCode.Unauthorized, Envelope.Error(10401, "Invalid refresh token", "INVALID_TOKEN").ToString());

        var error = Error(await cli.RunAsync("refresh", "--json"), exitCode: 1);

        Assert.That(error.Value<int>("status"), Is.EqualTo(401));
        Assert.That(error.Value<string>("message"), Does.StartWith("The session has expired"));
    }

    [Test]
    public async Task An_unreachable_server_has_the_cli_code()
    {
        using var cli = new CliRunner { RealTransport = true };
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var error = Error(await cli.RunAsync("recover", "--email", FakeCadenza.Email, "--base-url", $"http://127.0.0.1:{port}", "--json"), exitCode: 1);

        Assert.That(error.Value<string>("code"), Is.EqualTo("UNREACHABLE"));
        Assert.That(error.Value<string>("message"), Is.EqualTo($"Cannot reach http://127.0.0.1:{port}/: connection refused"));
    }

    [Test]
    public async Task A_usage_error_keeps_exit_code_2()
    {
        using var cli = new CliRunner();

        var error = Error(await cli.RunAsync("login", "--json"), exitCode: 2);

        Assert.That(error.Value<string>("code"), Is.EqualTo("USAGE"));
        Assert.That(error.Value<string>("message"), Does.Contain("--email"));
    }
}
