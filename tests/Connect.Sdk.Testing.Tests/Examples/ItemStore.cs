using System.Collections.Concurrent;
using System.Globalization;

namespace Connect.Sdk.Testing.Tests.Examples;

/// <summary>An external system for the example connectors: a list of items to read and a table to write, which can
/// be made unavailable to simulate an outage.</summary>
public sealed class ItemStore
{
    private static readonly ConcurrentDictionary<string, ItemStore> Stores = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private readonly List<string> _items = [];
    private readonly Dictionary<string, string> _table = new(StringComparer.Ordinal);
    private readonly List<string> _log = [];

    public bool Unavailable { get; set; }

    public static (string Id, ItemStore Store) Create()
    {
        var id = Guid.NewGuid().ToString("N");
        return (id, Stores.GetOrAdd(id, _ => new ItemStore()));
    }

    public static ItemStore Get(string id) =>
        Stores.TryGetValue(id, out var store) ? store : throw new InvalidOperationException($"No item store {id}.");

    public void Append(int count)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _items.Add(string.Create(CultureInfo.InvariantCulture, $"item-{_items.Count}"));
            }
        }
    }

    public IReadOnlyList<string> Read(long from, int max)
    {
        lock (_gate)
        {
            return _items.Skip((int)from).Take(max).ToList();
        }
    }

    public void Upsert(string key, string value)
    {
        lock (_gate)
        {
            _table[key] = value;
        }
    }

    public void AppendRow(string value)
    {
        lock (_gate)
        {
            _log.Add(value);
        }
    }

    public IReadOnlyList<string> Written()
    {
        lock (_gate)
        {
            return [.. _table.Values, .. _log];
        }
    }
}
