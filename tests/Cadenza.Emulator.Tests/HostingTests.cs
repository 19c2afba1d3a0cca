using System.Text.RegularExpressions;
using Cadenza.Client;
using Cadenza.Emulator.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Cadenza.Emulator.Tests;

public class HostingTests
{
    [Test]
    public async Task StartAsync_listens_on_a_free_loopback_port_and_BaseAddress_ends_with_a_slash()
    {
        await using var first = await CadenzaEmulator.StartAsync();
        await using var second = await CadenzaEmulator.StartAsync();

        Assert.Multiple(() =>
        {
            Assert.That(first.BaseAddress.Host, Is.EqualTo("127.0.0.1"));
            Assert.That(first.BaseAddress.AbsoluteUri, Does.EndWith("/"));
            Assert.That(first.BaseAddress.Port, Is.Not.Zero.And.Not.EqualTo(second.BaseAddress.Port));
        });
    }

    [Test]
    public async Task Disposing_stops_the_server()
    {
        var emulator = await CadenzaEmulator.StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };

        await emulator.DisposeAsync();
        await emulator.DisposeAsync();

        Assert.CatchAsync<HttpRequestException>(() => http.GetAsync("api/v3/auth/user"));
    }

    [Test]
    public async Task RunAsync_serves_and_logs_its_address_until_cancelled()
    {
        var logs = new CapturingLoggerProvider();
        using var stop = new CancellationTokenSource();
        var run = CadenzaEmulator.RunAsync(new CadenzaEmulatorOptions { PasswordHashIterations = 10, ConfigureLogging = logging => logging.AddProvider(logs) }, stop.Token);

        var started = await logs.FirstAsync(line => line.Contains("listening on")).WaitAsync(TimeSpan.FromSeconds(30));
        var address = new Uri(Regex.Match(started, @"http://\S+/").Value);
        using var recorder = new SpecRecordingHandler();
        using var http = new HttpClient(recorder) { BaseAddress = address };
        var recovered = await new AuthenticationClient(http).AuthRecoverAsync(new AuthRecoverRequest { Email = EmulatorTest.Email });
        await stop.CancelAsync();

        Assert.That(address.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(recovered.Data, Is.EqualTo("ok"));
        Assert.That(async () => await run.WaitAsync(TimeSpan.FromSeconds(30)), Throws.Nothing, "cancelling is the normal way to stop");
        Assert.That(logs.Lines, Has.Some.Contains("POST /api/v3/auth/recover 200"));
        await recorder.AssertAllConformAsync();
    }

    [TestCaseSource(nameof(InvalidOptions))]
    public void Invalid_options_are_rejected_before_anything_listens(CadenzaEmulatorOptions options, string optionName)
    {
        var exception = Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => CadenzaEmulator.StartAsync(options));

        Assert.That(exception!.ParamName, Is.EqualTo(optionName));
    }

    private static IEnumerable<TestCaseData> InvalidOptions()
    {
        yield return new TestCaseData(new CadenzaEmulatorOptions { Port = 70_000 }, "Port").SetArgDisplayNames("port 70000");
        yield return new TestCaseData(new CadenzaEmulatorOptions { TokenLifetime = TimeSpan.Zero }, "TokenLifetime").SetArgDisplayNames("lifetime 0");
        yield return new TestCaseData(new CadenzaEmulatorOptions { TokenLifetime = TimeSpan.FromSeconds(1.5) }, "TokenLifetime").SetArgDisplayNames("lifetime 1.5 s");
        yield return new TestCaseData(new CadenzaEmulatorOptions { PasswordHashIterations = 0 }, "PasswordHashIterations").SetArgDisplayNames("0 iterations");
        yield return new TestCaseData(new CadenzaEmulatorOptions { RateLimit = new(0, TimeSpan.FromMinutes(1)) }, "RateLimit").SetArgDisplayNames("0 permits");
        yield return new TestCaseData(new CadenzaEmulatorOptions { RateLimit = new(5, TimeSpan.Zero) }, "RateLimit").SetArgDisplayNames("empty window");
    }
}
