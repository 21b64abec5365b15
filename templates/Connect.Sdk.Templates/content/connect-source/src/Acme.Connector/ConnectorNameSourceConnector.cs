using Connect.Sdk.Config;
using Connect.Sdk.Source;

namespace Acme.Connector;

/// <summary>
/// Reads the messages of the configured streams into a topic. The connector validates the configuration and splits
/// the streams over the tasks; <see cref="ConnectorNameSourceTask"/> does the reading.
/// </summary>
/// <example>
/// A connector configuration (<c>config/acme-connector.properties</c>):
/// <code>
/// name=acme-connector
/// connector.class=Acme.Connector.ConnectorNameSourceConnector
/// tasks.max=2
/// topic=acme-connector
/// streams=orders,payments
/// api.key=change-me
/// </code>
/// </example>
public sealed class ConnectorNameSourceConnector : SourceConnector
{
    private Dictionary<string, string>? _config;
    private IReadOnlyList<string> _streams = [];

    /// <inheritdoc />
    public override string Version => ConnectorVersion.Value;

    /// <inheritdoc />
    public override Type TaskType => typeof(ConnectorNameSourceTask);

    /// <inheritdoc />
    public override ConfigDef Config => ConnectorNameSourceConfig.ConfigDef;

    /// <summary>Validates the configuration and keeps it for <see cref="TaskConfigs"/>.</summary>
    /// <param name="config">The connector configuration.</param>
    /// <exception cref="ConfigException">A key is missing or invalid; the connector fails with that message.</exception>
    public override void Start(IReadOnlyDictionary<string, string> config)
    {
        var parsed = new ConnectorNameSourceConfig(config);
        _streams = parsed.Streams;
        _config = new Dictionary<string, string>(config, StringComparer.Ordinal);
    }

    /// <summary>Spreads the streams over at most <paramref name="maxTasks"/> tasks, round robin: each task gets the
    /// configuration with its own share of <c>streams</c>.</summary>
    /// <param name="maxTasks">The connector's <c>tasks.max</c>.</param>
    /// <returns>One configuration per task.</returns>
    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks)
    {
        var config = _config ?? throw new InvalidOperationException("The connector has not been started.");
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTasks, 1);
        var taskCount = Math.Min(maxTasks, _streams.Count);
        return
        [
            .. Enumerable.Range(0, taskCount).Select(task => new Dictionary<string, string>(config, StringComparer.Ordinal)
            {
                [ConnectorNameSourceConfig.StreamsConfig] = string.Join(",", _streams.Where((_, i) => i % taskCount == task)),
            }),
        ];
    }

    /// <inheritdoc />
    public override void Stop()
    {
        // Nothing runs in the background. A connector that watches the source system (e.g. for new streams) stops
        // that here, and calls Context.RequestTaskReconfiguration() when the streams change.
        _config = null;
        _streams = [];
    }
}
