namespace Connect.Sdk.Storage;

/// <summary>
/// Reads the source offsets the runtime has committed for a connector, so a source task (or connector) can resume
/// where it left off. Source partitions are compared by content.
/// </summary>
public interface IOffsetStorageReader
{
    /// <summary>The latest committed offset of one source partition.</summary>
    /// <param name="partition">The source partition, as given in <see cref="Source.SourceRecord.SourcePartition"/>.</param>
    /// <returns>The offset, or <see langword="null"/> when none was committed.</returns>
    IReadOnlyDictionary<string, object?>? Offset(IReadOnlyDictionary<string, object?> partition);

    /// <summary>The latest committed offsets of several source partitions.</summary>
    /// <param name="partitions">The source partitions.</param>
    /// <returns>The offsets that exist, keyed by partition (compared by content); partitions without one are left out.</returns>
    IReadOnlyDictionary<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>> Offsets(
        IEnumerable<IReadOnlyDictionary<string, object?>> partitions);
}
