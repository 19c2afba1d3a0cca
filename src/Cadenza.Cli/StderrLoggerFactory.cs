using System;
using System.IO;
using Microsoft.Extensions.Logging;

namespace Cadenza.Cli
{
    /// <summary>
    /// With CADENZA_DEBUG=1, the session's own log (refreshes, retries, store problems) goes to standard error.
    /// The session never logs a token or password, so this is safe to paste into a bug report.
    /// </summary>
    internal sealed class StderrLoggerFactory : ILoggerFactory
    {
        private readonly TextWriter _error;

        public StderrLoggerFactory(TextWriter error)
        {
            _error = error;
        }

        public ILogger CreateLogger(string categoryName) => new Logger(_error, categoryName);

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }

        private sealed class Logger : ILogger
        {
            private readonly TextWriter _error;
            private readonly string _category;

            public Logger(TextWriter error, string category)
            {
                _error = error;
                _category = category;
            }

            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                _error.WriteLine($"debug: {logLevel} {_category}: {formatter(state, exception)}");
            }
        }
    }
}
