using Connect.Sdk.Config;

namespace Connect.Sdk.Samples.FileStream;

/// <summary>The configuration of <see cref="FileStreamSourceConnector"/> and <see cref="FileStreamSourceTask"/>.</summary>
public sealed class FileStreamSourceConfig : AbstractConfig
{
    /// <summary>The file to read; absent or empty reads standard input.</summary>
    public const string FileConfig = "file";

    /// <summary>The topic to write the lines to.</summary>
    public const string TopicConfig = "topic";

    /// <summary>The most lines one poll returns.</summary>
    public const string BatchSizeConfig = "batch.size";

    /// <summary>The default of <see cref="BatchSizeConfig"/>.</summary>
    public const int DefaultBatchSize = 2000;

    /// <summary>Initializes a new instance of the <see cref="FileStreamSourceConfig"/> class.</summary>
    /// <param name="props">The connector or task configuration.</param>
    /// <exception cref="ConfigException">A key is missing or invalid.</exception>
    public FileStreamSourceConfig(IReadOnlyDictionary<string, string> props)
        : base(ConfigDef, props)
    {
    }

    /// <summary>Gets the definition of the keys.</summary>
    public static ConfigDef ConfigDef { get; } = new ConfigDef()
        .Define(
            FileConfig,
            ConfigType.String,
            null,
            Importance.High,
            "Path of the file to read lines from. Leave it out (or empty) to read standard input, which has no offsets to resume from.")
        .Define(
            TopicConfig,
            ConfigType.String,
            ConfigDef.NoDefaultValue,
            TopicNameValidator.Instance,
            Importance.High,
            "The single topic each line is written to.")
        .Define(
            BatchSizeConfig,
            ConfigType.Int,
            DefaultBatchSize,
            RangeValidator.AtLeast(1),
            Importance.Low,
            "The most lines returned by one poll of the task.");

    /// <summary>Gets the file to read, or <see langword="null"/> for standard input.</summary>
    public string? File => GetString(FileConfig) is { Length: > 0 } file ? file : null;

    /// <summary>Gets the topic to write to.</summary>
    public string Topic => GetString(TopicConfig)!;

    /// <summary>Gets the most lines one poll returns.</summary>
    /// <value>The default is <see cref="DefaultBatchSize"/>.</value>
    public int BatchSize => GetInt(BatchSizeConfig);
}
