using System.Text.RegularExpressions;
using Connect.Sdk.Config;

namespace Connect.Sdk.Runtime.Configuration;

/// <summary>
/// The settings every connector has, with Kafka Connect's keys: <c>name</c>, <c>connector.class</c>, <c>tasks.max</c>,
/// converter overrides, <c>transforms</c>, <c>predicates</c> and the <c>errors.*</c> error handling keys; sink
/// connectors add <c>topics</c>/<c>topics.regex</c> and the dead letter queue keys.
/// </summary>
public sealed class ConnectorConfig : AbstractConfig
{
    /// <summary><c>name</c>.</summary>
    public const string NameConfig = "name";

    /// <summary><c>connector.class</c>.</summary>
    public const string ConnectorClassConfig = "connector.class";

    /// <summary><c>tasks.max</c>.</summary>
    public const string TasksMaxConfig = "tasks.max";

    /// <summary><c>key.converter</c>.</summary>
    public const string KeyConverterConfig = "key.converter";

    /// <summary><c>value.converter</c>.</summary>
    public const string ValueConverterConfig = "value.converter";

    /// <summary><c>header.converter</c>.</summary>
    public const string HeaderConverterConfig = "header.converter";

    /// <summary><c>transforms</c>.</summary>
    public const string TransformsConfig = "transforms";

    /// <summary><c>predicates</c>.</summary>
    public const string PredicatesConfig = "predicates";

    /// <summary><c>errors.retry.timeout</c>.</summary>
    public const string ErrorsRetryTimeoutConfig = "errors.retry.timeout";

    /// <summary><c>errors.retry.delay.max.ms</c>.</summary>
    public const string ErrorsRetryMaxDelayConfig = "errors.retry.delay.max.ms";

    /// <summary><c>errors.tolerance</c>.</summary>
    public const string ErrorsToleranceConfig = "errors.tolerance";

    /// <summary><c>errors.log.enable</c>.</summary>
    public const string ErrorsLogEnableConfig = "errors.log.enable";

    /// <summary><c>errors.log.include.messages</c>.</summary>
    public const string ErrorsLogIncludeMessagesConfig = "errors.log.include.messages";

    /// <summary><c>topics</c> (sink connectors).</summary>
    public const string TopicsConfig = "topics";

    /// <summary><c>topics.regex</c> (sink connectors).</summary>
    public const string TopicsRegexConfig = "topics.regex";

    /// <summary><c>errors.deadletterqueue.topic.name</c> (sink connectors).</summary>
    public const string DlqTopicNameConfig = "errors.deadletterqueue.topic.name";

    /// <summary><c>errors.deadletterqueue.topic.replication.factor</c> (sink connectors).</summary>
    public const string DlqReplicationFactorConfig = "errors.deadletterqueue.topic.replication.factor";

    /// <summary><c>errors.deadletterqueue.context.headers.enable</c> (sink connectors).</summary>
    public const string DlqContextHeadersEnableConfig = "errors.deadletterqueue.context.headers.enable";

    private const string CommonGroup = "Common";
    private const string TransformsGroup = "Transforms";
    private const string PredicatesGroup = "Predicates";
    private const string ErrorGroup = "Error Handling";

