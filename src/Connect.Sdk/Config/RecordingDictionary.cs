using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Connect.Sdk.Config;

/// <summary>
/// A read-only view of a dictionary that reports each key looked up by name (indexer or <see cref="TryGetValue"/>)
/// so that <see cref="AbstractConfig.UnusedKeys"/> knows which settings were read, as Kafka's <c>RecordingMap</c>
/// does. Enumerating does not count as reading.
/// </summary>
internal sealed class RecordingDictionary<TValue>(IReadOnlyDictionary<string, TValue> inner, string keyPrefix, Action<string> onRead)
    : IReadOnlyDictionary<string, TValue>
{
    public IEnumerable<string> Keys => inner.Keys;

    public IEnumerable<TValue> Values => inner.Values;

    public int Count => inner.Count;

    public TValue this[string key]
    {
        get
        {
            onRead(keyPrefix + key);
            return inner[key];
        }
    }

    public bool ContainsKey(string key) => inner.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TValue value)
    {
        onRead(keyPrefix + key);
        return inner.TryGetValue(key, out value);
    }

    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator() => inner.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
