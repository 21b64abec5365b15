using System.Diagnostics.Metrics;

namespace Connect.Sdk.Runtime.Metrics;

/// <summary>
/// The runtime's instruments, on the meter <c>Connect.Sdk.Runtime</c>, named after Kafka Connect's task metrics.
/// Kafka's <c>*-rate</c> attributes are the rates of the <c>*-total</c> counters here (a metrics backend derives them);
/// every measurement is tagged with <c>connector</c> and <c>task</c>.
/// </summary>
public sealed class ConnectMetrics : IDisposable
{
    /// <summary>The meter name to listen to (e.g. with <c>dotnet-counters monitor --counters Connect.Sdk.Runtime</c>).</summary>
    public const string MeterName = "Connect.Sdk.Runtime";

    private readonly Meter _meter;

    /// <summary>Creates the instruments.</summary>
    /// <param name="meterFactory">The meter factory of the host, or <see langword="null"/> for a standalone meter.</param>
    public ConnectMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        SourceRecordPoll = _meter.CreateCounter<long>("source-record-poll-total", "{record}", "Records produced or polled by the task, before transforms.");
        SourceRecordWrite = _meter.CreateCounter<long>("source-record-write-total", "{record}", "Records written to Kafka (acknowledged) after transforms and conversion.");
        SinkRecordRead = _meter.CreateCounter<long>("sink-record-read-total", "{record}", "Records read from Kafka by the task, before transforms.");
        SinkRecordSend = _meter.CreateCounter<long>("sink-record-send-total", "{record}", "Records given to the task's put after transforms.");
        OffsetCommitCompletion = _meter.CreateCounter<long>("offset-commit-completion-total", "{commit}", "Offset commits that completed.");
        OffsetCommitFailure = _meter.CreateCounter<long>("offset-commit-failure-total", "{commit}", "Offset commits that failed.");
        OffsetCommitTime = _meter.CreateHistogram<double>("offset-commit-time", "ms", "Time taken by offset commits (Kafka's offset-commit-avg-time-ms/max-time-ms).");
        BatchSize = _meter.CreateHistogram<int>("batch-size", "{record}", "Records per poll or put batch (Kafka's batch-size-avg/max).");
        RecordErrors = _meter.CreateCounter<long>("total-record-errors", "{record}", "Records that failed in a converter, transform or the producer.");
        RecordsSkipped = _meter.CreateCounter<long>("total-records-skipped", "{record}", "Records skipped because of errors (errors.tolerance=all) or dropped by a transform.");
        DeadLetterQueueProduceRequests = _meter.CreateCounter<long>("deadletterqueue-produce-requests", "{record}", "Records written to the dead letter queue.");
    }

    internal Counter<long> SourceRecordPoll { get; }

    internal Counter<long> SourceRecordWrite { get; }

    internal Counter<long> SinkRecordRead { get; }

    internal Counter<long> SinkRecordSend { get; }

    internal Counter<long> OffsetCommitCompletion { get; }

    internal Counter<long> OffsetCommitFailure { get; }

    internal Histogram<double> OffsetCommitTime { get; }

    internal Histogram<int> BatchSize { get; }

    internal Counter<long> RecordErrors { get; }

    internal Counter<long> RecordsSkipped { get; }

    internal Counter<long> DeadLetterQueueProduceRequests { get; }

    /// <summary>Registers the task status gauge (<c>status</c>: 1 per task in its current state, tagged <c>state</c>).</summary>
    /// <param name="observe">Returns the current task states.</param>
    public void ObserveTaskStatuses(Func<IEnumerable<(string Connector, int Task, string State)>> observe)
    {
        ArgumentNullException.ThrowIfNull(observe);
        _meter.CreateObservableGauge(
            "status",
            () => observe().Select(s => new Measurement<int>(1, new("connector", s.Connector), new("task", s.Task), new("state", s.State))),
            "{task}",
            "The state of each task: RUNNING, PAUSED, FAILED, …");
    }

    /// <summary>The counters of one task.</summary>
    /// <param name="connector">The connector name.</param>
    /// <param name="task">The task number.</param>
    /// <returns>The task's metrics.</returns>
    public TaskMetrics ForTask(string connector, int task) => new(this, connector, task);

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
