using System.Net;

namespace Cadenza.Emulator;

/// <summary>How a <see cref="CadenzaEmulator"/> listens and behaves. The defaults suit a local server for a demo.</summary>
public sealed class CadenzaEmulatorOptions
{
    /// <summary>The TCP port; 0 (the default) takes any free one, which <see cref="CadenzaEmulator.BaseAddress"/> then shows.</summary>
    public int Port { get; set; }

    /// <summary>The address to bind. Loopback (127.0.0.1) by default, so nothing outside this machine can reach it.</summary>
    public IPAddress ListenAddress { get; set; } = IPAddress.Loopback;

    /// <summary>The access token lifetime (<c>expiresIn</c>), in whole seconds; one hour by default, as GoTrue's.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a spent refresh token may come back without revoking its family (GoTrue's
    /// <c>REFRESH_TOKEN_REUSE_INTERVAL</c>): 10 s by default, as on Supabase. Within it, the answer is the family's
    /// current token. <see cref="TimeSpan.Zero"/> is the strict mode: any reuse revokes the family.
    /// </summary>
    public TimeSpan RefreshTokenReuseInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>PBKDF2 iterations for password hashes: 100,000 by default; tests can set a few to stay fast.</summary>
    public int PasswordHashIterations { get; set; } = 100_000;

    /// <summary>The limit on sign-up, login and recover per client; null (the default) means no limit.</summary>
    public CadenzaEmulatorRateLimit? RateLimit { get; set; }

    /// <summary>
    /// GoTrue's "confirm email": when true, sign-up answers with the new user only (no session) and the address stays
    /// unconfirmed; when false (the default, as Cadenza since 2026-02-26), sign-up confirms at once and answers with a session.
    /// </summary>
    public bool RequireEmailConfirmation { get; set; }

    /// <summary>The clock for token issue and expiry, user timestamps and rate-limit windows; a fake one lets tests move time.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>How the WebSocket endpoint behaves: pings, synthetic publications, history kept for recovery.</summary>
    public CadenzaEmulatorRealtimeOptions Realtime { get; set; } = new();

    /// <summary>
    /// Adds logging providers and filters. Each request is logged once (method, path, status, duration, request id),
    /// never with a header, body, token or password. Unset: no logging from <see cref="CadenzaEmulator.StartAsync"/>,
    /// console logging from <see cref="CadenzaEmulator.RunAsync"/>.
    /// </summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }

    internal void Validate()
    {
        if (Port is < IPEndPoint.MinPort or > IPEndPoint.MaxPort)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "Port must be between 0 and 65535.");
        }

        ArgumentNullException.ThrowIfNull(ListenAddress);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentNullException.ThrowIfNull(Realtime);
        Realtime.Validate();

        // expiresIn and the JWT's exp are whole seconds: a lifetime they cannot state exactly would be a lie on the wire.
        if (TokenLifetime < TimeSpan.FromSeconds(1) || TokenLifetime.Ticks % TimeSpan.TicksPerSecond != 0 || TokenLifetime.TotalSeconds > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(TokenLifetime), TokenLifetime, "TokenLifetime must be a whole number of seconds, at least 1.");
        }

        if (RefreshTokenReuseInterval < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RefreshTokenReuseInterval), RefreshTokenReuseInterval, "RefreshTokenReuseInterval cannot be negative (zero is the strict mode).");
        }

        if (PasswordHashIterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(PasswordHashIterations), PasswordHashIterations, "PasswordHashIterations must be at least 1.");
        }

        if (RateLimit is { PermitLimit: < 1 } || RateLimit?.Window <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RateLimit), RateLimit, "RateLimit needs PermitLimit >= 1 and a Window longer than zero.");
        }
    }
}
