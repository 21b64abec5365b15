using Connect.Sdk.Config;

namespace Connect.Sdk.Runtime.Configuration;

/// <summary>
/// The worker's settings, with Kafka Connect's keys (<c>bootstrap.servers</c>, <c>offset.flush.interval.ms</c>,
/// <c>key.converter</c>, …). Keys prefixed <c>producer.</c>, <c>consumer.</c> and <c>admin.</c> are passed to the
/// Kafka clients.
/// </summary>
public sealed class WorkerConfig : AbstractConfig
{
    /// <summary><c>bootstrap.servers</c>: the Kafka brokers.</summary>
    public const string BootstrapServersConfig = "bootstrap.servers";

    /// <summary><c>group.id</c>: the cluster a distributed worker joins.</summary>
    public const string GroupIdConfig = "group.id";

    /// <summary><c>key.converter</c>: the default converter for record keys.</summary>
    public const string KeyConverterConfig = "key.converter";

    /// <summary><c>value.converter</c>: the default converter for record values.</summary>
    public const string ValueConverterConfig = "value.converter";

    /// <summary><c>header.converter</c>: the default converter for header values.</summary>
    public const string HeaderConverterConfig = "header.converter";

    /// <summary><c>offset.flush.interval.ms</c>: how often offsets are committed.</summary>
    public const string OffsetFlushIntervalConfig = "offset.flush.interval.ms";

    /// <summary><c>offset.flush.timeout.ms</c>: how long a commit waits for outstanding records.</summary>
    public const string OffsetFlushTimeoutConfig = "offset.flush.timeout.ms";

    /// <summary><c>offset.storage.file.filename</c>: the standalone worker's offsets file.</summary>
    public const string OffsetStorageFileConfig = "offset.storage.file.filename";

    /// <summary><c>task.shutdown.graceful.timeout.ms</c>: how long a stopping task may take.</summary>
    public const string TaskShutdownTimeoutConfig = "task.shutdown.graceful.timeout.ms";

    /// <summary><c>plugin.path</c>: folders with plugin assemblies.</summary>
    public const string PluginPathConfig = "plugin.path";

    /// <summary><c>listeners</c>: the REST API's listeners.</summary>
    public const string ListenersConfig = "listeners";

    /// <summary><c>config.providers</c>: the config provider aliases.</summary>
    public const string ConfigProvidersConfig = "config.providers";

    /// <summary><c>dev.cluster.enabled</c>: start the in-process development Kafka cluster.</summary>
    public const string DevClusterEnabledConfig = "dev.cluster.enabled";

    /// <summary><c>topic.creation.enable</c>: whether source connectors may create their topics.</summary>
    public const string TopicCreationEnableConfig = "topic.creation.enable";

    /// <summary><c>worker.id</c>: the name this worker reports in statuses.</summary>
    public const string WorkerIdConfig = "worker.id";

