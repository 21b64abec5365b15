namespace Connect.Sdk.Runtime.Embedded;

/// <summary>
/// A record as a Kafka consumer returns it: its topic, partition and offset, the key and value bytes, headers and a
/// timestamp. <see cref="EmbeddedSinkPipeline"/> takes these as input.
/// </summary>
/// <param name="Topic">The topic.</param>
/// <param name="Partition">The partition.</param>
/// <param name="Offset">The offset in the partition.</param>
/// <param name="Key">The key bytes, or <see langword="null"/>.</param>
/// <param name="Value">The value bytes, or <see langword="null"/> for a tombstone.</param>
public sealed record ConsumedRecord(string Topic, int Partition, long Offset, byte[]? Key, byte[]? Value)
{
    /// <summary>The headers, in order.</summary>
    /// <value>The default is no headers.</value>
    public IReadOnlyList<KeyValuePair<string, byte[]?>> Headers { get; init; } = [];

    /// <summary>The record's create time in milliseconds since the Unix epoch, or <see langword="null"/> for none.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public long? Timestamp { get; init; }
}
