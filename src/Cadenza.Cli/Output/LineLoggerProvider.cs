using System;
using System.Globalization;
using System.IO;
using Microsoft.Extensions.Logging;

namespace Cadenza.Cli
{
    /// <summary>
    /// Writes log entries as single lines to one of the CLI's streams (the standalone emulator's request log).
    /// The console logger would write to the process's console, past the streams tests inject.
    /// </summary>
    internal sealed class LineLoggerProvider : ILoggerProvider
    {
        private readonly TextWriter _writer;
        private readonly TimeProvider _time;

        public LineLoggerProvider(TextWriter writer, TimeProvider time)
        {
            _writer = writer;
            _time = time;
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

            public bool IsEnabled(LogLevel logLevel) => _provider.Enabled && logLevel >= LogLevel.Information;

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
