namespace Connect.Sdk.Sink;

/// <summary>What the runtime gives a <see cref="SinkTask"/>: its configuration and control over consumption.</summary>
public interface ISinkTaskContext
{
    /// <summary>The task's configuration, as returned by the connector's <c>TaskConfigs</c>.</summary>
    IReadOnlyDictionary<string, string> Configs { get; }

    /// <summary>The partitions currently assigned to the task.</summary>
    IReadOnlyCollection<TopicPartition> Assignment { get; }

    /// <summary>The reporter for records that fail, or <see langword="null"/> when the runtime offers none.</summary>
    IErrantRecordReporter? ErrantRecordReporter { get; }

    /// <summary>Asks the runtime to continue consumption of partitions from the given offsets (e.g. offsets kept in
    /// the sink system), before the next delivery.</summary>
    /// <param name="offsets">The offset of the next record to deliver, per partition.</param>
    void Offset(IReadOnlyDictionary<TopicPartition, long> offsets);

    /// <summary>Asks the runtime to continue consumption of one partition from an offset.</summary>
    /// <param name="partition">The partition.</param>
    /// <param name="offset">The offset of the next record to deliver.</param>
    void Offset(TopicPartition partition, long offset);

    /// <summary>After a <see cref="Errors.RetriableException"/> from <see cref="SinkTask.PutAsync"/>, how long to wait
    /// before the same records are delivered again.</summary>
    /// <param name="timeout">The back-off.</param>
    void Timeout(TimeSpan timeout);

    /// <summary>Stops delivering records from partitions until they are resumed.</summary>
    /// <param name="partitions">The partitions.</param>
    void Pause(params TopicPartition[] partitions);

    /// <summary>Resumes delivering records from paused partitions.</summary>
    /// <param name="partitions">The partitions.</param>
    void Resume(params TopicPartition[] partitions);

    /// <summary>Asks the runtime to commit offsets soon, instead of waiting for the next flush interval.</summary>
    void RequestCommit();
}
