using System;
using System.Globalization;
using System.IO;
using Microsoft.Extensions.Logging;

namespace Cadenza.Cli
{
    /// <summary>
    /// Writes log entries as single lines to one of the CLI's streams: the standalone emulator's request log, and
    /// with CADENZA_DEBUG=1 the session's own log on standard error (it never logs a token or password).
    /// The console logger would write to the process's console, past the streams tests inject.
    /// </summary>
    internal sealed class LineLoggerProvider : ILoggerProvider
    {
        private readonly TextWriter _writer;
        private readonly TimeProvider _time;
        private readonly LogLevel _minimumLevel;

        public LineLoggerProvider(TextWriter writer, TimeProvider time, LogLevel minimumLevel = LogLevel.Information)
        {
            _writer = writer;
            _time = time;
            _minimumLevel = minimumLevel;
        }

        /// <summary>
        /// Off until the emulator has started: a failed start (port in use) is reported once, as the command's own
        /// one-line error, not also as the host's log.
        /// </summary>
        public bool Enabled { get; set; }

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger : ILogger
        {
            private readonly LineLoggerProvider _provider;

            public Logger(LineLoggerProvider provider)
            {
                _provider = provider;
            }

            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => _provider.Enabled && logLevel >= _provider._minimumLevel;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (!IsEnabled(logLevel))
                {
                    return;
                }

                var time = _provider._time.GetUtcNow().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
                var level = logLevel == LogLevel.Information ? string.Empty : logLevel.ToString().ToLowerInvariant() + ": ";
                lock (_provider._writer)
                {
                    _provider._writer.WriteLine($"{time} {level}{FailureReport.OneLine(formatter(state, exception))}");
                }
            }
        }
    }
}
