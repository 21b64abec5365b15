using Connect.Sdk.Config;
using Connect.Sdk.Sink;

namespace Connect.Sdk.Samples.Postgres;

/// <summary>
/// Writes the records of Kafka topics to PostgreSQL tables, in the style of Confluent's JDBC sink connector: insert or
/// upsert by primary key, tables created and evolved from the record schemas, one transaction per batch, deletes on
/// tombstones. See <see cref="PostgresSinkTask"/> for how records are written and errors handled.
/// </summary>
public sealed class PostgresSinkConnector : SinkConnector
{
    private Dictionary<string, string>? _config;

    /// <inheritdoc />
    public override string Version => SampleVersion.Value;

    /// <inheritdoc />
    public override Type TaskType => typeof(PostgresSinkTask);

    /// <inheritdoc />
    public override ConfigDef Config => PostgresSinkConfig.ConfigDef;

    /// <summary>Checks the configuration and keeps it for the tasks. The database is not contacted.</summary>
    /// <param name="config">The connector configuration.</param>
    /// <exception cref="ConfigException">A key is missing or invalid, or keys do not fit together.</exception>
    public override void Start(IReadOnlyDictionary<string, string> config)
    {
        _ = new PostgresSinkConfig(config);
        _config = new Dictionary<string, string>(config, StringComparer.Ordinal);
    }

    /// <summary>Returns <paramref name="maxTasks"/> copies of the configuration: the runtime spreads the topic
    /// partitions over the tasks, and each task writes its own.</summary>
    /// <param name="maxTasks">The connector's <c>tasks.max</c>.</param>
    /// <returns>The task configurations.</returns>
    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks)
    {
        var config = _config ?? throw new InvalidOperationException("The connector has not been started.");
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTasks, 1);
        return [.. Enumerable.Range(0, maxTasks).Select(_ => new Dictionary<string, string>(config, StringComparer.Ordinal))];
    }

    /// <inheritdoc />
    public override void Stop()
    {
        // Nothing runs in the background.
    }

    /// <summary>Validates each key, then the combinations of keys: <c>insert.mode=upsert</c> needs a primary key,
    /// <c>delete.enabled=true</c> needs <c>pk.mode=record_key</c>, and <c>pk.mode=none</c> takes no <c>pk.fields</c>.</summary>
    /// <param name="config">The configuration to check.</param>
    /// <returns>Per-key values and errors.</returns>
    public override IReadOnlyList<ConfigValue> Validate(IReadOnlyDictionary<string, string> config)
    {
        var values = base.Validate(config);
        if (values.Any(v => v.ErrorMessages.Count > 0))
        {
            return values;
        }

        var byName = values.ToDictionary(v => v.Name, StringComparer.Ordinal);
        foreach (var (key, message) in PostgresSinkConfig.WithoutCrossKeyChecks(config).CrossKeyErrors())
        {
            byName[key].AddErrorMessage(message);
        }

        return values;
    }
}
