using Connect.Sdk.Config;

namespace Connect.Sdk.Samples.FileStream;

/// <summary>The configuration of <see cref="FileStreamSinkConnector"/> and <see cref="FileStreamSinkTask"/>. The topics
/// to read are the runtime's <c>topics</c> (or <c>topics.regex</c>) keys.</summary>
public sealed class FileStreamSinkConfig : AbstractConfig
{
    /// <summary>The file to append to; absent or empty writes to standard output.</summary>
    public const string FileConfig = "file";

    /// <summary>Initializes a new instance of the <see cref="FileStreamSinkConfig"/> class.</summary>
    /// <param name="props">The connector or task configuration.</param>
    /// <exception cref="ConfigException">A key is invalid.</exception>
    public FileStreamSinkConfig(IReadOnlyDictionary<string, string> props)
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
            "Path of the file each record's value is appended to, one line per record. Leave it out (or empty) to write to standard output.");

    /// <summary>Gets the file to write, or <see langword="null"/> for standard output.</summary>
    public string? File => GetString(FileConfig) is { Length: > 0 } file ? file : null;
}
