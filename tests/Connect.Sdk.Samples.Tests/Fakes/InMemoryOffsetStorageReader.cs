using Connect.Sdk.Source;
using Connect.Sdk.Storage;

namespace Connect.Sdk.Samples.Tests.Fakes;

/// <summary>Committed source offsets kept in memory. Integral numbers are stored as <see cref="long"/>, as the runtime
/// returns them after a round trip through its offset store.</summary>
internal sealed class InMemoryOffsetStorageReader : IOffsetStorageReader
{
    private readonly Dictionary<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>> _offsets =
        new(SourcePartitionComparer.Instance);

    public void Set(IReadOnlyDictionary<string, object?> partition, IReadOnlyDictionary<string, object?> offset) =>
        _offsets[Normalize(partition)] = Normalize(offset);

    /// <summary>Stores the offset of each record, the last one per partition winning, as a commit would.</summary>
    public void Commit(IEnumerable<SourceRecord> records)
    {
        foreach (var record in records)
        {
            if (record is { SourcePartition: { } partition, SourceOffset: { } offset })
            {
                Set(partition, offset);
            }
        }
    }

    public IReadOnlyDictionary<string, object?>? Offset(IReadOnlyDictionary<string, object?> partition) =>
        _offsets.GetValueOrDefault(Normalize(partition));

    public IReadOnlyDictionary<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>> Offsets(
        IEnumerable<IReadOnlyDictionary<string, object?>> partitions)
    {
        var result = new Dictionary<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>>(SourcePartitionComparer.Instance);
        foreach (var partition in partitions)
        {
            if (Offset(partition) is { } offset)
            {
                result[partition] = offset;
            }
        }

        return result;
    }

    private static Dictionary<string, object?> Normalize(IReadOnlyDictionary<string, object?> map) =>
        map.ToDictionary(
            e => e.Key,
            e => e.Value switch
            {
                int i => (long)i,
                short s => (long)s,
                sbyte b => (long)b,
                byte b => (long)b,
                var other => other,
            });
}
