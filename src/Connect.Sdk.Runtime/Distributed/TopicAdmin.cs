using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Connect.Sdk.Errors;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Runtime.Distributed;

/// <summary>
/// Creates the distributed worker's topics when they are missing and checks them when present. Clusters without the
/// CreateTopics API (such as librdkafka's mock cluster) are served by an optional fallback that creates topics another
/// way, e.g. the in-process development cluster's own API.
/// </summary>
public sealed class TopicAdmin : IDisposable
{
    private readonly IAdminClient _admin;
    private readonly Action<string, int, int>? _fallbackCreate;
    private readonly ILogger _logger;

    /// <summary>Creates the admin.</summary>
    /// <param name="bootstrapServers">The Kafka brokers.</param>
    /// <param name="settings">Extra admin client settings (the worker's <c>admin.*</c>).</param>
    /// <param name="fallbackCreate">Creates a topic (name, partitions, replication factor) when CreateTopics is not supported.</param>
    /// <param name="logger">The logger.</param>
    public TopicAdmin(string bootstrapServers, IReadOnlyDictionary<string, string> settings, Action<string, int, int>? fallbackCreate, ILogger logger)
    {
        var config = new Dictionary<string, string>(settings, StringComparer.Ordinal) { ["bootstrap.servers"] = bootstrapServers };
        _admin = new AdminClientBuilder(config).Build();
        _fallbackCreate = fallbackCreate;
        _logger = logger;
    }

    /// <summary>Makes sure a topic exists and returns its partition count.</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="partitions">The partitions to create it with.</param>
    /// <param name="replicationFactor">The replication factor to create it with; -1 for the broker default.</param>
    /// <param name="compacted">Whether to create it with <c>cleanup.policy=compact</c>.</param>
    /// <param name="purpose">The setting that names the topic, for messages (e.g. <c>config.storage.topic</c>).</param>
    /// <param name="requireSinglePartition">Whether an existing topic must have exactly one partition.</param>
    /// <returns>The topic's partition count.</returns>
    /// <exception cref="ConnectException">The topic cannot be created, or exists with the wrong partition count.</exception>
    public Task<int> EnsureTopicAsync(string topic, int partitions, short replicationFactor, bool compacted, string purpose, bool requireSinglePartition = false) =>
        EnsureTopicAsync(topic, partitions, replicationFactor, compacted ? new Dictionary<string, string> { ["cleanup.policy"] = "compact" } : null, purpose, requireSinglePartition);

    /// <summary>Makes sure a topic exists, creating it with topic-level settings, and returns its partition count.</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="partitions">The partitions to create it with; -1 for the broker default.</param>
    /// <param name="replicationFactor">The replication factor to create it with; -1 for the broker default.</param>
    /// <param name="configs">Topic settings such as <c>cleanup.policy</c>, or <see langword="null"/>.</param>
    /// <param name="purpose">What the topic is for, for messages.</param>
    /// <param name="requireSinglePartition">Whether an existing topic must have exactly one partition.</param>
    /// <returns>The topic's partition count.</returns>
    /// <exception cref="ConnectException">The topic cannot be created, or exists with the wrong partition count.</exception>
    public async Task<int> EnsureTopicAsync(string topic, int partitions, short replicationFactor, IReadOnlyDictionary<string, string>? configs, string purpose, bool requireSinglePartition = false)
    {
        var existing = PartitionCount(topic);
        if (existing is null)
        {
            await CreateAsync(topic, partitions, replicationFactor, configs, purpose).ConfigureAwait(false);
            existing = await WaitForTopicAsync(topic).ConfigureAwait(false);
        }

        if (requireSinglePartition && existing != 1)
        {
            throw new ConnectException(
                $"Topic '{topic}' supplied via the '{purpose}' property is required to have a single partition in order to guarantee consistency of connector configurations, but found {existing} partitions.");
        }

        return existing.Value;
    }

    /// <summary>The partition count of a topic, or <see langword="null"/> when it does not exist.</summary>
    /// <param name="topic">The topic.</param>
    /// <returns>The count.</returns>
    public int? PartitionCount(string topic)
    {
        // All topics: a metadata request naming the topic would auto-create it on brokers that allow that.
        var metadata = _admin.GetMetadata(TimeSpan.FromSeconds(10));
        var found = metadata.Topics.FirstOrDefault(t => t.Topic == topic);
        return found is null || found.Error.IsError || found.Partitions.Count == 0 ? null : found.Partitions.Count;
    }

    /// <inheritdoc />
    public void Dispose() => _admin.Dispose();

    private async Task CreateAsync(string topic, int partitions, short replicationFactor, IReadOnlyDictionary<string, string>? configs, string purpose)
    {
        if (_fallbackCreate is not null)
        {
            // The in-process development cluster has no CreateTopics API: use its own.
            CreateWithFallback(topic, partitions < 1 ? 1 : partitions, replicationFactor, purpose);
            return;
        }

        var specification = new TopicSpecification
        {
            Name = topic,
            NumPartitions = partitions,
            ReplicationFactor = replicationFactor,
            Configs = configs?.ToDictionary(c => c.Key, c => c.Value),
        };
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _admin.CreateTopicsAsync([specification], new CreateTopicsOptions { RequestTimeout = TimeSpan.FromSeconds(10) })
                .WaitAsync(timeout.Token).ConfigureAwait(false);
            _logger.LogInformation("Created topic {Topic} ({Purpose}) with {Partitions} partition(s)", topic, purpose, partitions);
        }
        catch (CreateTopicsException e) when (e.Results.All(r => r.Error.Code == ErrorCode.TopicAlreadyExists))
        {
            // Another worker created it first.
        }
        catch (Exception e) when (e is KafkaException or OperationCanceledException or TimeoutException)
        {
            throw new ConnectException(
                $"Could not create topic '{topic}' for {purpose}: {e.Message}. Create it with {partitions} partition(s){(configs is { Count: > 0 } ? " and " + string.Join(", ", configs.Select(c => $"{c.Key}={c.Value}")) : string.Empty)}, or give the worker permission to create topics.",
                e);
        }
    }

    private void CreateWithFallback(string topic, int partitions, short replicationFactor, string purpose)
    {
        try
        {
            _fallbackCreate!(topic, partitions, Math.Max((int)replicationFactor, 1));
            _logger.LogInformation("Created topic {Topic} ({Purpose}) with {Partitions} partition(s) through the development cluster", topic, purpose, partitions);
        }
        catch (KafkaException exists) when (exists.Error.Code == ErrorCode.TopicAlreadyExists)
        {
            // Another worker created it first.
        }
    }

    private async Task<int> WaitForTopicAsync(string topic)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (PartitionCount(topic) is { } count)
            {
                return count;
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        throw new ConnectException($"Topic '{topic}' did not appear in the cluster's metadata after it was created.");
    }
}
