using Connect.Sdk.Config;

namespace Connect.Sdk.Samples.Datagen;

/// <summary>The configuration of <see cref="DatagenSourceConnector"/>.</summary>
public class DatagenConfig : AbstractConfig
{
    /// <summary>The topic to write the generated records to.</summary>
    public const string KafkaTopicConfig = "kafka.topic";

    /// <summary>The data set to generate.</summary>
    public const string QuickstartConfig = "quickstart";

    /// <summary>The longest pause in milliseconds before each record of a task.</summary>
    public const string MaxIntervalConfig = "max.interval";

    /// <summary>How many records each task generates before it stops producing.</summary>
    public const string IterationsConfig = "iterations";

    /// <summary>The seed that makes generated values repeatable.</summary>
    public const string RandomSeedConfig = "random.seed";

    /// <summary>The <see cref="QuickstartConfig"/> value for orders, the only data set there is.</summary>
    public const string OrdersQuickstart = "orders";

    /// <summary>The default of <see cref="MaxIntervalConfig"/>, in milliseconds.</summary>
    public const long DefaultMaxIntervalMs = 100;

    /// <summary>The <see cref="IterationsConfig"/> value (and default) for no limit.</summary>
    public const long UnlimitedIterations = -1;

    /// <summary>Initializes a new instance of the <see cref="DatagenConfig"/> class.</summary>
    /// <param name="props">The connector configuration.</param>
    /// <exception cref="ConfigException">A key is missing or invalid.</exception>
    public DatagenConfig(IReadOnlyDictionary<string, string> props)
        : this(ConfigDef, props)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DatagenConfig"/> class with a definition that extends
    /// <see cref="ConfigDef"/>.</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="props">The configuration.</param>
    /// <exception cref="ConfigException">A key is missing or invalid.</exception>
    protected DatagenConfig(ConfigDef definition, IReadOnlyDictionary<string, string> props)
        : base(definition, props)
    {
    }

    /// <summary>Gets the definition of the connector's keys.</summary>
    public static ConfigDef ConfigDef { get; } = new ConfigDef()
        .Define(
            KafkaTopicConfig,
            ConfigType.String,
            ConfigDef.NoDefaultValue,
            TopicNameValidator.Instance,
            Importance.High,
            "The topic the generated records are written to.")
        .Define(
            QuickstartConfig,
            ConfigType.String,
            OrdersQuickstart,
            ValidString.In(OrdersQuickstart),
            Importance.High,
            "The data set to generate. 'orders' generates orders keyed by order id, with a customer, product, quantity, price, time and an optional shipping address.")
        .Define(
            MaxIntervalConfig,
            ConfigType.Long,
            DefaultMaxIntervalMs,
            RangeValidator.AtLeast(0),
            Importance.Medium,
            "The longest pause, in milliseconds, before each record of a task; every pause is a random time up to this value. 0 generates as fast as the task is polled.")
        .Define(
            IterationsConfig,
            ConfigType.Long,
            UnlimitedIterations,
            RangeValidator.AtLeast(-1),
            Importance.Medium,
            "How many records each task generates in all, counting those before a restart; after that its polls return nothing. -1 for no limit.")
        .Define(
            RandomSeedConfig,
            ConfigType.Long,
            null,
            Importance.Low,
            "Seed for the generated values: with one, an order id always gets the same customer, product, quantity, price and address. Without one, each task picks a random seed when it starts.");

    /// <summary>Gets the topic to write to.</summary>
    public string KafkaTopic => GetString(KafkaTopicConfig)!;

    /// <summary>Gets the data set to generate.</summary>
    /// <value>The default is <see cref="OrdersQuickstart"/>.</value>
    public string Quickstart => GetString(QuickstartConfig)!;

    /// <summary>Gets the longest pause before each record.</summary>
    /// <value>The default is 100 ms.</value>
    public TimeSpan MaxInterval => TimeSpan.FromMilliseconds(GetLong(MaxIntervalConfig));

    /// <summary>Gets how many records each task generates, or <see cref="UnlimitedIterations"/>.</summary>
    /// <value>The default is <see cref="UnlimitedIterations"/>.</value>
    public long Iterations => GetLong(IterationsConfig);

    /// <summary>Gets the seed, or <see langword="null"/> for a random one.</summary>
    public long? RandomSeed => (long?)Get(RandomSeedConfig);
}
