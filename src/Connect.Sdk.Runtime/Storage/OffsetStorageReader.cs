using Connect.Sdk.Storage;

namespace Connect.Sdk.Runtime.Storage;

/// <summary>Reads one connector's committed source offsets from a backing store.</summary>
public sealed class OffsetStorageReader : IOffsetStorageReader
{
    private readonly string _connector;
    private readonly IOffsetBackingStore _store;

    /// <summary>Creates a reader.</summary>
    /// <param name="connector">The connector name.</param>
    /// <param name="store">The backing store.</param>
    public OffsetStorageReader(string connector, IOffsetBackingStore store)
    {
        _connector = connector;
        _store = store;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object?>? Offset(IReadOnlyDictionary<string, object?> partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        var key = OffsetCodec.SerializeKey(_connector, partition);
        return _store.Get([key]).TryGetValue(key, out var value) ? OffsetCodec.DeserializeOffset(value) : null;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>> Offsets(
        IEnumerable<IReadOnlyDictionary<string, object?>> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var keys = partitions.ToDictionary(p => OffsetCodec.SerializeKey(_connector, p), p => p, StringComparer.Ordinal);
        var stored = _store.Get(keys.Keys);
        var result = new Dictionary<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>>(SourcePartitionComparer.Instance);
        foreach (var (key, value) in stored)
        {
            result[keys[key]] = OffsetCodec.DeserializeOffset(value);
        }

        return result;
    }
}
