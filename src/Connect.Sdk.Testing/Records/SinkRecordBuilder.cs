using Connect.Sdk.Sink;

namespace Connect.Sdk.Testing.Records;

/// <summary>
/// Builds <see cref="SinkRecord"/>s as a consumer would deliver them: each record gets the next Kafka offset of its
/// partition, starting at 0, so a batch looks like consecutive records of a topic.
/// </summary>
/// <example>
/// <code>
/// var records = new SinkRecordBuilder("orders");
/// SinkRecord first = records.Key(1).Value(new { id = 1, item = "book" }).Build();   // offset 0
/// IReadOnlyList&lt;SinkRecord&gt; more = records.BuildEach(new { id = 2, item = "pen" }, new { id = 3, item = "ink" }); // offsets 1, 2
/// </code>
/// </example>
public sealed class SinkRecordBuilder : RecordBuilder<SinkRecordBuilder, SinkRecord>
{
    /// <summary>The topic a builder uses when none is given.</summary>
    public const string DefaultTopic = "test-topic";

    private readonly Dictionary<TopicPartition, long> _nextOffsets = [];
    private int _partition;
    private TimestampType? _timestampType;

    /// <summary>Creates a builder.</summary>
    /// <param name="topic">The topic of the records; <see cref="DefaultTopic"/> when not given.</param>
    /// <param name="partition">The Kafka partition of the records; 0 when not given.</param>
    public SinkRecordBuilder(string topic = DefaultTopic, int partition = 0)
        : base(topic)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        _partition = partition;
    }

    /// <summary>The topic and partition the next record gets.</summary>
    public TopicPartition CurrentPartition => new(CurrentTopic, _partition);

    /// <summary>Sets the Kafka partition.</summary>
    /// <param name="partition">The partition.</param>
    /// <returns>This builder.</returns>
    public SinkRecordBuilder Partition(int partition)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        _partition = partition;
        return this;
    }

    /// <summary>Sets the Kafka offset of the next record of the current partition; the following ones continue from it.</summary>
    /// <param name="offset">The offset.</param>
    /// <returns>This builder.</returns>
    public SinkRecordBuilder Offset(long offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        _nextOffsets[CurrentPartition] = offset;
        return this;
    }

    /// <summary>Sets what the timestamp means.</summary>
    /// <param name="timestampType">The timestamp type.</param>
    /// <returns>This builder.</returns>
    /// <remarks>The default is <see cref="TimestampType.CreateTime"/> for records with a timestamp and
    /// <see cref="TimestampType.NoTimestampType"/> for records without.</remarks>
    public SinkRecordBuilder TimestampType(TimestampType timestampType)
    {
        _timestampType = timestampType;
        return this;
    }

    /// <summary>The offset the next record of a partition gets.</summary>
    /// <param name="partition">The partition.</param>
    /// <returns>The offset; 0 for a partition no record was built for.</returns>
    public long NextOffset(TopicPartition partition) => _nextOffsets.GetValueOrDefault(partition);

    /// <inheritdoc />
    public override SinkRecord Build()
    {
        var partition = CurrentPartition;
        var offset = _nextOffsets.GetValueOrDefault(partition);
        _nextOffsets[partition] = offset + 1;
        var timestampType = _timestampType
            ?? (CurrentTimestamp is null ? Sink.TimestampType.NoTimestampType : Sink.TimestampType.CreateTime);
        return new SinkRecord(
            CurrentTopic,
            _partition,
            CurrentKeySchema,
            CurrentKey,
            CurrentValueSchema,
            CurrentValue,
            offset,
            CurrentTimestamp,
            timestampType,
            CurrentHeaders);
    }
}
