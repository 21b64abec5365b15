using Connect.Sdk.Config;
using Connect.Sdk.Runtime.Configuration;

namespace Connect.Sdk.Runtime.Distributed;

/// <summary>
/// The settings of a distributed worker: the worker keys plus the internal topics (<c>config.storage.topic</c>,
/// <c>offset.storage.topic</c>, <c>status.storage.topic</c> with their partitions and replication factors) and the
/// group membership timeouts, with Kafka Connect's names and defaults.
/// </summary>
public sealed class DistributedConfig : AbstractConfig
{
    /// <summary><c>config.storage.topic</c>.</summary>
    public const string ConfigTopicConfig = "config.storage.topic";

    /// <summary><c>config.storage.replication.factor</c>.</summary>
    public const string ConfigReplicationConfig = "config.storage.replication.factor";

    /// <summary><c>offset.storage.topic</c>.</summary>
    public const string OffsetTopicConfig = "offset.storage.topic";

    /// <summary><c>offset.storage.partitions</c>.</summary>
    public const string OffsetPartitionsConfig = "offset.storage.partitions";

    /// <summary><c>offset.storage.replication.factor</c>.</summary>
    public const string OffsetReplicationConfig = "offset.storage.replication.factor";

    /// <summary><c>status.storage.topic</c>.</summary>
    public const string StatusTopicConfig = "status.storage.topic";

    /// <summary><c>status.storage.partitions</c>.</summary>
    public const string StatusPartitionsConfig = "status.storage.partitions";

    /// <summary><c>status.storage.replication.factor</c>.</summary>
    public const string StatusReplicationConfig = "status.storage.replication.factor";

    /// <summary><c>session.timeout.ms</c>: how long a silent worker stays a member.</summary>
    public const string SessionTimeoutConfig = "session.timeout.ms";

    /// <summary><c>heartbeat.interval.ms</c>.</summary>
    public const string HeartbeatIntervalConfig = "heartbeat.interval.ms";

    private const string Group = "Distributed";

    /// <summary>The definition: the worker keys plus the distributed ones.</summary>
    public static ConfigDef ConfigDef { get; } = new ConfigDef(WorkerConfig.ConfigDef)
        .Define(ConfigTopicConfig, ConfigType.String, ConfigDef.NoDefaultValue, NonEmptyString.Instance, Importance.High,
            "The name of the Kafka topic where connector configurations are stored", Group, 1, Width.Long, "Config storage topic")
        .Define(ConfigReplicationConfig, ConfigType.Short, (short)3, Importance.Low,
            "Replication factor used when creating the configuration storage topic", Group, 2, Width.Short, "Config storage replication factor")
        .Define(OffsetTopicConfig, ConfigType.String, ConfigDef.NoDefaultValue, NonEmptyString.Instance, Importance.High,
            "The name of the Kafka topic where source connector offsets are stored", Group, 3, Width.Long, "Offset storage topic")
        .Define(OffsetPartitionsConfig, ConfigType.Int, 25, RangeValidator.AtLeast(1), Importance.Low,
            "The number of partitions used when creating the offset storage topic", Group, 4, Width.Short, "Offset storage partitions")
        .Define(OffsetReplicationConfig, ConfigType.Short, (short)3, Importance.Low,
            "Replication factor used when creating the offset storage topic", Group, 5, Width.Short, "Offset storage replication factor")
        .Define(StatusTopicConfig, ConfigType.String, ConfigDef.NoDefaultValue, NonEmptyString.Instance, Importance.High,
            "The name of the Kafka topic where connector and task status are stored", Group, 6, Width.Long, "Status storage topic")
        .Define(StatusPartitionsConfig, ConfigType.Int, 5, RangeValidator.AtLeast(1), Importance.Low,
            "The number of partitions used when creating the status storage topic", Group, 7, Width.Short, "Status storage partitions")
        .Define(StatusReplicationConfig, ConfigType.Short, (short)3, Importance.Low,
            "Replication factor used when creating the status storage topic", Group, 8, Width.Short, "Status storage replication factor")
        .Define(SessionTimeoutConfig, ConfigType.Int, 10_000, RangeValidator.AtLeast(1000), Importance.High,
            "The timeout used to detect worker failures. A worker that sends no heartbeat within it is removed from the group and its connectors and tasks are restarted elsewhere.",
            Group, 9, Width.Short, "Session timeout")
        .Define(HeartbeatIntervalConfig, ConfigType.Int, 3_000, RangeValidator.AtLeast(100), Importance.High,
            "The expected time between heartbeats to the group coordinator. Keep it below a third of session.timeout.ms.",
            Group, 10, Width.Short, "Heartbeat interval");

    /// <summary>Parses distributed worker settings.</summary>
    /// <param name="props">The settings.</param>
    /// <exception cref="ConfigException">A setting is invalid; the message names it.</exception>
    public DistributedConfig(IReadOnlyDictionary<string, string> props)
        : base(ConfigDef, props)
    {
    }

    /// <summary>The cluster's group id.</summary>
    public string GroupId => GetString(WorkerConfig.GroupIdConfig)!;
}