    /// <summary>The definition of the worker's keys.</summary>
    public static ConfigDef ConfigDef { get; } = new ConfigDef()
        .Define(BootstrapServersConfig, ConfigType.List, "localhost:9092", Importance.High,
            "A list of host/port pairs to use for establishing the initial connection to the Kafka cluster. Leave it unset with dev.cluster.enabled=true to use the in-process development cluster.")
        .Define(GroupIdConfig, ConfigType.String, "connect-cluster", Importance.High,
            "A unique string that identifies the Connect cluster group this worker belongs to (distributed mode).")
        .Define(KeyConverterConfig, ConfigType.Class, "org.apache.kafka.connect.json.JsonConverter", Importance.High,
            "Converter class used to convert between Kafka Connect format and the serialized form that is written to Kafka. This controls the format of the keys in messages written to or read from Kafka.")
        .Define(ValueConverterConfig, ConfigType.Class, "org.apache.kafka.connect.json.JsonConverter", Importance.High,
            "Converter class used to convert between Kafka Connect format and the serialized form that is written to Kafka. This controls the format of the values in messages written to or read from Kafka.")
        .Define(HeaderConverterConfig, ConfigType.Class, "org.apache.kafka.connect.storage.SimpleHeaderConverter", Importance.Low,
            "HeaderConverter class used to convert between Kafka Connect format and the serialized form that is written to Kafka.")
        .Define(OffsetFlushIntervalConfig, ConfigType.Long, 60_000L, RangeValidator.AtLeast(1), Importance.Low,
            "Interval at which to try committing offsets for tasks.")
        .Define(OffsetFlushTimeoutConfig, ConfigType.Long, 5_000L, RangeValidator.AtLeast(0), Importance.Low,
            "Maximum number of milliseconds to wait for records to flush and partition offset data to be committed to offset storage before cancelling the process and restoring the offset data to be committed in a future attempt.")
        .Define(OffsetStorageFileConfig, ConfigType.String, "", Importance.High,
            "File to store source connector offsets in (standalone mode). Empty keeps offsets in memory only.")
        .Define(TaskShutdownTimeoutConfig, ConfigType.Long, 5_000L, RangeValidator.AtLeast(0), Importance.Low,
            "Amount of time to wait for tasks to shutdown gracefully. This is the total amount of time, not per task. All task have shutdown triggered, then they are waited on sequentially.")
        .Define(PluginPathConfig, ConfigType.List, "", Importance.Low,
            "List of folders, separated by commas, that contain plugins (connectors, converters, transformations). Each folder is loaded in its own AssemblyLoadContext.")
        .Define(ListenersConfig, ConfigType.List, "http://:8083", Importance.Low,
            "List of comma-separated URIs the REST API will listen on. The supported protocols are HTTP and HTTPS.")
        .Define(ConfigProvidersConfig, ConfigType.List, "", Importance.Low,
            "Comma-separated names of ConfigProvider classes, loaded and used in the order specified. Built in: file and env.")
        .Define(DevClusterEnabledConfig, ConfigType.Boolean, false, Importance.Low,
            "Start librdkafka's in-memory mock Kafka cluster inside the worker and use it as bootstrap.servers. For development only: all data is lost when the worker stops.")
        .Define(TopicCreationEnableConfig, ConfigType.Boolean, true, Importance.Low,
            "Whether to allow automatic creation of topics used by source connectors, when source connectors are configured with `topic.creation.` properties. Each task will use an admin client to create its topics and will not depend on the Kafka brokers to create topics automatically.")
        .Define(WorkerIdConfig, ConfigType.String, "", Importance.Low,
            "The id this worker reports in connector and task statuses. Empty uses host:port of the REST listener, or the machine name.");

    /// <summary>Parses worker settings.</summary>
    /// <param name="props">The settings.</param>
    /// <exception cref="ConfigException">A setting is invalid; the message names it.</exception>
    public WorkerConfig(IReadOnlyDictionary<string, string> props)
        : base(ConfigDef, props)
    {
    }

    /// <summary>The bootstrap servers as one comma-separated string.</summary>
    public string BootstrapServers => string.Join(',', GetList(BootstrapServersConfig) ?? []);

    /// <summary>The offset commit interval.</summary>
    public TimeSpan OffsetFlushInterval => TimeSpan.FromMilliseconds(GetLong(OffsetFlushIntervalConfig));

    /// <summary>How long a commit waits for outstanding records.</summary>
    public TimeSpan OffsetFlushTimeout => TimeSpan.FromMilliseconds(GetLong(OffsetFlushTimeoutConfig));

    /// <summary>How long stopping tasks may take in total.</summary>
    public TimeSpan TaskShutdownTimeout => TimeSpan.FromMilliseconds(GetLong(TaskShutdownTimeoutConfig));

    /// <summary>Settings for Kafka clients of a kind: the worker's <c>&lt;prefix&gt;*</c> keys with the prefix removed.</summary>
    /// <param name="prefix"><c>producer.</c>, <c>consumer.</c> or <c>admin.</c>.</param>
    /// <returns>The client settings.</returns>
    public IReadOnlyDictionary<string, string> ClientSettings(string prefix) => OriginalsWithPrefix(prefix);
}
