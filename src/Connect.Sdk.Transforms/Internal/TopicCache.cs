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
    private volatile Last? _last;

    public TResult GetOrAdd<TState>(string topic, TState state, Func<string, TState, TResult> compute)
    {
        // Records of one topic usually share the topic string instance: skip hashing it.
        var last = _last;
        if (last is not null && ReferenceEquals(last.Topic, topic))
        {
            return last.Result;
        }

        if (!_results.TryGetValue(topic, out var result))
        {
            result = compute(topic, state);
            if (_results.Count < Capacity)
            {
                _results.TryAdd(topic, result);
            }
        }

        _last = new Last(topic, result);
        return result;
    }

    public void Clear()
    {
        _results.Clear();
        _last = null;
    }

    private sealed record Last(string Topic, TResult Result);
}
