using Connect.Sdk.Connectors;
using Connect.Sdk.Data;

namespace Connect.Sdk.Sink;

/// <summary>
/// A record read from Kafka and handed to a <see cref="SinkTask"/>: the converted key and value plus the Kafka
/// offset and timestamp type. The original topic, partition and offset stay available after transforms change them,
/// so a task can report the right position to commit.
/// </summary>
public sealed class SinkRecord : ConnectRecord<SinkRecord>
{
    /// <summary>
    /// Where the record was read, when a transform has since moved it to another topic or partition; <see langword="null"/>
    /// while it is where it was read, as almost every record is.
    /// </summary>
    /// <remarks>
    /// One reference instead of the three original fields, and the timestamp type in a byte that fits the base class's
    /// padding, keep the record (one per message a worker reads) at 96 bytes instead of 112.
    /// </remarks>
    private ReadPosition? _readPosition;

    private byte _timestampType;

    /// <summary>Creates a sink record.</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="partition">The Kafka partition.</param>
    /// <param name="keySchema">The key's schema.</param>
    /// <param name="key">The key.</param>
    /// <param name="valueSchema">The value's schema.</param>
    /// <param name="value">The value.</param>
    /// <param name="kafkaOffset">The record's offset in its partition.</param>
    /// <param name="timestamp">Milliseconds since the Unix epoch, or <see langword="null"/>.</param>
    /// <param name="timestampType">What the timestamp means.</param>
    /// <param name="headers">Headers, or <see langword="null"/>.</param>
    /// <param name="originalTopic">The topic before transforms, or <see langword="null"/> for <paramref name="topic"/>.</param>
    /// <param name="originalKafkaPartition">The partition before transforms, or <see langword="null"/> for <paramref name="partition"/>.</param>
    /// <param name="originalKafkaOffset">The offset before transforms, or <see langword="null"/> for <paramref name="kafkaOffset"/>.</param>
    public SinkRecord(
        string topic,
        int partition,
        Schema? keySchema,
        object? key,
        Schema? valueSchema,
        object? value,
        long kafkaOffset,
        long? timestamp = null,
        TimestampType timestampType = TimestampType.NoTimestampType,
        IEnumerable<Header>? headers = null,
        string? originalTopic = null,
        int? originalKafkaPartition = null,
        long? originalKafkaOffset = null)
        : this(
            topic,
            partition,
            keySchema,
            key,
            valueSchema,
            value,
            kafkaOffset,
            timestamp,
            timestampType,
            headers,
            ReadPosition.IfMoved(originalTopic ?? topic, originalKafkaPartition ?? partition, originalKafkaOffset ?? kafkaOffset, topic, partition, kafkaOffset))
    {
    }

    private SinkRecord(
        string topic,
        int partition,
        Schema? keySchema,
        object? key,
        Schema? valueSchema,
        object? value,
        long kafkaOffset,
        long? timestamp,
        TimestampType timestampType,
        IEnumerable<Header>? headers,
        ReadPosition? readPosition)
        : base(topic, partition, keySchema, key, valueSchema, value, timestamp, headers)
    {
        KafkaOffset = kafkaOffset;
        _timestampType = (byte)timestampType;
        _readPosition = readPosition;
    }

