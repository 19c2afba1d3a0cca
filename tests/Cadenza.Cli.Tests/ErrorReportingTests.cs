using System.Net;
using System.Net.Sockets;
using Cadenza.Cli.Tests.Support;

namespace Cadenza.Cli.Tests;

/// <summary>Any failure: exit 1, exactly one line on standard error, nothing on standard output, never a stack trace or a secret.</summary>
public sealed class ErrorReportingTests
{
    private static void AssertOneLineFailure(CliResult result)
    {
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.StderrLines, Has.Length.EqualTo(1), result.ToString());
        Assert.That(result.Stderr, Does.Not.Contain("   at ").And.Not.Contain("Exception:"), "no stack trace");
        Assert.That(result.Stdout, Is.Empty);
    }

    [Test]
    public async Task Wrong_password_names_status_errno_and_error()
    {
        using var cli = new CliRunner();
        cli.Server.Fail("POST", "api/v3/auth/login", HttpStatusCode.Unauthorized, Envelope.Error(10401, "Invalid login credentials", "INVALID_CREDENTIALS").ToString());

        var result = await cli.RunWithStdinAsync("wrong-password\n", "login", "--email", FakeCadenza.Email, "--password-stdin");

        AssertOneLineFailure(result);
        Assert.That(result.Stderr, Is.EqualTo(
            "Cadenza API call failed: HTTP 401, errno 10401: Invalid login credentials (code INVALID_CREDENTIALS, request_id req-1234)\n"));
        Assert.That(result.Stderr, Does.Not.Contain("wrong-password"));
        Assert.That(File.Exists(cli.SessionFile), Is.False);
    }

    [Test]
    public async Task Rate_limiting_says_when_to_retry()
    {
        using var cli = new CliRunner();
        cli.Server.Route("POST", "api/v3/auth/recover", (_, _) =>
        {
            var response = FakeCadenza.Json((HttpStatusCode)429, Envelope.Error(10429, "Rate limit exceeded", "RATE_LIMITED"));
            response.Headers.Add("Retry-After", "30");
            return response;
        });

        var result = await cli.RunAsync("recover", "--email", FakeCadenza.Email);

        AssertOneLineFailure(result);
        Assert.That(result.Stderr, Does.Contain("HTTP 429, errno 10429: Rate limit exceeded").And.Contain("retry after 30 s"));
    }

    [Test]
    public async Task A_proxy_error_page_is_one_line_too()
    {
        using var cli = new CliRunner();
        cli.Server.Fail("POST", "api/v3/auth/recover", HttpStatusCode.BadGateway, "<html>\n<body>\n<h1>502 Bad Gateway</h1>\n</body>\n</html>", "text/html");

        var result = await cli.RunAsync("recover", "--email", FakeCadenza.Email);

        AssertOneLineFailure(result);
        Assert.That(result.Stderr, Does.StartWith("Cadenza API call failed: HTTP 502"));
    }

    [Test]
    public async Task A_server_that_refuses_connections_is_named()
    {
        using var cli = new CliRunner { RealTransport = true };
        var port = ClosedLoopbackPort();

        var result = await cli.RunAsync("recover", "--email", FakeCadenza.Email, "--base-url", $"http://127.0.0.1:{port}");

        AssertOneLineFailure(result);
        Assert.That(result.Stderr, Is.EqualTo($"Cannot reach http://127.0.0.1:{port}/: connection refused\n"));
    }

    [Test]
    public async Task A_rejected_refresh_token_ends_the_session()
    {
        using var cli = new CliRunner();
        await cli.LoginAsync();
        cli.Server.Fail("POST", "api/v3/auth/token/refresh", HttpStatusCode.Unauthorized, Envelope.Error(10401, "Invalid refresh token", "INVALID_TOKEN").ToString());

        var result = await cli.RunAsync("refresh");

        AssertOneLineFailure(result);
        Assert.That(result.Stderr, Does.StartWith("The session has expired").And.Contain("HTTP 401").And.Contain("Log in again"));
        Assert.That(File.Exists(cli.SessionFile), Is.False, "a dead session is not kept");
    }

    [Test]
    public async Task A_failed_logout_still_signs_out_locally_and_says_so()
    {
        using var cli = new CliRunner();
        await cli.LoginAsync();
        cli.Server.Fail("POST", "api/v3/auth/logout", HttpStatusCode.InternalServerError, Envelope.Error(10500, "Internal server error", "INTERNAL_ERROR").ToString());

        var result = await cli.RunAsync("logout");

        AssertOneLineFailure(result);
        Assert.That(result.Stderr, Does.StartWith("Signed out locally, but the server did not confirm the logout: Cadenza API call failed: HTTP 500, errno 10500"));
        Assert.That(File.Exists(cli.SessionFile), Is.False);
    }

    [Test]
    public async Task No_command_prints_a_token_or_password_except_token()
    {
        using var cli = new CliRunner();
        var outputs = new List<CliResult>
        {
            await cli.RunWithStdinAsync("correct-horse-battery\n", "signup", "--email", FakeCadenza.Email, "--password-stdin"),
            await cli.RunWithStdinAsync("correct-horse-battery\n", "login", "--email", FakeCadenza.Email, "--password-stdin"),
            await cli.RunWithStdinAsync("correct-horse-battery\n", "login", "--email", FakeCadenza.Email, "--password-stdin", "--json"),
            await cli.RunAsync("status"),
            await cli.RunAsync("status", "--json"),
            await cli.RunAsync("whoami"),
            await cli.RunAsync("whoami", "--json"),
            await cli.RunAsync("refresh"),
            await cli.RunAsync("refresh", "--json"),
            await cli.RunAsync("update-user", "--metadata", "a=b", "--json"),
            await cli.RunAsync("logout", "--json"),
        };

        var everything = string.Concat(outputs.Select(o => o.Stdout + o.Stderr));
        Assert.That(outputs.Select(o => o.ExitCode), Is.All.EqualTo(0), everything);
        Assert.That(everything, Does.Not.Contain("correct-horse-battery"));
        Assert.That(everything, Does.Not.Contain("eyJ"), "no access token");
        Assert.That(everything, Does.Not.Contain("refresh-token-"), "no refresh token");
    }

    [Test]
    public async Task Debug_mode_adds_details_on_standard_error_only()
    {
        using var cli = new CliRunner();
        cli.Environment["CADENZA_DEBUG"] = "1";
        cli.Server.Fail("POST", "api/v3/auth/recover", HttpStatusCode.InternalServerError, Envelope.Error(10500, "Internal server error", "INTERNAL_ERROR").ToString());

        var result = await cli.RunAsync("recover", "--email", FakeCadenza.Email);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StderrLines[0], Does.StartWith("Cadenza API call failed: HTTP 500"));
        Assert.That(result.Stderr, Does.Contain("CadenzaApiException"));
        Assert.That(result.Stdout, Is.Empty);
    }

    private static int ClosedLoopbackPort()
    {
        // Bound then released: nothing listens there for the instant the test needs.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
