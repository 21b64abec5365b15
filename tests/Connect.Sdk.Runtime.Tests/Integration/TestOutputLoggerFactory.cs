using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Connect.Sdk.Runtime.Tests.Integration;

/// <summary>Writes the runtime's logs to the test's output, so a failing test shows what the worker did.</summary>
public sealed class TestOutputLoggerFactory(ITestOutputHelper output, LogLevel minimum = LogLevel.Information) : ILoggerFactory
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private volatile bool _disposed;

    private LogLevel Minimum => minimum;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose() => _disposed = true;

    private void Write(string category, LogLevel level, string message, Exception? exception)
    {
        if (_disposed || level < minimum)
        {
            return;
        }

        var shortCategory = category[(category.LastIndexOf('.') + 1)..];
        var line = $"{_clock.Elapsed.TotalSeconds,7:F3}s {level.ToString()[..4].ToUpperInvariant()} {shortCategory}: {message}";
        if (exception is not null)
        {
            line += Environment.NewLine + exception;
        }

        try
        {
            output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test finished; a background thread logged late.
        }
    }

    private sealed class Logger(TestOutputLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner.Minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Write(category, logLevel, formatter(state, exception), exception);
    }

}
