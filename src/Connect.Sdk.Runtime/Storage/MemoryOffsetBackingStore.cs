namespace Connect.Sdk.Runtime.Storage;

/// <summary>Keeps offsets in memory only: a restarted process starts from scratch. For tests and embedded use.</summary>
public class MemoryOffsetBackingStore : IOffsetBackingStore
{
    private readonly Dictionary<string, string> _data = new(StringComparer.Ordinal);

    /// <summary>Guards the data.</summary>
    protected object Gate { get; } = new();

    /// <inheritdoc />
    public virtual Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Get(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        lock (Gate)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var key in keys)
            {
                if (_data.TryGetValue(key, out var value))
                {
                    result[key] = value;
                }
            }

            return result;
        }
    }

    /// <inheritdoc />
    public virtual Task SetAsync(IReadOnlyDictionary<string, string?> values, CancellationToken cancellationToken = default)
    {
        Apply(values);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Snapshot()
    {
        lock (Gate)
        {
            return new Dictionary<string, string>(_data, StringComparer.Ordinal);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources.</summary>
    /// <param name="disposing">Whether called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>Applies changes to the in-memory map.</summary>
    /// <param name="values">Keys and values; null removes.</param>
    protected void Apply(IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        lock (Gate)
        {
            foreach (var (key, value) in values)
            {
                if (value is null)
                {
                    _data.Remove(key);
                }
                else
                {
                    _data[key] = value;
                }
            }
        }
    }

    /// <summary>Replaces everything in memory (after loading).</summary>
    /// <param name="values">The loaded data.</param>
    protected void Load(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        lock (Gate)
        {
            _data.Clear();
            foreach (var (key, value) in values)
            {
                _data[key] = value;
            }
        }
    }
}
