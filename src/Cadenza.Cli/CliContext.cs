using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Cadenza.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cadenza.Cli
{
    /// <summary>
    /// One command's view of the world: the resolved settings, the console, and the <see cref="CadenzaSession"/>
    /// over the session file. Everything that talks to the server goes through that session; the CLI has no HTTP
    /// code of its own.
    /// </summary>
    internal sealed class CliContext : IDisposable
    {
        private readonly CliHooks _hooks;
        private CadenzaSession? _session;
        private ReportingSessionStore? _store;
        private ILoggerFactory? _loggerFactory;

        public CliContext(CliConsole console, IDictionary<string, string?> environment, CliHooks hooks, CliSettings settings, bool json)
        {
            Console = console;
            Environment = environment;
            _hooks = hooks;
            Settings = settings;
            Json = json;
        }

        public CliConsole Console { get; }

        public IDictionary<string, string?> Environment { get; }

        public CliSettings Settings { get; }

        public bool Json { get; }

        public TimeProvider Time => _hooks.Time;

        public CliHooks Hooks => _hooks;

        /// <summary>The session's log: on standard error with CADENZA_DEBUG=1, else nowhere (and then not even loaded).</summary>
        public ILoggerFactory LoggerFactory => _loggerFactory ??= CreateLoggerFactory();

        /// <summary>The session, created on first use (commands such as <c>recover</c> never touch the session file).</summary>
        public CadenzaSession Session => _session ??= OpenSession();

        /// <summary>The session file, read and written through <see cref="FileSessionStore"/>.</summary>
        public ReportingSessionStore Store => _store ??= new ReportingSessionStore(new FileSessionStore(Settings.SessionFile, LoggerFactory.CreateLogger<FileSessionStore>()));

        /// <summary>Why the session file could not be read, on standard error (once, one line), if it could not.</summary>
        public void WarnIfUnreadable()
        {
            if (_store?.LastProblem is { } problem)
            {
                Console.Error.WriteLine("warning: " + problem);
            }
        }

        /// <summary>Loads the stored session; reports an unreadable session file on standard error (once, one line).</summary>
        /// <returns>True when signed in.</returns>
        public async Task<bool> RestoreAsync(CancellationToken cancellationToken)
        {
            var signedIn = await Session.RestoreAsync(cancellationToken).ConfigureAwait(false);
            WarnIfUnreadable();

            return signedIn;
        }

        /// <summary>The restored session, or a failure telling the user to log in.</summary>
        /// <returns>A signed-in session.</returns>
        public async Task<CadenzaSession> RequireSignedInAsync(CancellationToken cancellationToken)
        {
            if (!await RestoreAsync(cancellationToken).ConfigureAwait(false))
            {
                throw NotSignedIn();
            }

            return Session;
        }

        /// <summary>Fails when the session file could not be written: the next command would not see this one's change.</summary>
        public void ThrowIfSessionNotSaved()
        {
            if (_store?.WriteFailure is { } failure)
            {
                throw new CliFailure(
                    CliErrorCodes.SessionNotSaved,
                    $"The session file {_store.Path} could not be written ({failure.GetType().Name}: {FailureReport.OneLine(failure.Message)}); the next command will not see this change.");
            }
        }

        public static CliFailure NotSignedIn() => new CliFailure(CliErrorCodes.NotSignedIn, "Not signed in: run 'cadenza login --email <address>' first.");

        public void Dispose() => _session?.Dispose();

        private ILoggerFactory CreateLoggerFactory() => CliSettings.IsDebug(Environment)
            ? new LoggerFactory(
                new[] { new LineLoggerProvider(Console.Error, _hooks.Time, LogLevel.Debug) { Enabled = true } },
                new LoggerFilterOptions { MinLevel = LogLevel.Debug })
            : NullLoggerFactory.Instance;

        private CadenzaSession OpenSession()
        {
            var options = new CadenzaSessionOptions
            {
                BaseAddress = Settings.BaseAddress,
                Store = Store,
                TimeProvider = _hooks.Time,
                LoggerFactory = LoggerFactory,
                RefreshInBackground = false, // a command exits right after its call: never leave a refresh under way
            };
            return _hooks.Transport is { } transport ? new CadenzaSession(options, transport) : new CadenzaSession(options);
        }
    }
}
