using System.Net;
using Cadenza.Emulator.Http;
using Cadenza.Emulator.Realtime;
using Cadenza.Emulator.Realtime.MarketData;
using Cadenza.Emulator.Tokens;
using Cadenza.Emulator.Users;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Cadenza.Emulator;

/// <summary>
/// A local Cadenza authentication server that keeps everything in memory and answers exactly as
/// <c>openapi/cadenza.yaml</c> says: for tests, demos and offline development.
/// </summary>
/// <example>
/// <code>
/// await using var emulator = await CadenzaEmulator.StartAsync(new CadenzaEmulatorOptions { TokenLifetime = TimeSpan.FromSeconds(2) });
/// using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
/// var auth = new AuthenticationClient(http);
/// </code>
/// </example>
public sealed class CadenzaEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ILogger _logger;
    private readonly RefreshCounters _counters;
    private readonly RealtimeHub _hub;
    private readonly SyntheticPublisher _publisher;
    private int _disposed;

    private CadenzaEmulator(WebApplication app, ILogger logger, Uri baseAddress, RefreshCounters counters, RealtimeHub hub, SyntheticPublisher publisher)
    {
        _app = app;
        _logger = logger;
        _counters = counters;
        _hub = hub;
        _publisher = publisher;
        BaseAddress = baseAddress;
        Realtime = new CadenzaEmulatorRealtime(hub, baseAddress);
    }

    /// <summary>Where the emulator listens, e.g. <c>http://127.0.0.1:41234/</c>; it ends in <c>/</c>, as the generated clients need.</summary>
    public Uri BaseAddress { get; }

    /// <summary>What the refresh tokens went through so far (sessions started, refresh requests, rotations, reuses): a snapshot.</summary>
    public CadenzaEmulatorCounters Counters => _counters.Snapshot();

    /// <summary>The WebSocket endpoint (<c>/connection/websocket</c>): its address, counters and test hooks.</summary>
    public CadenzaEmulatorRealtime Realtime { get; }

    /// <summary>Starts an emulator in this process and returns once it accepts requests. Dispose it to stop it.</summary>
    /// <param name="options">How to listen and behave; null for the defaults (loopback, any free port).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator.</returns>
    public static Task<CadenzaEmulator> StartAsync(CadenzaEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new CadenzaEmulatorOptions();
        return StartCoreAsync(options, options.ConfigureLogging, cancellationToken);
    }

    /// <summary>
    /// Runs an emulator until <paramref name="cancellationToken"/> is cancelled (the standalone server behind
    /// <c>cadenza emulator</c>). It logs its address and every request, to the console unless
    /// <see cref="CadenzaEmulatorOptions.ConfigureLogging"/> says otherwise.
    /// </summary>
    /// <param name="options">How to listen and behave; null for the defaults.</param>
    /// <param name="cancellationToken">Stops the emulator; cancelling it is the normal way to end, not an error.</param>
    /// <returns>A task that completes once the emulator has stopped.</returns>
    public static async Task RunAsync(CadenzaEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new CadenzaEmulatorOptions();
        var logging = options.ConfigureLogging ?? (builder => builder.AddSimpleConsole(console => console.SingleLine = true));
        await using var emulator = await StartCoreAsync(options, logging, cancellationToken);
        emulator._logger.LogInformation("Cadenza emulator listening on {BaseAddress}", emulator.BaseAddress);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Stops the emulator and forgets every user and session.</summary>
    /// <returns>A task that completes once it has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            // WebSocket connections last until closed: close them, or stopping would wait for each to time out.
            _hub.Stop();
            await _publisher.DisposeAsync();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private static async Task<CadenzaEmulator> StartCoreAsync(CadenzaEmulatorOptions options, Action<ILoggingBuilder>? configureLogging, CancellationToken cancellationToken)
    {
        options.Validate();

        // The empty builder reads no appsettings.json, environment variables or ASPNETCORE_URLS: only the options count.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(CadenzaEmulator).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(options.ListenAddress, options.Port);
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton<IHostLifetime, CallerOwnedLifetime>();
        // The framework's own per-request lines would repeat ours; keep its warnings and errors.
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        configureLogging?.Invoke(builder.Logging);

        var app = builder.Build();
        try
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Cadenza.Emulator");
            var time = options.TimeProvider;
            var rateLimiter = options.RateLimit is { } limit ? new ClientRateLimiter(limit, time) : null;
            var counters = new RefreshCounters();
            var sessions = new RefreshTokenFamilies(time, options.RefreshTokenReuseInterval, counters);
            var tokens = new TokenService(time, options.TokenLifetime);
            var endpoints = new Endpoints(
                new UserStore(time, options.PasswordHashIterations), sessions, tokens, rateLimiter, options.RequireEmailConfirmation, counters);
            var hub = new RealtimeHub(options.Realtime, tokens, sessions, time, new SyntheticMarket());

            app.Use((context, next) => RequestLogging.InvokeAsync(context, next, logger));
            app.Use((context, next) => ErrorHandling.InvokeAsync(context, next, logger));
            app.UseWebSockets();
            endpoints.Map(app);
            hub.Map(app);

            await app.StartAsync(cancellationToken);
            var publisher = new SyntheticPublisher(hub);
            publisher.Start();
            return new CadenzaEmulator(app, logger, BaseAddressOf(app, options.ListenAddress), counters, hub, publisher);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static Uri BaseAddressOf(WebApplication app, IPAddress listenAddress)
    {
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        // Bound to every interface: loopback is the address of it that works from this machine.
        var host = listenAddress.Equals(IPAddress.Any) ? IPAddress.Loopback
            : listenAddress.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback
            : listenAddress;
        return new UriBuilder(Uri.UriSchemeHttp, host.ToString(), new Uri(bound).Port, "/").Uri;
    }
}
