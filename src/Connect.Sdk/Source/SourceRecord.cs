using Connect.Sdk.Connectors;
using Connect.Sdk.Data;
using Connect.Sdk.Storage;

namespace Connect.Sdk.Source;

/// <summary>
/// A record produced by a <see cref="SourceTask"/>: what to write to Kafka plus where it came from in the source
/// system. The source partition (e.g. <c>{"filename": "orders.csv"}</c>) and source offset (e.g. <c>{"position": 1042}</c>)
/// are string-keyed maps of primitive values; the runtime stores the latest acknowledged offset per source partition
/// so a restarted task resumes from it through <see cref="Storage.IOffsetStorageReader"/>.
/// </summary>
public sealed class SourceRecord : ConnectRecord<SourceRecord>
{
    /// <summary>Creates a source record.</summary>
    /// <param name="sourcePartition">The source partition, or <see langword="null"/> when offsets are not tracked.</param>
    /// <param name="sourceOffset">The position within the source partition, or <see langword="null"/>.</param>
    /// <param name="topic">The topic to write to.</param>
    /// <param name="kafkaPartition">The Kafka partition, or <see langword="null"/> to let the producer choose.</param>
    /// <param name="keySchema">The key's schema.</param>
    /// <param name="key">The key.</param>
    /// <param name="valueSchema">The value's schema.</param>
    /// <param name="value">The value.</param>
    /// <param name="timestamp">Milliseconds since the Unix epoch, or <see langword="null"/>.</param>
    /// <param name="headers">Headers, or <see langword="null"/>.</param>
    public SourceRecord(
        IReadOnlyDictionary<string, object?>? sourcePartition,
        IReadOnlyDictionary<string, object?>? sourceOffset,
        string topic,
        int? kafkaPartition = null,
        Schema? keySchema = null,
        object? key = null,
        Schema? valueSchema = null,
        object? value = null,
        long? timestamp = null,
        IEnumerable<Header>? headers = null)
        : base(topic, kafkaPartition, keySchema, key, valueSchema, value, timestamp, headers)
    {
        SourcePartition = sourcePartition;
        SourceOffset = sourceOffset;
    }

    /// <summary>The source partition, e.g. a file name or table name, or <see langword="null"/>.</summary>
    public IReadOnlyDictionary<string, object?>? SourcePartition { get; }

    /// <summary>The position within the source partition, or <see langword="null"/>.</summary>
    public IReadOnlyDictionary<string, object?>? SourceOffset { get; }

    /// <inheritdoc />
    public override SourceRecord NewRecord(
        string topic,
        int? kafkaPartition,
        Schema? keySchema,
        object? key,
        Schema? valueSchema,
        object? value,
        long? timestamp,
        IEnumerable<Header>? headers = null)
    {
        var copy = new SourceRecord(SourcePartition, SourceOffset, topic, kafkaPartition, keySchema, key, valueSchema, value, timestamp, headers);
        if (headers is null)
        {
            copy.ShareHeadersOf(this);
        }

        return copy;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) =>
        base.Equals(obj)
        && obj is SourceRecord other
        && SourcePartitionComparer.Instance.Equals(SourcePartition, other.SourcePartition)
        && SourcePartitionComparer.Instance.Equals(SourceOffset, other.SourceOffset);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(
        base.GetHashCode(),
        SourcePartition is null ? 0 : SourcePartitionComparer.Instance.GetHashCode(SourcePartition),
        SourceOffset is null ? 0 : SourcePartitionComparer.Instance.GetHashCode(SourceOffset));

    /// <inheritdoc />
    public override string ToString() =>
        $"SourceRecord{{sourcePartition={Format(SourcePartition)}, sourceOffset={Format(SourceOffset)}}} {base.ToString()}";

    private static string Format(IReadOnlyDictionary<string, object?>? map) =>
        map is null ? "null" : "{" + string.Join(", ", map.Select(e => $"{e.Key}={e.Value}")) + "}";
}
