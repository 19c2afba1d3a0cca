using System.Net.Http.Headers;
using Cadenza.Client;
using Microsoft.Extensions.Time.Testing;

namespace Cadenza.Emulator.Tests.Support;

/// <summary>
/// A fresh emulator per test on 127.0.0.1, with a fake clock, and the generated client talking to it over real
/// HTTP. After each test, every response the client saw must conform to openapi/cadenza.yaml.
/// </summary>
public abstract class EmulatorTest
{
    public const string Email = "trader@example.com";
    public const string Password = "correct-horse";

    protected FakeTimeProvider Clock { get; private set; } = null!;

    protected CadenzaEmulator Emulator { get; private set; } = null!;

    protected SpecRecordingHandler Recorder { get; private set; } = null!;

    protected HttpClient Http { get; private set; } = null!;

    protected AuthenticationClient Client { get; private set; } = null!;

    [SetUp]
    public async Task StartEmulatorAsync()
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        // A few hash iterations keep the tests fast; the default is 100,000.
        var options = new CadenzaEmulatorOptions { TimeProvider = Clock, PasswordHashIterations = 10 };
        Configure(options);
        Emulator = await CadenzaEmulator.StartAsync(options);
        Recorder = new SpecRecordingHandler();
        Http = new HttpClient(Recorder) { BaseAddress = Emulator.BaseAddress };
        Client = new AuthenticationClient(Http);
    }

    [TearDown]
    public async Task StopEmulatorAndCheckResponsesAsync()
    {
        Http.Dispose();
        Recorder.Dispose();
        await Emulator.DisposeAsync();
        await Recorder.AssertAllConformAsync();
    }

    /// <summary>Changes the emulator's options before it starts.</summary>
    protected virtual void Configure(CadenzaEmulatorOptions options)
    {
    }

    protected void UseBearer(string? accessToken) =>
        Http.DefaultRequestHeaders.Authorization = accessToken is null ? null : new AuthenticationHeaderValue("Bearer", accessToken);

    /// <summary>Signs up; the emulator answers with a session (tokens and user), as Cadenza does since 2026-02-26.</summary>
    protected async Task<AuthUser> SignUpAsync(string email = Email, string password = Password)
    {
        var response = await Client.AuthSignupAsync(new AuthSignupRequest { Email = email, Password = password });
        return response.Data!.User!;
    }

    protected async Task<AuthSession> LogInAsync(string email = Email, string password = Password)
    {
        var response = await Client.AuthLoginAsync(new AuthLoginRequest { Email = email, Password = password });
        return response.Data!;
    }

    /// <summary>Signs up, logs in and sends the new access token from then on.</summary>
    protected async Task<AuthSession> SignUpAndLogInAsync(string email = Email, string password = Password)
    {
        await SignUpAsync(email, password);
        var session = await LogInAsync(email, password);
        UseBearer(session.AccessToken);
        return session;
    }

    /// <summary>The <see cref="CadenzaApiException"/> the call throws, checked to be the envelope the spec describes.</summary>
    protected static CadenzaApiException Failure(AsyncTestDelegate call, int statusCode, string code)
    {
        var exception = Assert.CatchAsync<CadenzaApiException>(call)!;
        Assert.Multiple(() =>
        {
            Assert.That(exception.StatusCode, Is.EqualTo(statusCode), exception.Message);
            Assert.That(exception.Errno, Is.EqualTo(10_000 + statusCode), "errno is AABBB: module 10, then the status");
            Assert.That(exception.ErrorCode, Is.EqualTo(code));
            Assert.That(exception.Error, Is.Not.Null.And.Not.Empty);
            Assert.That(Guid.TryParse(exception.RequestId, out _), Is.True, "details.request_id is a fresh id");
        });
        return exception;
    }
}
