using System.Collections;

namespace Connect.Sdk.Data;

/// <summary>
/// Deep value equality for Connect data: byte sequences by content, lists element by element, maps entry by entry,
/// structs field by field. Used by <see cref="Schema"/> defaults, <see cref="Struct"/> and <see cref="SchemaAndValue"/>.
/// </summary>
public sealed class ConnectValueComparer : IEqualityComparer<object?>
{
    /// <summary>The shared instance.</summary>
    public static ConnectValueComparer Instance { get; } = new();

    private ConnectValueComparer()
    {
    }

    /// <inheritdoc />
    public new bool Equals(object? x, object? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        if (x is null || y is null)
        {
            return false;
        }

        if (TryGetBytes(x, out var xBytes) && TryGetBytes(y, out var yBytes))
        {
            return xBytes.Span.SequenceEqual(yBytes.Span);
        }

        if (x is string || y is string)
        {
            return x.Equals(y);
        }

        if (x is IDictionary xMap && y is IDictionary yMap)
        {
            return MapsEqual(xMap, yMap);
        }

        if (x is IList xList && y is IList yList)
        {
            return ListsEqual(xList, yList);
        }

        return x.Equals(y);
    }

    /// <inheritdoc />
    public int GetHashCode(object? obj)
    {
        switch (obj)
        {
            case null:
                return 0;
            case string s:
                return s.GetHashCode(StringComparison.Ordinal);
            case byte[] or ReadOnlyMemory<byte>:
                TryGetBytes(obj, out var bytes);
                var byteHash = new HashCode();
                byteHash.AddBytes(bytes.Span);
                return byteHash.ToHashCode();
            case IDictionary map:
                // Order-independent: XOR of entry hashes.
                var mapHash = map.Count;
                foreach (DictionaryEntry entry in map)
                {
                    mapHash ^= HashCode.Combine(GetHashCode(entry.Key), GetHashCode(entry.Value));
                }

                return mapHash;
            case IList list:
                var listHash = new HashCode();
                foreach (var item in list)
                {
                    listHash.Add(GetHashCode(item));
                }

                return listHash.ToHashCode();
            default:
                return obj.GetHashCode();
        }
    }

    internal static bool TryGetBytes(object value, out ReadOnlyMemory<byte> bytes)
    {
        switch (value)
        {
            case byte[] array:
                bytes = array;
                return true;
            case ReadOnlyMemory<byte> memory:
                bytes = memory;
                return true;
            default:
                bytes = default;
                return false;
        }
    }

    private bool ListsEqual(IList x, IList y)
    {
        if (x.Count != y.Count)
        {
            return false;
        }

        for (var i = 0; i < x.Count; i++)
        {
            if (!Equals(x[i], y[i]))
            {
                return false;
            }
        }

        return true;
    }

    private bool MapsEqual(IDictionary x, IDictionary y)
    {
        if (x.Count != y.Count)
        {
            return false;
        }

        foreach (DictionaryEntry entry in x)
        {
            if (entry.Key is not null && y.Contains(entry.Key))
            {
                if (!Equals(entry.Value, y[entry.Key]))
                {
                    return false;
                }

                continue;
            }

            // Keys such as byte arrays have reference equality in the dictionary itself: search by content.
            var found = false;
            foreach (DictionaryEntry other in y)
            {
                if (Equals(entry.Key, other.Key) && Equals(entry.Value, other.Value))
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }
}
