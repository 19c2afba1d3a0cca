using Cadenza.Cli.Tests.Support;

namespace Cadenza.Cli.Tests;

public sealed class TokenTests
{
    [Test, CancelAfter(20_000)]
    public async Task Token_prints_only_the_access_token_and_a_newline()
    {
        using var cli = new CliRunner();
        await cli.LoginAsync();

        var result = await cli.RunAsync("token");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Stdout, Is.EqualTo(FakeCadenza.AccessToken(1) + "\n"));
        Assert.That(result.Stderr, Is.Empty);
    }

    [Test, CancelAfter(20_000)]
    public async Task Token_refreshes_first_when_the_token_is_due_and_prints_the_new_one()
    {
        using var cli = new CliRunner();
        await cli.LoginAsync();
        cli.Time.Advance(TimeSpan.FromMinutes(59.5)); // inside the 60 s refresh margin

        var result = await cli.RunAsync("token");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Stdout, Is.EqualTo(FakeCadenza.AccessToken(2) + "\n"));
        var refresh = cli.Server.To("api/v3/auth/token/refresh").Single();
        Assert.That(refresh.Json.Value<string>("refreshToken"), Is.EqualTo(FakeCadenza.RefreshToken(1)));
        Assert.That(refresh.Bearer, Is.Null, "the refresh call is anonymous in the spec");
        Assert.That(File.ReadAllText(cli.SessionFile), Does.Contain(FakeCadenza.RefreshToken(2)), "the rotated refresh token is kept for the next run");
    }
}
