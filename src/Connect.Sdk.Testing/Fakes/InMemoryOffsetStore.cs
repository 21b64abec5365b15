using System.Collections.ObjectModel;
using Connect.Sdk.Errors;
using Connect.Sdk.Storage;

namespace Connect.Sdk.Testing.Fakes;

/// <summary>
/// Source offsets kept in memory, readable by a task or connector through <see cref="IOffsetStorageReader"/>.
/// Offsets are stored the way the runtime's stores keep them: partitions and offsets may hold only primitive values,
/// and integral numbers come back as <see cref="long"/> and other numbers as <see cref="double"/>, as they do after
/// the runtime's JSON round trip. A task that writes an <see cref="int"/> position therefore reads a <see cref="long"/>
/// back here too, just as it will in production.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class InMemoryOffsetStore : IOffsetStorageReader
{
    private readonly object _gate = new();
    private readonly Dictionary<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>> _offsets =
        new(SourcePartitionComparer.Instance);

    private int _writes;

    /// <summary>The number of partitions with a stored offset.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _offsets.Count;
            }
        }
    }

    /// <summary>How many times offsets were written with <see cref="Set"/> or <see cref="SetAll"/>.</summary>
    public int Writes
    {
        get
        {
            lock (_gate)
            {
                return _writes;
            }
        }
    }

    /// <summary>A snapshot of every stored offset by source partition (compared by content).</summary>
    /// <returns>A copy; later writes do not change it.</returns>
    public IReadOnlyDictionary<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>> Snapshot()
    {
        lock (_gate)
        {
            return new Dictionary<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>>(_offsets, SourcePartitionComparer.Instance);
        }
    }

    /// <summary>Stores the offset of a source partition, replacing any earlier one; a <see langword="null"/> offset
    /// removes it, as a <see langword="null"/> offset does in the runtime's stores.</summary>
    /// <param name="partition">The source partition.</param>
    /// <param name="offset">The offset, or <see langword="null"/> to remove it.</param>
    /// <exception cref="DataException">The partition or offset holds a value that is not a string, number, boolean or null.</exception>
    public void Set(IReadOnlyDictionary<string, object?> partition, IReadOnlyDictionary<string, object?>? offset)
    {
        ArgumentNullException.ThrowIfNull(partition);
        var key = Normalize(partition, "partition");
        var value = offset is null ? null : Normalize(offset, "offset");
        lock (_gate)
        {
            Store(key, value);
            _writes++;
        }
    }

    /// <summary>Stores several offsets at once, as one commit.</summary>
    /// <param name="offsets">The offsets by source partition; a <see langword="null"/> offset removes the partition's.</param>
    /// <exception cref="DataException">A partition or offset holds a value that is not a string, number, boolean or null.</exception>
    public void SetAll(IEnumerable<KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>> offsets)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        var normalized = offsets
            .Select(e => (Partition: Normalize(e.Key, "partition"), Offset: e.Value is null ? null : Normalize(e.Value, "offset")))
            .ToList();
        lock (_gate)
        {
            foreach (var (partition, offset) in normalized)
            {
                Store(partition, offset);
            }

            _writes++;
        }
    }

    /// <summary>Removes every stored offset.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _offsets.Clear();
        }
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object?>? Offset(IReadOnlyDictionary<string, object?> partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        var key = Normalize(partition, "partition");
        lock (_gate)
        {
            return _offsets.GetValueOrDefault(key);
        }
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>> Offsets(
        IEnumerable<IReadOnlyDictionary<string, object?>> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var result = new Dictionary<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>>(SourcePartitionComparer.Instance);
        lock (_gate)
        {
            foreach (var partition in partitions)
            {
                if (_offsets.TryGetValue(Normalize(partition, "partition"), out var offset))
                {
                    result[partition] = offset;
                }
            }
        }

        return result;
    }

    /// <summary>Converts a partition or offset to the form the runtime's stores return: integral numbers as
    /// <see cref="long"/>, other numbers as <see cref="double"/>.</summary>
    /// <param name="map">The partition or offset.</param>
    /// <param name="what"><c>partition</c> or <c>offset</c>, for the error message.</param>
    /// <returns>A normalized copy.</returns>
    /// <exception cref="DataException">A value is not a string, number, boolean or null.</exception>
    internal static IReadOnlyDictionary<string, object?> Normalize(IReadOnlyDictionary<string, object?> map, string what)
    {
        var copy = new Dictionary<string, object?>(map.Count, StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            copy[key] = value switch
            {
                null or string or bool => value,
                sbyte or byte or short or ushort or int or uint or long => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
                // As the JSON round trip does: the float's shortest text, read back as a double.
                float f => double.Parse(f.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture),
                double => value,
                _ => throw new DataException(
                    $"Source {what}s may only contain primitive types as values, but field {key} contains {value.GetType()}."),
            };
        }

        return new ReadOnlyDictionary<string, object?>(copy);
    }

    private void Store(IReadOnlyDictionary<string, object?> partition, IReadOnlyDictionary<string, object?>? offset)
    {
        if (offset is null)
        {
            _offsets.Remove(partition);
        }
        else
        {
            _offsets[partition] = offset;
        }
    }
}
