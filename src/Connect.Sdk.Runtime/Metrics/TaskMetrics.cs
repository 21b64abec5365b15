namespace Connect.Sdk.Runtime.Metrics;

/// <summary>One task's measurements, with counts kept for progress lines and summaries.</summary>
public sealed class TaskMetrics
{
    private readonly ConnectMetrics _metrics;
    private readonly KeyValuePair<string, object?>[] _tags;
    private long _polled;
    private long _written;
    private long _read;
    private long _sent;
    private long _skipped;
    private long _commits;

    internal TaskMetrics(ConnectMetrics metrics, string connector, int task)
    {
        _metrics = metrics;
        _tags = [new("connector", connector), new("task", task)];
    }

    /// <summary>Records polled from a source task.</summary>
    public long Polled => Interlocked.Read(ref _polled);

    /// <summary>Records a source task wrote to Kafka (acknowledged).</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Records a sink task read from Kafka.</summary>
    public long Read => Interlocked.Read(ref _read);

    /// <summary>Records given to a sink task's put.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Records skipped or dropped.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Successful offset commits.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    internal void RecordPoll(int count)
    {
        Interlocked.Add(ref _polled, count);
        _metrics.SourceRecordPoll.Add(count, _tags);
        _metrics.BatchSize.Record(count, _tags);
    }

    internal void RecordWritten()
    {
        Interlocked.Increment(ref _written);
        _metrics.SourceRecordWrite.Add(1, _tags);
    }

    internal void RecordRead(int count)
    {
        Interlocked.Add(ref _read, count);
        _metrics.SinkRecordRead.Add(count, _tags);
        _metrics.BatchSize.Record(count, _tags);
    }

    internal void RecordSent(int count)
    {
        Interlocked.Add(ref _sent, count);
        _metrics.SinkRecordSend.Add(count, _tags);
    }

    internal void RecordSkipped()
    {
        Interlocked.Increment(ref _skipped);
        _metrics.RecordsSkipped.Add(1, _tags);
    }

    internal void RecordError() => _metrics.RecordErrors.Add(1, _tags);

    internal void RecordDeadLetter() => _metrics.DeadLetterQueueProduceRequests.Add(1, _tags);

    internal void RecordOffsetCommit(TimeSpan duration, bool success)
    {
        if (success)
        {
            Interlocked.Increment(ref _commits);
            _metrics.OffsetCommitCompletion.Add(1, _tags);
        }
        else
        {
            _metrics.OffsetCommitFailure.Add(1, _tags);
        }

        _metrics.OffsetCommitTime.Record(duration.TotalMilliseconds, _tags);
    }
}