    /// <summary>The keys of every connector.</summary>
    public static ConfigDef CommonDefinition { get; } = new ConfigDef()
        .Define(NameConfig, ConfigType.String, ConfigDef.NoDefaultValue, NonEmptyStringWithoutControlChars.Instance, Importance.High,
            "Globally unique name to use for this connector.", CommonGroup, 1, Width.Medium, "Connector name")
        .Define(ConnectorClassConfig, ConfigType.String, ConfigDef.NoDefaultValue, Importance.High,
            "Name or alias of the class for this connector. Must be a subclass of Connect.Sdk.Connectors.Connector. If the connector is Connect.Sdk.Samples.FileStream.FileStreamSinkConnector, you can either specify this full name, or use \"FileStreamSink\" or \"FileStreamSinkConnector\"; Kafka's Java class names resolve to the .NET connector of the same simple name.",
            CommonGroup, 2, Width.Long, "Connector class")
        .Define(TasksMaxConfig, ConfigType.Int, 1, RangeValidator.AtLeast(1), Importance.High,
            "Maximum number of tasks to use for this connector.", CommonGroup, 3, Width.Short, "Tasks max")
        .Define(KeyConverterConfig, ConfigType.Class, null, Importance.Low,
            "Converter class used to convert between Kafka Connect format and the serialized form that is written to Kafka. This controls the format of the keys in messages written to or read from Kafka. Defaults to the worker's key.converter.",
            CommonGroup, 4, Width.Short, "Key converter class")
        .Define(ValueConverterConfig, ConfigType.Class, null, Importance.Low,
            "Converter class used to convert between Kafka Connect format and the serialized form that is written to Kafka. This controls the format of the values in messages written to or read from Kafka. Defaults to the worker's value.converter.",
            CommonGroup, 5, Width.Short, "Value converter class")
        .Define(HeaderConverterConfig, ConfigType.Class, null, Importance.Low,
            "HeaderConverter class used to convert between Kafka Connect format and the serialized form that is written to Kafka. Defaults to the worker's header.converter.",
            CommonGroup, 6, Width.Short, "Header converter class")
        .Define(TransformsConfig, ConfigType.List, "", UniqueAliases(TransformsConfig), Importance.Low,
            "Aliases for the transformations to be applied to records.", TransformsGroup, 1, Width.Long, "Transforms")
        .Define(PredicatesConfig, ConfigType.List, "", UniqueAliases(PredicatesConfig), Importance.Low,
            "Aliases for the predicates used by transformations.", PredicatesGroup, 1, Width.Long, "Predicates")
        .Define(ErrorsRetryTimeoutConfig, ConfigType.Long, 0L, Importance.Medium,
            "The maximum duration in milliseconds that a failed operation will be reattempted. The default is 0, which means no retries will be attempted. Use -1 for infinite retries.",
            ErrorGroup, 1, Width.Medium, "Retry Timeout for Errors")
        .Define(ErrorsRetryMaxDelayConfig, ConfigType.Long, 60_000L, Importance.Medium,
            "The maximum duration in milliseconds between consecutive retry attempts. Jitter will be added to the delay once this limit is reached to prevent thundering herd issues.",
            ErrorGroup, 2, Width.Medium, "Maximum Delay Between Retries for Errors")
        .Define(ErrorsToleranceConfig, ConfigType.String, "none", CaseInsensitiveValidString.In("none", "all"), Importance.Medium,
            "Behavior for tolerating errors during connector operation. 'none' is the default value and signals that any error will result in an immediate connector task failure; 'all' changes the behavior to skip over problematic records.",
            ErrorGroup, 3, Width.Short, "Error Tolerance")
        .Define(ErrorsLogEnableConfig, ConfigType.Boolean, false, Importance.Medium,
            "If true, write each error and the details of the failed operation and problematic record to the Connect application log. This is 'false' by default, so that only errors that are not tolerated are reported.",
            ErrorGroup, 4, Width.Short, "Log Errors")
        .Define(ErrorsLogIncludeMessagesConfig, ConfigType.Boolean, false, Importance.Medium,
            "Whether to include in the log the Connect record that resulted in a failure. For sink records, the topic, partition, offset, and timestamp will be logged. For source records, the key and value (and their schemas), all headers, and the timestamp, Kafka topic, Kafka partition, source partition, and source offset will be logged. This is 'false' by default, which will prevent record keys, values, and headers from being written to log files.",
            ErrorGroup, 5, Width.Short, "Log Error Details");

    /// <summary>The keys of sink connectors: the common keys plus topics and the dead letter queue.</summary>
    public static ConfigDef SinkDefinition { get; } = new ConfigDef(CommonDefinition)
        .Define(TopicsConfig, ConfigType.List, "", Importance.High,
            "List of topics to consume, separated by commas", CommonGroup, 4, Width.Long, "Topics")
        .Define(TopicsRegexConfig, ConfigType.String, "", ValidRegex(), Importance.High,
            "Regular expression giving topics to consume. Under the hood, the regex is compiled to a System.Text.RegularExpressions.Regex and must match the whole topic name; the worker looks for new matching topics every metadata.max.age.ms of the consumer. Only one of topics or topics.regex should be specified.",
            CommonGroup, 4, Width.Long, "Topics regex")
        .Define(DlqTopicNameConfig, ConfigType.String, "", Importance.Medium,
            "The name of the topic to be used as the dead letter queue (DLQ) for messages that result in an error when processed by this sink connector, or its transformations or converters. The topic name is blank by default, which means that no messages are to be recorded in the DLQ.",
            ErrorGroup, 6, Width.Medium, "Dead Letter Queue Topic Name")
        .Define(DlqReplicationFactorConfig, ConfigType.Short, (short)3, Importance.Medium,
            "Replication factor used to create the dead letter queue topic when it doesn't already exist.",
            ErrorGroup, 7, Width.Medium, "Dead Letter Queue Topic Replication Factor")
        .Define(DlqContextHeadersEnableConfig, ConfigType.Boolean, false, Importance.Medium,
            "If true, add headers containing error context to the messages written to the dead letter queue. To avoid clashing with headers from the original record, all error context header keys, all error context header keys will start with <code>__connect.errors.</code>",
            ErrorGroup, 8, Width.Medium, "Enable Error Context Headers");

