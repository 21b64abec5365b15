namespace Connect.Sdk.Converters;

/// <summary>
/// The recycled outputs of an <see cref="IRecyclableOutputConverter"/>: at most one array per length (a record's bytes
/// must fill their array exactly, since Kafka clients send whole arrays), for up to <see cref="MaxLengths"/> lengths of
/// up to <see cref="MaxArrayLength"/> bytes. Thread-safe.
/// </summary>
/// <remarks>
/// Records of one schema come in a handful of lengths, so one array per length is enough to serve nearly every record
/// from the pool once it is warm. When records of new lengths keep coming, the pool is emptied and fills again.
/// </remarks>
internal sealed class OutputArrayPool
{
    /// <summary>How many lengths are kept.</summary>
    public const int MaxLengths = 64;

    /// <summary>Larger arrays are left to the garbage collector.</summary>
    public const int MaxArrayLength = 64 * 1024;

    private readonly Dictionary<int, byte[]> _arrays = [];
    private readonly Lock _lock = new();

    /// <summary>An array of exactly <paramref name="length"/> bytes, recycled or new; its content is to be overwritten.</summary>
    /// <param name="length">The length.</param>
    /// <returns>The array.</returns>
    public byte[] Rent(int length)
    {
        if (length == 0)
        {
            return [];
        }

        lock (_lock)
        {
            if (_arrays.Remove(length, out var recycled))
            {
                return recycled;
            }
        }

        return GC.AllocateUninitializedArray<byte>(length);
    }

    /// <summary>An array of exactly the bytes given, recycled or new.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The array holding them.</returns>
    public byte[] Copy(ReadOnlySpan<byte> bytes)
    {
        var array = Rent(bytes.Length);
        bytes.CopyTo(array);
        return array;
    }

    /// <summary>Keeps an array that its user is done with.</summary>
    /// <param name="array">The array.</param>
    public void Return(byte[] array)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (array.Length is 0 or > MaxArrayLength)
        {
            return;
        }

        lock (_lock)
        {
            if (_arrays.Count >= MaxLengths && !_arrays.ContainsKey(array.Length))
            {
                _arrays.Clear();
            }

            _arrays[array.Length] = array;
        }
    }

    /// <summary>How many arrays are kept, for tests.</summary>
    internal int Count
    {
        get
        {
            lock (_lock)
            {
                return _arrays.Count;
            }
        }
    }
}
