using Connect.Sdk.Data;

namespace Connect.Sdk.Transforms.Internal;

/// <summary>
/// Remembers the schema a transform derived from an input schema, so that records sharing a schema share the derived
/// one instead of rebuilding it per record. Bounded (the oldest entry goes first), keyed by schema equality, with the
/// most recent hit checked by reference first; safe for concurrent use.
/// </summary>
internal sealed class SchemaUpdateCache : SchemaUpdateCache<Schema>
{
    public SchemaUpdateCache(int capacity = DefaultCapacity)
        : base(capacity)
    {
    }
}

/// <summary>
/// Remembers what a transform derived from an input schema (an output schema, or a plan holding one), bounded, keyed by
/// schema equality with the most recent hit checked by reference first; safe for concurrent use.
/// </summary>
/// <typeparam name="TValue">What is derived from a schema.</typeparam>
internal class SchemaUpdateCache<TValue>
    where TValue : class
{
    /// <summary>The capacity Kafka's transforms use.</summary>
    public const int DefaultCapacity = 16;

    private readonly int _capacity;
    private readonly Dictionary<Schema, Entry> _entries;
    private readonly Queue<Schema> _order;
    private readonly Lock _gate = new();
    private volatile Entry? _last;

    public SchemaUpdateCache(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _entries = new Dictionary<Schema, Entry>(capacity);
        _order = new Queue<Schema>(capacity);
    }

    /// <summary>The number of cached schemas.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>What was derived for <paramref name="key"/>, built with <paramref name="build"/> on a miss.</summary>
    public TValue GetOrAdd<TState>(Schema key, TState state, Func<Schema, TState, TValue> build)
    {
        var last = _last;
        if (last is not null && ReferenceEquals(last.Key, key))
        {
            return last.Value;
        }

        Entry? entry;
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out entry))
            {
                entry = new Entry(key, build(key, state));
                if (_entries.Count >= _capacity)
                {
                    _entries.Remove(_order.Dequeue());
                }

                _entries.Add(key, entry);
                _order.Enqueue(key);
            }
        }

        if (!ReferenceEquals(entry.Key, key))
        {
            // An equal schema built elsewhere: remember this instance too, so the next lookup is a reference hit.
            entry = new Entry(key, entry.Value);
        }

        _last = entry;
        return entry.Value;
    }

    /// <summary>Forgets every schema.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            _order.Clear();
            _last = null;
        }
    }

    private sealed record Entry(Schema Key, TValue Value);
}
