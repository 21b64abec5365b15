using Connect.Sdk.Runtime.Worker;

namespace Connect.Sdk.Runtime.Distributed;

/// <summary>A consistent view of the config topic: connector configurations, target states and committed task
/// configurations. Task configurations become visible only when their <c>commit-&lt;name&gt;</c> record arrives.</summary>
public sealed class ClusterConfigState
{
    private readonly Dictionary<string, ConnectorState> _connectors = new(StringComparer.Ordinal);
    private readonly Dictionary<ConnectorTaskId, IReadOnlyDictionary<string, string>> _pendingTasks = [];

    /// <summary>The names of the configured connectors.</summary>
    public IReadOnlyList<string> Connectors => _connectors.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>A connector's state, or <see langword="null"/>.</summary>
    /// <param name="name">The connector name.</param>
    /// <returns>The state.</returns>
    public ConnectorState? Find(string name) => _connectors.GetValueOrDefault(name);

    /// <summary>Applies one config topic record.</summary>
    /// <param name="key">The record key.</param>
    /// <param name="value">The record value (null for tombstones).</param>
    /// <returns>What changed, for the herder to act on.</returns>
    public ConfigChange Apply(string key, byte[]? value)
    {
        if (key.StartsWith(ConfigRecords.ConnectorPrefix, StringComparison.Ordinal))
        {
            var name = key[ConfigRecords.ConnectorPrefix.Length..];
            if (value is null)
            {
                _connectors.Remove(name);
                return new ConfigChange(ConfigChangeKind.ConnectorRemoved, name);
            }

            var state = _connectors.GetValueOrDefault(name) ?? new ConnectorState(name);
            state.Config = ConfigRecords.ReadProperties(value);
            _connectors[name] = state;
            return new ConfigChange(ConfigChangeKind.ConnectorConfig, name);
        }

        if (key.StartsWith(ConfigRecords.TaskPrefix, StringComparison.Ordinal))
        {
            if (ConfigRecords.ParseTaskId(key[ConfigRecords.TaskPrefix.Length..]) is { } id && value is not null)
            {
                _pendingTasks[id] = ConfigRecords.ReadProperties(value);
            }

            return new ConfigChange(ConfigChangeKind.None, string.Empty);
        }

        if (key.StartsWith(ConfigRecords.CommitPrefix, StringComparison.Ordinal))
        {
            var name = key[ConfigRecords.CommitPrefix.Length..];
            if (value is null || !_connectors.TryGetValue(name, out var state))
            {
                return new ConfigChange(ConfigChangeKind.None, name);
            }

            var count = ConfigRecords.ReadCommit(value);
            var tasks = new List<IReadOnlyDictionary<string, string>>(count);
            for (var i = 0; i < count; i++)
            {
                tasks.Add(_pendingTasks.GetValueOrDefault(new ConnectorTaskId(name, i)) ?? new Dictionary<string, string>());
            }

            state.TaskConfigs = tasks;
            return new ConfigChange(ConfigChangeKind.TaskConfigs, name);
        }

        if (key.StartsWith(ConfigRecords.TargetStatePrefix, StringComparison.Ordinal))
        {
            var name = key[ConfigRecords.TargetStatePrefix.Length..];
            var state = _connectors.GetValueOrDefault(name) ?? new ConnectorState(name);
            state.TargetState = value is null ? TargetState.Started : ConfigRecords.ReadTargetState(value);
            if (_connectors.ContainsKey(name))
            {
                return new ConfigChange(ConfigChangeKind.TargetState, name);
            }

            // A target state written before the connector's config (Kafka writes it first for initial_state).
            _connectors[name] = state;
            return new ConfigChange(ConfigChangeKind.None, name);
        }

        if (key.StartsWith(ConfigRecords.RestartPrefix, StringComparison.Ordinal) && value is not null)
        {
            var name = key[ConfigRecords.RestartPrefix.Length..];
            var (includeTasks, onlyFailed) = ConfigRecords.ReadRestart(value);
            return new ConfigChange(ConfigChangeKind.Restart, name, includeTasks, onlyFailed);
        }

        return new ConfigChange(ConfigChangeKind.None, string.Empty);
    }

    /// <summary>One connector's view.</summary>
    /// <param name="name">The connector name.</param>
    public sealed class ConnectorState(string name)
    {
        /// <summary>The connector name.</summary>
        public string Name { get; } = name;

        /// <summary>The configuration, or <see langword="null"/> when only a target state was seen.</summary>
        public IReadOnlyDictionary<string, string>? Config { get; set; }

        /// <summary>The target state.</summary>
        public TargetState TargetState { get; set; } = TargetState.Started;

        /// <summary>The committed task configurations.</summary>
        public IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs { get; set; } = [];
    }
}

/// <summary>What a config topic record changed.</summary>
/// <param name="Kind">The kind of change.</param>
/// <param name="Connector">The connector concerned.</param>
/// <param name="IncludeTasks">For restarts: whether tasks restart too.</param>
/// <param name="OnlyFailed">For restarts: whether only failed instances restart.</param>
public sealed record ConfigChange(ConfigChangeKind Kind, string Connector, bool IncludeTasks = false, bool OnlyFailed = false);

/// <summary>Kinds of config changes.</summary>
public enum ConfigChangeKind
{
    /// <summary>Nothing to act on.</summary>
    None,

    /// <summary>A connector was created or reconfigured.</summary>
    ConnectorConfig,

    /// <summary>A connector was deleted.</summary>
    ConnectorRemoved,

    /// <summary>A connector's task configurations were committed.</summary>
    TaskConfigs,

    /// <summary>A connector's target state changed.</summary>
    TargetState,

    /// <summary>A restart was requested.</summary>
    Restart,
}
