using Connect.Sdk.Sink;

namespace Connect.Sdk.Samples.Postgres.Tests.Infrastructure;

/// <summary>A sink task context with an optional errant record reporter; the back-off the task asks for is kept.</summary>
internal sealed class FakeSinkTaskContext(IReadOnlyDictionary<string, string> configs, IErrantRecordReporter? reporter = null) : ISinkTaskContext
{
    public IReadOnlyDictionary<string, string> Configs { get; } = configs;

    public IReadOnlyCollection<TopicPartition> Assignment { get; } = [];

    public IErrantRecordReporter? ErrantRecordReporter { get; } = reporter;

    public TimeSpan? RequestedTimeout { get; private set; }

    public void Offset(IReadOnlyDictionary<TopicPartition, long> offsets)
    {
    }

    public void Offset(TopicPartition partition, long offset)
    {
    }

    public void Timeout(TimeSpan timeout) => RequestedTimeout = timeout;

    public void Pause(params TopicPartition[] partitions)
    {
    }

    public void Resume(params TopicPartition[] partitions)
    {
    }

    public void RequestCommit()
    {
    }
}

/// <summary>Keeps what is reported, as the runtime would with errors.tolerance=all.</summary>
internal sealed class RecordingReporter : IErrantRecordReporter
{
    public List<(SinkRecord Record, Exception Error)> Reports { get; } = [];

    public Task ReportAsync(SinkRecord record, Exception error, CancellationToken cancellationToken = default)
    {
        Reports.Add((record, error));
        return Task.CompletedTask;
    }
}
