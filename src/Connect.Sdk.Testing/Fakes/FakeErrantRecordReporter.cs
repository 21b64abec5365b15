using System.Collections.Concurrent;
using Connect.Sdk.Sink;

namespace Connect.Sdk.Testing.Fakes;

/// <summary>An <see cref="IErrantRecordReporter"/> that keeps every reported record with its error.</summary>
/// <remarks>Thread-safe.</remarks>
public sealed class FakeErrantRecordReporter : IErrantRecordReporter
{
    private readonly ConcurrentQueue<ErrantRecord> _reported = new();

    /// <summary>The reported records in the order they were reported.</summary>
    public IReadOnlyList<ErrantRecord> Reported => [.. _reported];

    /// <inheritdoc />
    public Task ReportAsync(SinkRecord record, Exception error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(error);
        cancellationToken.ThrowIfCancellationRequested();
        _reported.Enqueue(new ErrantRecord(record, error));
        return Task.CompletedTask;
    }
}

/// <summary>A record a sink task reported as failed.</summary>
/// <param name="Record">The record.</param>
/// <param name="Error">Why it failed.</param>
public sealed record ErrantRecord(SinkRecord Record, Exception Error);
