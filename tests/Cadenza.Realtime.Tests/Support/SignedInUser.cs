using Cadenza.Client;
using Cadenza.Emulator;

namespace Cadenza.Realtime.Tests.Support;

/// <summary>An emulator with one signed-in user: the starting point of every real-time test.</summary>
internal sealed class SignedInUser : IAsyncDisposable
{
    private static int _next;

    private SignedInUser(CadenzaEmulator emulator, CadenzaSession session, string email, AuthSession login)
    {
        Emulator = emulator;
        Session = session;
        Email = email;
        Login = login;
    }

    /// <summary>The login's tokens, for a client other than <see cref="Session"/> (which then must not refresh: the refresh token is single-use).</summary>
    public AuthSession Login { get; }

    public CadenzaEmulator Emulator { get; }

    public CadenzaSession Session { get; }

    public string Email { get; }

    public const string Password = "correct-horse-battery";

    /// <summary>Starts an emulator (publishing on demand only, unless the options say otherwise) and signs a new user in.</summary>
    public static async Task<SignedInUser> StartAsync(Action<CadenzaEmulatorOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new CadenzaEmulatorOptions { PasswordHashIterations = 1, TimeProvider = time ?? TimeProvider.System };
        options.Realtime.PublishInterval = null;
        configure?.Invoke(options);
        var emulator = await CadenzaEmulator.StartAsync(options);
        var session = new CadenzaSession(new CadenzaSessionOptions { BaseAddress = emulator.BaseAddress, TimeProvider = options.TimeProvider });
        var email = $"trader{Interlocked.Increment(ref _next)}@example.com";
        await session.SignUpAsync(email, Password);
        var login = await session.LoginAsync(email, Password);
        return new SignedInUser(emulator, session, email, login);
    }

    public async ValueTask DisposeAsync()
    {
        Session.Dispose();
        await Emulator.DisposeAsync();
    }
}
