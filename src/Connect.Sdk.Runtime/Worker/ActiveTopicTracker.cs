using System.Collections.Concurrent;

namespace Connect.Sdk.Runtime.Worker;

/// <summary>
/// The topics each connector has used since it was created or since its set was last reset: the topics a source
/// connector's tasks produced to, the topics a sink connector's tasks consumed from (Kafka Connect's topic tracking,
/// KIP-558). <c>GET /connectors/{name}/topics</c> reports them.
/// </summary>
public sealed class ActiveTopicTracker
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _topics = new(StringComparer.Ordinal);

    /// <summary>Records that a connector used a topic.</summary>
    /// <param name="connector">The connector name.</param>
    /// <param name="topic">The topic.</param>
    public void Record(string connector, string topic)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(topic);
        if (_topics.TryGetValue(connector, out var topics) && topics.ContainsKey(topic))
        {
            return;
        }

        _topics.GetOrAdd(connector, static _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal)).TryAdd(topic, 0);
    }

    /// <summary>The topics a connector used, sorted.</summary>
    /// <param name="connector">The connector name.</param>
    /// <returns>The topics; empty when none were used.</returns>
    public IReadOnlyList<string> Topics(string connector)
    {
        ArgumentNullException.ThrowIfNull(connector);
        return _topics.TryGetValue(connector, out var topics) ? topics.Keys.Order(StringComparer.Ordinal).ToList() : [];
    }

    /// <summary>Forgets the topics a connector used; topics it uses afterwards are recorded again.</summary>
    /// <param name="connector">The connector name.</param>
    public void Reset(string connector)
    {
        ArgumentNullException.ThrowIfNull(connector);
        _topics.TryRemove(connector, out _);
    }
}
