using System.Globalization;
using Connect.Sdk.Config;
using Connect.Sdk.Source;

namespace Connect.Sdk.Samples.Datagen;

/// <summary>
/// Generates mock orders (see <see cref="OrderSchemas"/>) for trying out converters, transforms and sinks. Each task
/// generates its own order ids, <c>sequence × tasks + task id</c>, so tasks never produce the same id, and stores its
/// sequence as the source offset so a restart continues without repeating ids.
/// </summary>
public sealed class DatagenSourceConnector : SourceConnector
{
    private Dictionary<string, string>? _config;

    /// <inheritdoc />
    public override string Version => SampleVersion.Value;

    /// <inheritdoc />
    public override Type TaskType => typeof(DatagenSourceTask);

    /// <inheritdoc />
    public override ConfigDef Config => DatagenConfig.ConfigDef;

    /// <inheritdoc />
    public override void Start(IReadOnlyDictionary<string, string> config)
    {
        _ = new DatagenConfig(config);
        _config = new Dictionary<string, string>(config, StringComparer.Ordinal);
    }

    /// <summary>Returns <paramref name="maxTasks"/> task configurations, each with its <c>task.id</c> and the
    /// <c>task.count</c>, so the tasks generate disjoint order ids.</summary>
    /// <param name="maxTasks">The connector's <c>tasks.max</c>.</param>
    /// <returns>The task configurations.</returns>
    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks)
    {
        var config = _config ?? throw new InvalidOperationException("The connector has not been started.");
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTasks, 1);
        var count = maxTasks.ToString(CultureInfo.InvariantCulture);
        return
        [
            .. Enumerable.Range(0, maxTasks).Select(id => new Dictionary<string, string>(config, StringComparer.Ordinal)
            {
                [DatagenTaskConfig.TaskIdConfig] = id.ToString(CultureInfo.InvariantCulture),
                [DatagenTaskConfig.TaskCountConfig] = count,
            }),
        ];
    }

    /// <inheritdoc />
    public override void Stop()
    {
        // Nothing runs in the background.
    }
}
