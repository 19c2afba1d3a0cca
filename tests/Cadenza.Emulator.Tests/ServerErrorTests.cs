using Cadenza.Emulator.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Cadenza.Emulator.Tests;

public class ServerErrorTests
{
    [Test]
    public async Task An_unexpected_exception_is_a_500_envelope_that_does_not_quote_it()
    {
        var clock = new FailingClock();
        var logs = new CapturingLoggerProvider();
        await using var emulator = await CadenzaEmulator.StartAsync(new CadenzaEmulatorOptions
        {
            TimeProvider = clock,
            PasswordHashIterations = 10,
            ConfigureLogging = logging => logging.AddProvider(logs),
        });
        using var recorder = new SpecRecordingHandler();
        using var http = new HttpClient(recorder) { BaseAddress = emulator.BaseAddress };
        clock.Fail = true;

        var failure = Assert.CatchAsync<Cadenza.Client.CadenzaApiException>(() =>
            new Cadenza.Client.AuthenticationClient(http).AuthSignupAsync(new Cadenza.Client.AuthSignupRequest { Email = "trader@example.com", Password = "correct-horse" }))!;

        Assert.Multiple(() =>
        {
            Assert.That(failure.StatusCode, Is.EqualTo(500));
            Assert.That(failure.Errno, Is.EqualTo(10500));
            Assert.That(failure.ErrorCode, Is.EqualTo("INTERNAL_ERROR"));
            Assert.That(failure.Error, Is.EqualTo("Internal server error"));
            Assert.That(recorder.Responses.Single().Body, Does.Not.Contain(FailingClock.Secret).And.Not.Contain("InvalidOperationException"));
            Assert.That(logs.Lines, Has.Some.Contains(FailingClock.Secret).And.Contains(failure.RequestId!), "the log keeps the cause, under the request id");
        });
        await recorder.AssertAllConformAsync();
    }
}
