namespace Connect.Sdk.Source;

/// <summary>Where Kafka stored a record a source task produced, as acknowledged by the broker.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Partition">The partition.</param>
/// <param name="Offset">The offset in the partition.</param>
/// <param name="Timestamp">The record's timestamp in milliseconds since the epoch, or <see langword="null"/>.</param>
public sealed record RecordMetadata(string Topic, int Partition, long Offset, long? Timestamp);
