using Connect.Sdk.Data;

namespace Connect.Sdk.Storage;

/// <summary>Compares source partitions and offsets (string-keyed maps) by content, for use as dictionary keys.</summary>
public sealed class SourcePartitionComparer : IEqualityComparer<IReadOnlyDictionary<string, object?>>
{
    /// <summary>The shared instance.</summary>
    public static SourcePartitionComparer Instance { get; } = new();

    private SourcePartitionComparer()
    {
    }

    /// <inheritdoc />
    public bool Equals(IReadOnlyDictionary<string, object?>? x, IReadOnlyDictionary<string, object?>? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        if (x is null || y is null || x.Count != y.Count)
        {
            return false;
        }

        foreach (var (key, value) in x)
        {
            if (!y.TryGetValue(key, out var other) || !ConnectValueComparer.Instance.Equals(value, other))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public int GetHashCode(IReadOnlyDictionary<string, object?> obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var hash = obj.Count;
        foreach (var (key, value) in obj)
        {
            hash ^= HashCode.Combine(key, ConnectValueComparer.Instance.GetHashCode(value));
        }

        return hash;
    }
}
