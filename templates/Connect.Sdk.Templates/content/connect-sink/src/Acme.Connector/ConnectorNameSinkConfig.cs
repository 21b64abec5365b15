using Connect.Sdk.Config;

namespace Acme.Connector;

/// <summary>
/// The configuration of <see cref="ConnectorNameSinkConnector"/> and its tasks: a <see cref="ConfigDef"/> that
/// documents and validates every key, and typed getters. The topics to read are the runtime's <c>topics</c> (or
/// <c>topics.regex</c>) keys, which the connector does not define itself.
/// </summary>
public sealed class ConnectorNameSinkConfig : AbstractConfig
{
    /// <summary>The folder the files are written to.</summary>
    public const string OutputDirectoryConfig = "output.directory";

    /// <summary>Whether each line holds the record key too.</summary>
    public const string IncludeKeyConfig = "include.key";

    private const string OutputDirectoryDoc =
        "The folder to write to, created when missing. Each topic partition gets a file <topic>-<partition>.jsonl "
        + "with one JSON object per record: topic, partition, offset, timestamp, key and value.";
    private const string IncludeKeyDoc = "Whether to write each record's key as well as its value.";

    /// <summary>Initializes a new instance of the <see cref="ConnectorNameSinkConfig"/> class.</summary>
    /// <param name="props">The connector or task configuration.</param>
    /// <exception cref="ConfigException">A key is missing or invalid; the message names it.</exception>
    public ConnectorNameSinkConfig(IReadOnlyDictionary<string, string> props)
        : base(ConfigDef, props)
    {
    }

    /// <summary>Gets the definition of the keys: types, defaults, validators, importance and documentation.</summary>
    public static ConfigDef ConfigDef { get; } = new ConfigDef()
        .Define(OutputDirectoryConfig, ConfigType.String, ConfigDef.NoDefaultValue, NonEmptyString.Instance, Importance.High, OutputDirectoryDoc)
        .Define(IncludeKeyConfig, ConfigType.Boolean, true, Importance.Medium, IncludeKeyDoc);

    /// <summary>Gets the folder to write to.</summary>
    public string OutputDirectory => GetString(OutputDirectoryConfig)!;

    /// <summary>Gets a value indicating whether lines hold the record key.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool IncludeKey => GetBoolean(IncludeKeyConfig);
}
