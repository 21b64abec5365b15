using Connect.Sdk.Config;
using Connect.Sdk.Source;

namespace Connect.Sdk.Samples.Twitter;

/// <summary>
/// Streams statuses that match keywords from a Twitter-style search API into a topic (see <see cref="TwitterSourceTask"/>).
/// The keywords are the unit of work: <see cref="TaskConfigs"/> splits them into groups, one task per group.
/// </summary>
public sealed class TwitterSourceConnector : SourceConnector
{
    private Dictionary<string, string>? _config;
    private IReadOnlyList<string> _keywords = [];

    /// <inheritdoc />
    public override string Version => SampleVersion.Value;

    /// <inheritdoc />
    public override Type TaskType => typeof(TwitterSourceTask);

    /// <inheritdoc />
    public override ConfigDef Config => TwitterSourceConfig.ConfigDef;

    /// <summary>Checks the configuration and keeps it for the tasks.</summary>
    /// <param name="config">The connector configuration.</param>
    /// <exception cref="ConfigException">A key is missing or invalid.</exception>
    public override void Start(IReadOnlyDictionary<string, string> config)
    {
        _keywords = new TwitterSourceConfig(config).FilterKeywords;
        _config = new Dictionary<string, string>(config, StringComparer.Ordinal);
    }

    /// <summary>Splits the keywords into at most <paramref name="maxTasks"/> groups of consecutive keywords whose sizes
    /// differ by at most one, and returns one task configuration per group with <c>filter.keywords</c> set to it.</summary>
    /// <param name="maxTasks">The connector's <c>tasks.max</c>.</param>
    /// <returns>The task configurations; fewer than <paramref name="maxTasks"/> when there are fewer keywords.</returns>
    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks)
    {
        var config = _config ?? throw new InvalidOperationException("The connector has not been started.");
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTasks, 1);
        return
        [
            .. Group(_keywords, maxTasks).Select(group => new Dictionary<string, string>(config, StringComparer.Ordinal)
            {
                [TwitterSourceConfig.FilterKeywordsConfig] = string.Join(',', group),
            }),
        ];
    }

    /// <inheritdoc />
    public override void Stop()
    {
        // Nothing runs in the background.
    }

    /// <summary>Splits items into <c>min(groups, items)</c> runs of consecutive items, the first ones one longer when
    /// they do not divide evenly (as Kafka's <c>ConnectorUtils.groupPartitions</c> does).</summary>
    internal static IReadOnlyList<IReadOnlyList<string>> Group(IReadOnlyList<string> items, int groups)
    {
        var count = Math.Min(groups, items.Count);
        var result = new List<IReadOnlyList<string>>(count);
        var start = 0;
        for (var i = 0; i < count; i++)
        {
            var size = (items.Count / count) + (i < items.Count % count ? 1 : 0);
            result.Add([.. items.Skip(start).Take(size)]);
            start += size;
        }

        return result;
    }
}
