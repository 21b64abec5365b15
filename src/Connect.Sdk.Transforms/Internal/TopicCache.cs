using System.Collections.Concurrent;

namespace Connect.Sdk.Transforms.Internal;

/// <summary>
/// Remembers a per-topic answer (a routed topic name, a regex match) so that the regular expression runs once per
/// topic rather than once per record. Records come from few topics; past <see cref="Capacity"/> topics the answers are
/// computed without being remembered.
/// </summary>
internal sealed class TopicCache<TResult>
{
    public const int Capacity = 1024;

    private readonly ConcurrentDictionary<string, TResult> _results = new(StringComparer.Ordinal);

    public TResult GetOrAdd<TState>(string topic, TState state, Func<string, TState, TResult> compute)
    {
        if (_results.TryGetValue(topic, out var cached))
        {
            return cached;
        }

        var result = compute(topic, state);
        if (_results.Count < Capacity)
        {
            _results.TryAdd(topic, result);
        }

        return result;
    }

    public void Clear() => _results.Clear();
}
