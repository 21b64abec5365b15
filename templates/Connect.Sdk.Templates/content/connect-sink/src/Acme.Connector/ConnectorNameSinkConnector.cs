using Connect.Sdk;
using Connect.Sdk.Config;
using Connect.Sdk.Sink;

namespace Acme.Connector;

/// <summary>
/// Writes the records of the configured topics to JSON Lines files, one file per topic partition. The connector
/// validates the configuration; <see cref="ConnectorNameSinkTask"/> does the writing.
/// </summary>
/// <example>
/// A connector configuration (<c>config/acme-connector.properties</c>):
/// <code>
/// name=acme-connector
/// connector.class=Acme.Connector.ConnectorNameSinkConnector
/// tasks.max=1
/// topics=orders
/// output.directory=out
/// </code>
/// </example>
public sealed class ConnectorNameSinkConnector : SinkConnector
{
    private Dictionary<string, string>? _config;

    /// <inheritdoc />
    public override string Version => ConnectorVersion.Value;

    /// <inheritdoc />
    public override Type TaskType => typeof(ConnectorNameSinkTask);

    /// <inheritdoc />
    public override ConfigDef Config => ConnectorNameSinkConfig.ConfigDef;

    /// <summary>Validates the configuration and keeps it for <see cref="TaskConfigs"/>.</summary>
    /// <param name="config">The connector configuration.</param>
    /// <exception cref="ConfigException">A key is missing or invalid; the connector fails with that message.</exception>
    public override void Start(IReadOnlyDictionary<string, string> config)
    {
        _ = new ConnectorNameSinkConfig(config);
        _config = new Dictionary<string, string>(config, StringComparer.Ordinal);
    }

    /// <summary>Returns <paramref name="maxTasks"/> copies of the configuration: the worker's consumer group spreads
    /// the topic partitions over the tasks, and each partition has a file of its own.</summary>
    /// <param name="maxTasks">The connector's <c>tasks.max</c>.</param>
    /// <returns>One configuration per task.</returns>
    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks)
    {
        var config = _config ?? throw new InvalidOperationException("The connector has not been started.");
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTasks, 1);
        return [.. Enumerable.Range(0, maxTasks).Select(_ => new Dictionary<string, string>(config, StringComparer.Ordinal))];
    }

    /// <inheritdoc />
    public override void Stop() => _config = null;

    /// <summary>Accepts new consumer offsets: a task skips records that are already in its files, whatever the
    /// consumer offset says.</summary>
    /// <param name="config">The connector configuration.</param>
    /// <param name="offsets">The new offsets.</param>
    /// <returns><see langword="true"/>.</returns>
    public override bool AlterOffsets(IReadOnlyDictionary<string, string> config, IReadOnlyDictionary<TopicPartition, long?> offsets) => true;
}
