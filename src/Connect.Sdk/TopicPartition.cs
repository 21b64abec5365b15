namespace Connect.Sdk;

/// <summary>A partition of a Kafka topic.</summary>
/// <param name="Topic">The topic name.</param>
/// <param name="Partition">The zero-based partition number.</param>
public readonly record struct TopicPartition(string Topic, int Partition)
{
    /// <summary>Formats as <c>topic-partition</c>, as Kafka does.</summary>
    /// <returns>The text form.</returns>
    public override string ToString() => $"{Topic}-{Partition}";
}
