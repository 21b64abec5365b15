using Connect.Sdk.Config;

namespace Acme.Connector;

/// <summary>
/// The configuration of <see cref="ConnectorNameSourceConnector"/> and its tasks: a <see cref="ConfigDef"/> that
/// documents and validates every key, and typed getters. Keys are constants, so tests and code never repeat the
/// strings: <c>[ConnectorNameSourceConfig.TopicConfig] = "messages"</c>.
/// </summary>
public sealed class ConnectorNameSourceConfig : AbstractConfig
{
    /// <summary>The topic the records are written to.</summary>
    public const string TopicConfig = "topic";

    /// <summary>The streams to read; each one is a source partition.</summary>
    public const string StreamsConfig = "streams";

    /// <summary>The credential for the source system.</summary>
    public const string ApiKeyConfig = "api.key";

    /// <summary>The most messages one poll reads from each stream.</summary>
    public const string BatchSizeConfig = "batch.size";

    /// <summary>The time between two polls of the source system.</summary>
    public const string PollIntervalMsConfig = "poll.interval.ms";

    /// <summary>The default of <see cref="BatchSizeConfig"/>.</summary>
    public const int DefaultBatchSize = 100;

    /// <summary>The default of <see cref="PollIntervalMsConfig"/>, in milliseconds.</summary>
    public const long DefaultPollIntervalMs = 1000;

    private const string TopicDoc = "The Kafka topic to write the messages to.";
    private const string StreamsDoc =
        "The streams to read, separated by commas. Each stream is a source partition with its own offset, so the "
        + "connector resumes every stream where it stopped; the streams are spread over up to tasks.max tasks.";
    private const string ApiKeyDoc =
        "The key that authenticates the connector to the source system. It is a secret (type PASSWORD): logs, "
        + "exception messages and the REST API show [hidden] instead of the value.";
    private const string BatchSizeDoc = "The most messages one poll reads from each stream.";
    private const string PollIntervalMsDoc =
        "How long to wait, in milliseconds, between two polls of the source system. 0 polls again at once.";

    // Declared before ConfigDef, which uses it: static initializers run in order.
    private static IConfigValidator NonEmptyList { get; } = LambdaValidator.With(
        (name, value) =>
        {
            if (value is IReadOnlyList<string> list && (list.Count == 0 || list.Any(string.IsNullOrWhiteSpace)))
            {
                throw new ConfigException(name, value, "Must name at least one stream, and no stream may be empty");
            }
        },
        () => "a non-empty list of stream names");

    /// <summary>Initializes a new instance of the <see cref="ConnectorNameSourceConfig"/> class.</summary>
    /// <param name="props">The connector or task configuration.</param>
    /// <exception cref="ConfigException">A key is missing or invalid; the message names it.</exception>
    public ConnectorNameSourceConfig(IReadOnlyDictionary<string, string> props)
        : base(ConfigDef, props)
    {
    }

    /// <summary>Gets the definition of the keys: types, defaults, validators, importance and documentation.</summary>
    public static ConfigDef ConfigDef { get; } = new ConfigDef()
        .Define(TopicConfig, ConfigType.String, ConfigDef.NoDefaultValue, NonEmptyString.Instance, Importance.High, TopicDoc)
        .Define(StreamsConfig, ConfigType.List, ConfigDef.NoDefaultValue, NonEmptyList, Importance.High, StreamsDoc)
        .Define(ApiKeyConfig, ConfigType.Password, ConfigDef.NoDefaultValue, Importance.High, ApiKeyDoc)
        .Define(BatchSizeConfig, ConfigType.Int, DefaultBatchSize, RangeValidator.Between(1, 10_000), Importance.Medium, BatchSizeDoc)
        .Define(PollIntervalMsConfig, ConfigType.Long, DefaultPollIntervalMs, RangeValidator.AtLeast(0), Importance.Low, PollIntervalMsDoc);

    /// <summary>Gets the topic to write to.</summary>
    public string Topic => GetString(TopicConfig)!;

    /// <summary>Gets the streams to read.</summary>
    public IReadOnlyList<string> Streams => GetList(StreamsConfig)!;

    /// <summary>Gets the credential. Read <see cref="Password.Value"/> only where the secret is sent.</summary>
    public Password ApiKey => GetPassword(ApiKeyConfig)!;

    /// <summary>Gets the most messages one poll reads from each stream.</summary>
    /// <value>The default is <see cref="DefaultBatchSize"/>.</value>
    public int BatchSize => GetInt(BatchSizeConfig);

    /// <summary>Gets the time between two polls.</summary>
    /// <value>The default is one second.</value>
    public TimeSpan PollInterval => TimeSpan.FromMilliseconds(GetLong(PollIntervalMsConfig));
}
