using Cadenza.Cli.Tests.Support;

namespace Cadenza.Cli.Tests;

/// <summary><c>cadenza watch</c> refuses what it cannot follow with one line, before anything is sent.</summary>
public sealed class WatchArgumentTests
{
    private static CliRunner Cli()
    {
        var cli = new CliRunner();
        cli.Environment["CADENZA_WS_URL"] = "wss://ws.cadenza.test";
        return cli;
    }

    [Test]
    public async Task A_server_without_a_known_WebSocket_server_needs_ws_url()
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync("watch", "ticker", "OKX", "--base-url", "https://gateway.example.com/");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Is.EqualTo("No WebSocket server is known for https://gateway.example.com/: give --ws-url wss://host/connection/websocket (or set CADENZA_WS_URL).\n"));
    }

    [TestCase(new[] { "orderbook", "BINANCEE", "BTC/USDT" }, "Unknown venue 'BINANCEE': one of BINANCE, B2C2,")]
    [TestCase(new[] { "orderbook", "BINANCE", "BTCUSDT" }, "The symbol must be BASE/QUOTE, e.g. BTC/USDT, not 'BTCUSDT'.")]
    [TestCase(new[] { "orderbook", "BINANCE", "BTC/USDT:1m" }, "The symbol must be BASE/QUOTE")]
    [TestCase(new[] { "kline", "BINANCE", "BTC/USDT", "2m" }, "Unknown interval '2m': one of 1s, 1m, 3m,")]
    [TestCase(new[] { "account", "acc:1" }, "The trading account id must be letters, digits,")]
    [TestCase(new[] { "ticker", "OKX", "--count", "0" }, "--count must be at least 1.")]
    [TestCase(new[] { "ticker", "OKX", "--ws-url", "https://cadenza-ws-uat.algo724.com" }, "--ws-url must be an absolute ws(s) URL")]
    [TestCase(new[] { "ticker", "OKX", "--ws-url", "ws://cadenza-ws-uat.algo724.com" }, "--ws-url: refusing to send the access token over plain ws:// to cadenza-ws-uat.algo724.com; use wss://.")]
    [TestCase(new[] { "ticker" }, "Required argument missing for command: 'ticker'")]
    public async Task Bad_input_exits_2_with_one_line_and_sends_nothing(string[] args, string expected)
    {
        using var cli = Cli();

        var result = await cli.RunAsync(["watch", .. args]);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StderrLines, Has.Length.EqualTo(1), result.ToString());
        Assert.That(result.Stderr, Does.StartWith(expected));
        Assert.That(result.Stdout, Is.Empty);
        Assert.That(cli.Server.Requests, Is.Empty);
    }

    [Test]
    public async Task Bad_input_with_json_is_one_failure_object_on_stdout()
    {
        using var cli = Cli();

        var result = await cli.RunAsync("watch", "kline", "BINANCE", "BTC/USDT", "7m", "--json");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        var failure = Newtonsoft.Json.Linq.JObject.Parse(result.Stdout);
        Assert.That((bool)failure["ok"]!, Is.False);
        Assert.That((string?)failure["error"]!["code"], Is.EqualTo("USAGE"));
        Assert.That((string?)failure["error"]!["message"], Does.StartWith("Unknown interval '7m'"));
    }

    [Test]
    public async Task Not_signed_in_exits_1_with_the_login_hint()
    {
        using var cli = Cli();

        var result = await cli.RunAsync("watch", "orderbook", "BINANCE", "BTC/USDT");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Stderr, Is.EqualTo("Not signed in: run 'cadenza login --email <address>' first.\n"));
    }

    [Test]
    public async Task An_interval_that_differs_only_in_case_is_the_one_typed()
    {
        using var cli = Cli();

        // 1M is a month and 1m a minute: both parse (then stop at "not signed in"), neither is taken for the other.
        var month = await cli.RunAsync("watch", "kline", "BINANCE", "BTC/USDT", "1M");
        var hour = await cli.RunAsync("watch", "kline", "BINANCE", "BTC/USDT", "1H");

        Assert.That(month.Stderr, Does.StartWith("Not signed in"));
        Assert.That(hour.Stderr, Does.StartWith("Not signed in"), "1H has one case-insensitive match, 1h");
    }
}