    /// <summary>
    /// Overwrites every property with those of another message read at <paramref name="partition"/> and
    /// <paramref name="kafkaOffset"/>: how a sink worker reuses the records of a task that does not keep them
    /// (<see cref="SinkTask.KeepsRecordsAfterPut"/>).
    /// </summary>
    /// <param name="topic">The topic.</param>
    /// <param name="partition">The Kafka partition.</param>
    /// <param name="keySchema">The key's schema.</param>
    /// <param name="key">The key.</param>
    /// <param name="valueSchema">The value's schema.</param>
    /// <param name="value">The value.</param>
    /// <param name="kafkaOffset">The record's offset in its partition.</param>
    /// <param name="timestamp">Milliseconds since the Unix epoch, or <see langword="null"/>.</param>
    /// <param name="timestampType">What the timestamp means.</param>
    /// <param name="headers">Headers, or <see langword="null"/>.</param>
    internal void Reinitialize(
        string topic,
        int partition,
        Schema? keySchema,
        object? key,
        Schema? valueSchema,
        object? value,
        long kafkaOffset,
        long? timestamp,
        TimestampType timestampType,
        IEnumerable<Header>? headers)
    {
        Reinitialize(topic, partition, keySchema, key, valueSchema, value, timestamp, headers);
        KafkaOffset = kafkaOffset;
        _timestampType = (byte)timestampType;
        _readPosition = null;
    }

    /// <summary>The record's offset in its Kafka partition.</summary>
    public long KafkaOffset { get; private set; }

    /// <summary>What <see cref="ConnectRecord.Timestamp"/> means.</summary>
    public TimestampType TimestampType => (TimestampType)_timestampType;

    /// <summary>The topic the record was read from, before any transform changed it.</summary>
    public string OriginalTopic => _readPosition?.Topic ?? Topic;

    /// <summary>The partition the record was read from, before any transform changed it.</summary>
    public int OriginalKafkaPartition => _readPosition?.Partition ?? KafkaPartition.GetValueOrDefault();

    /// <summary>The offset the record was read at, before any transform changed it.</summary>
    public long OriginalKafkaOffset => _readPosition?.Offset ?? KafkaOffset;

    /// <summary>The partition the record was read from, as a <see cref="TopicPartition"/>.</summary>
    public TopicPartition OriginalTopicPartition => new(OriginalTopic, OriginalKafkaPartition);

    /// <inheritdoc />
    public override SinkRecord NewRecord(
        string topic,
        int? kafkaPartition,
        Schema? keySchema,
        object? key,
        Schema? valueSchema,
        object? value,
        long? timestamp,
        IEnumerable<Header>? headers = null)
    {
        var partition = kafkaPartition ?? OriginalKafkaPartition;
        var copy = new SinkRecord(
            topic,
            partition,
            keySchema,
            key,
            valueSchema,
            value,
            KafkaOffset,
            timestamp,
            TimestampType,
            headers,
            _readPosition ?? ReadPosition.IfMoved(Topic, KafkaPartition.GetValueOrDefault(), KafkaOffset, topic, partition, KafkaOffset));
        if (headers is null)
        {
            copy.ShareHeadersOf(this);
        }

        return copy;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) =>
        base.Equals(obj)
        && obj is SinkRecord other
        && KafkaOffset == other.KafkaOffset
        && TimestampType == other.TimestampType
        && OriginalTopic == other.OriginalTopic
        && OriginalKafkaPartition == other.OriginalKafkaPartition
        && OriginalKafkaOffset == other.OriginalKafkaOffset;

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(base.GetHashCode(), KafkaOffset, TimestampType, OriginalTopic, OriginalKafkaPartition, OriginalKafkaOffset);

    /// <inheritdoc />
    public override string ToString() =>
        $"SinkRecord{{kafkaOffset={KafkaOffset}, timestampType={TimestampType}, originalTopic={OriginalTopic}, originalKafkaPartition={OriginalKafkaPartition}, originalKafkaOffset={OriginalKafkaOffset}}} {base.ToString()}";

    /// <summary>The topic, partition and offset a record was read at.</summary>
    private sealed record ReadPosition(string Topic, int Partition, long Offset)
    {
        /// <summary>The read position, or <see langword="null"/> when the record is still there.</summary>
        public static ReadPosition? IfMoved(string readTopic, int readPartition, long readOffset, string topic, int partition, long offset) =>
            readPartition == partition && readOffset == offset && string.Equals(readTopic, topic, StringComparison.Ordinal)
                ? null
                : new ReadPosition(readTopic, readPartition, readOffset);
    }
}
