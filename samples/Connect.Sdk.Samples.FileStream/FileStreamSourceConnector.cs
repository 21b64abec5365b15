using Connect.Sdk.Config;
using Connect.Sdk.Errors;
using Connect.Sdk.Source;

namespace Connect.Sdk.Samples.FileStream;

/// <summary>
/// Reads lines from a file (or standard input) and writes each one as a string record to a topic, like Kafka's
/// <c>FileStreamSourceConnector</c>. One task reads the whole file; it stores the byte position after each line as
/// its source offset and resumes from there after a restart.
/// </summary>
public sealed class FileStreamSourceConnector : SourceConnector
{
    private Dictionary<string, string>? _config;

    /// <inheritdoc />
    public override string Version => SampleVersion.Value;

    /// <inheritdoc />
    public override Type TaskType => typeof(FileStreamSourceTask);

    /// <inheritdoc />
    public override ConfigDef Config => FileStreamSourceConfig.ConfigDef;

    /// <inheritdoc />
    public override void Start(IReadOnlyDictionary<string, string> config)
    {
        // Parsing validates the configuration; a bad one fails the connector with a ConfigException naming the key.
        _ = new FileStreamSourceConfig(config);
        _config = new Dictionary<string, string>(config, StringComparer.Ordinal);
    }

    /// <summary>Returns one task configuration whatever <paramref name="maxTasks"/> is: a stream has one reader.</summary>
    /// <param name="maxTasks">The connector's <c>tasks.max</c>.</param>
    /// <returns>A single task configuration.</returns>
    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks)
    {
        var config = _config ?? throw new InvalidOperationException("The connector has not been started.");
        return [new Dictionary<string, string>(config, StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public override void Stop()
    {
        // Nothing runs in the background.
    }

    /// <summary>Exactly-once delivery is possible for a file (offsets are byte positions), not for standard input.</summary>
    /// <param name="config">The connector configuration.</param>
    /// <returns>Whether exactly-once delivery is supported.</returns>
    public override ExactlyOnceSupport? ExactlyOnceSupport(IReadOnlyDictionary<string, string> config) =>
        new FileStreamSourceConfig(config).File is null ? Source.ExactlyOnceSupport.Unsupported : Source.ExactlyOnceSupport.Supported;

    /// <summary>Checks offsets an operator writes through the REST API: only the configured file's partition, with a
    /// <c>position</c> that is a non-negative integer (or a reset).</summary>
    /// <param name="config">The connector configuration.</param>
    /// <param name="offsets">The new offsets.</param>
    /// <returns><see langword="true"/>: the task reads the new position when it starts.</returns>
    /// <exception cref="ConnectException">The offsets do not fit this connector.</exception>
    public override bool AlterOffsets(IReadOnlyDictionary<string, string> config, IReadOnlyList<SourcePartitionOffset> offsets)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        var file = new FileStreamSourceConfig(config).File
            ?? throw new ConnectException(
                $"Offsets cannot be changed when '{FileStreamSourceConfig.FileConfig}' is not set: standard input has no offsets.");

        foreach (var (partition, offset) in offsets)
        {
            if (!partition.TryGetValue(FileStreamSourceTask.FilenameField, out var name) || name is not string filename)
            {
                throw new ConnectException($"A source partition must have a '{FileStreamSourceTask.FilenameField}' string.");
            }

            if (filename != file)
            {
                throw new ConnectException(
                    $"The partition's '{FileStreamSourceTask.FilenameField}' ({filename}) is not the configured '{FileStreamSourceConfig.FileConfig}' ({file}).");
            }

            if (offset is not null)
            {
                // Throws a ConnectException that says what is wrong with the position.
                _ = FileStreamSourceTask.ReadPosition(offset, file);
            }
        }

        return true;
    }
}