    /// <summary>Parses a connector's settings with the common or sink definition.</summary>
    /// <param name="definition">The definition (see <see cref="CommonDefinition"/> and <see cref="SinkDefinition"/>).</param>
    /// <param name="props">The connector settings.</param>
    /// <exception cref="ConfigException">A setting is invalid; the message names it.</exception>
    public ConnectorConfig(ConfigDef definition, IReadOnlyDictionary<string, string> props)
        : base(definition, props)
    {
    }

    /// <summary>The connector name.</summary>
    public string Name => GetString(NameConfig)!;

    /// <summary>The connector class name or alias.</summary>
    public string ConnectorClass => GetString(ConnectorClassConfig)!;

    /// <summary>The maximum number of tasks.</summary>
    public int TasksMax => GetInt(TasksMaxConfig);

    /// <summary>Whether failed records are skipped (<c>errors.tolerance=all</c>).</summary>
    public bool ToleratesAllErrors => string.Equals(GetString(ErrorsToleranceConfig), "all", StringComparison.OrdinalIgnoreCase);

    /// <summary>How long failed operations are retried; <see cref="Timeout.InfiniteTimeSpan"/> for ever.</summary>
    public TimeSpan ErrorRetryTimeout => GetLong(ErrorsRetryTimeoutConfig) is var ms && ms < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(ms);

    /// <summary>The longest pause between retries.</summary>
    public TimeSpan ErrorRetryMaxDelay => TimeSpan.FromMilliseconds(Math.Max(0, GetLong(ErrorsRetryMaxDelayConfig)));

    /// <summary>Whether errors are logged.</summary>
    public bool ErrorsLogEnabled => GetBoolean(ErrorsLogEnableConfig);

    /// <summary>Whether error logs include the record.</summary>
    public bool ErrorsLogIncludeMessages => GetBoolean(ErrorsLogIncludeMessagesConfig);

    /// <summary>The dead letter queue topic, or empty for none (sink connectors).</summary>
    public string DeadLetterQueueTopic => Definition.ConfigKeys.ContainsKey(DlqTopicNameConfig) ? GetString(DlqTopicNameConfig) ?? string.Empty : string.Empty;

    /// <summary>Whether dead letter queue records carry the <c>__connect.errors.*</c> headers.</summary>
    public bool DeadLetterQueueContextHeaders => Definition.ConfigKeys.ContainsKey(DlqContextHeadersEnableConfig) && GetBoolean(DlqContextHeadersEnableConfig);

    private static IConfigValidator UniqueAliases(string key) => LambdaValidator.With(
        (name, value) =>
        {
            if (value is IReadOnlyList<string> aliases && aliases.Count != aliases.Distinct(StringComparer.Ordinal).Count())
            {
                throw new ConfigException(name, string.Join(",", aliases), "Duplicate alias provided.");
            }
        },
        () => $"unique {key} aliases");

    /// <summary>
    /// The <c>topics.regex</c> matcher: like Kafka's <c>Pattern.matcher(topic).matches()</c>, the expression must match
    /// the whole topic name.
    /// </summary>
    /// <param name="pattern">The configured expression.</param>
    /// <returns>The compiled expression, anchored at both ends.</returns>
    /// <exception cref="ArgumentException">The expression is invalid.</exception>
    internal static Regex CompileTopicsRegex(string pattern) =>
        new($"^(?:{pattern})\\z", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static IConfigValidator ValidRegex() => LambdaValidator.With(
        (name, value) =>
        {
            if (value is string pattern && pattern.Length > 0)
            {
                try
                {
                    _ = CompileTopicsRegex(pattern);
                }
                catch (ArgumentException e)
                {
                    throw new ConfigException(name, pattern, $"Must be a valid regular expression: {e.Message}");
                }
            }
        },
        () => "valid regex");
}
