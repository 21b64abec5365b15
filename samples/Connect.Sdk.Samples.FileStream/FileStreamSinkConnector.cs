using Connect.Sdk.Config;
using Connect.Sdk.Sink;

namespace Connect.Sdk.Samples.FileStream;

/// <summary>
/// Writes the value of each record from the configured topics as a line of text to a file (or standard output), like
/// Kafka's <c>FileStreamSinkConnector</c>.
/// </summary>
public sealed class FileStreamSinkConnector : SinkConnector
{
    private Dictionary<string, string>? _config;

    /// <inheritdoc />
    public override string Version => SampleVersion.Value;

    /// <inheritdoc />
    public override Type TaskType => typeof(FileStreamSinkTask);

    /// <inheritdoc />
    public override ConfigDef Config => FileStreamSinkConfig.ConfigDef;

    /// <inheritdoc />
    public override void Start(IReadOnlyDictionary<string, string> config)
    {
        _ = new FileStreamSinkConfig(config);
        _config = new Dictionary<string, string>(config, StringComparer.Ordinal);
    }

    /// <summary>Returns <paramref name="maxTasks"/> copies of the configuration; the tasks append to the same file.</summary>
    /// <param name="maxTasks">The connector's <c>tasks.max</c>.</param>
    /// <returns>The task configurations.</returns>
    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks)
    {
        var config = _config ?? throw new InvalidOperationException("The connector has not been started.");
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTasks, 1);
        return [.. Enumerable.Range(0, maxTasks).Select(_ => new Dictionary<string, string>(config, StringComparer.Ordinal))];
    }

    /// <inheritdoc />
    public override void Stop()
    {
        // Nothing runs in the background.
    }

    /// <summary>Accepts any consumer offsets: the file keeps no offsets of its own.</summary>
    /// <param name="config">The connector configuration.</param>
    /// <param name="offsets">The new offsets.</param>
    /// <returns><see langword="true"/>.</returns>
    public override bool AlterOffsets(IReadOnlyDictionary<string, string> config, IReadOnlyDictionary<TopicPartition, long?> offsets) => true;
}
