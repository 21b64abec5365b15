using System.Text.RegularExpressions;
using Confluent.Kafka;
using Connect.Sdk.Runtime.Configuration;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Runtime.Tasks;

/// <summary>
/// Keeps a sink task's consumer subscribed to the topics <c>topics.regex</c> matches. The expression is matched here,
/// against the topic names in the cluster's metadata, rather than handed to librdkafka, whose pattern subscriptions
/// use POSIX regular expressions: without <c>\d</c>, <c>(?i)</c> or lookarounds, a Kafka Connect expression would
/// silently match nothing. Like Kafka's consumer, it looks for new topics once per metadata refresh interval
/// (<c>metadata.max.age.ms</c>) and leaves Kafka's internal topics out.
/// </summary>
internal sealed class TopicPatternSubscription
{
    /// <summary>Kafka's consumer default for <c>metadata.max.age.ms</c>.</summary>
    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);

    private static readonly HashSet<string> InternalTopics = new(StringComparer.Ordinal) { "__consumer_offsets", "__transaction_state" };

    private readonly Regex _pattern;
    private readonly TimeSpan _refreshInterval;
    private readonly TimeProvider _time;
    private long _lastRefresh;
    private bool _refreshed;
    private List<string>? _subscribed;

    /// <summary>Initializes a new instance of the <see cref="TopicPatternSubscription"/> class.</summary>
    /// <param name="pattern">The configured <c>topics.regex</c>.</param>
    /// <param name="refreshInterval">How often to look for new or deleted topics.</param>
    /// <param name="time">The clock.</param>
    public TopicPatternSubscription(string pattern, TimeSpan refreshInterval, TimeProvider time)
    {
        Pattern = pattern;
        _pattern = ConnectorConfig.CompileTopicsRegex(pattern);
        _refreshInterval = refreshInterval;
        _time = time;
    }

    /// <summary>Gets the configured expression.</summary>
    public string Pattern { get; }

    /// <summary>
    /// The refresh interval a consumer configuration asks for: <c>metadata.max.age.ms</c> (Kafka's name) or
    /// <c>topic.metadata.refresh.interval.ms</c> (librdkafka's), else Kafka's default of five minutes.
    /// </summary>
    /// <param name="consumerSettings">The consumer's settings.</param>
    /// <returns>The interval.</returns>
    public static TimeSpan RefreshIntervalOf(IReadOnlyDictionary<string, string> consumerSettings)
    {
        foreach (var key in (string[])["metadata.max.age.ms", "topic.metadata.refresh.interval.ms"])
        {
            if (consumerSettings.TryGetValue(key, out var text) && long.TryParse(text, out var ms) && ms > 0)
            {
                return TimeSpan.FromMilliseconds(ms);
            }
        }

        return DefaultRefreshInterval;
    }

    /// <summary>Whether a topic name is one the expression selects.</summary>
    /// <param name="topic">A topic name.</param>
    /// <returns><see langword="true"/> when the task should consume it.</returns>
    public bool Matches(string topic) => !InternalTopics.Contains(topic) && _pattern.IsMatch(topic);

    /// <summary>
    /// When the interval has passed (or on the first call), lists the cluster's topics and subscribes the consumer to
    /// the matching ones if they changed. A failed listing is logged and tried again at the next interval.
    /// </summary>
    /// <param name="consumer">The task's consumer.</param>
    /// <param name="metadata">An admin client over the consumer's connection, for the topic list.</param>
    /// <param name="logger">The task's logger.</param>
    /// <param name="task">The task, for the log.</param>
    public void RefreshIfDue(IConsumer<byte[]?, byte[]?> consumer, IAdminClient metadata, ILogger logger, object task)
    {
        if (_refreshed && _time.GetElapsedTime(_lastRefresh) < _refreshInterval)
        {
            return;
        }

        _refreshed = true;
        _lastRefresh = _time.GetTimestamp();
        List<string> matching;
        try
        {
            matching = [.. metadata.GetMetadata(MetadataTimeout).Topics
                .Where(t => t.Error.Code == ErrorCode.NoError && Matches(t.Topic))
                .Select(t => t.Topic)
                .Order(StringComparer.Ordinal)];
        }
        catch (KafkaException e)
        {
            logger.LogWarning(e, "{Task} Could not list the topics to match topics.regex {Pattern}; trying again in {Interval}", task, Pattern, _refreshInterval);
            return;
        }

        if (_subscribed is not null && matching.SequenceEqual(_subscribed, StringComparer.Ordinal))
        {
            return;
        }

        var wasSubscribed = _subscribed is { Count: > 0 };
        _subscribed = matching;
        if (matching.Count == 0)
        {
            if (wasSubscribed)
            {
                consumer.Unsubscribe();
            }

            logger.LogInformation("{Task} No topic matches topics.regex {Pattern}", task, Pattern);
        }
        else
        {
            consumer.Subscribe(matching);
            logger.LogInformation("{Task} Subscribed to topics matching topics.regex {Pattern}: {Topics}", task, Pattern, string.Join(", ", matching));
        }
    }
}
