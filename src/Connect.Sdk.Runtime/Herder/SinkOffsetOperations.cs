using System.Globalization;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Connect.Sdk.Errors;
using Connect.Sdk.Runtime.Configuration;
using Connect.Sdk.Runtime.Plugins;
using Connect.Sdk.Sink;

namespace Connect.Sdk.Runtime.Herder;

/// <summary>
/// Reading and changing a sink connector's offsets, which are its consumer group's committed offsets (KIP-875). An
/// offset is shown as <c>{"partition": {"kafka_topic": "orders", "kafka_partition": 0}, "offset": {"kafka_offset": 42}}</c>.
/// </summary>
internal static class SinkOffsetOperations
{
    public const string TopicKey = "kafka_topic";
    public const string PartitionKey = "kafka_partition";
    public const string OffsetKey = "kafka_offset";

    private static readonly TimeSpan AdminTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The committed offsets of the connector's consumer group, ordered by topic and partition.</summary>
    /// <remarks>
    /// The group's offsets are asked for in the all-partitions form, which on Kafka brokers lists every partition the
    /// group committed, and for the partitions of the topics the connector reads now, by name: some brokers (librdkafka's
    /// mock cluster among them) answer only the second form.
    /// </remarks>
    public static async Task<IReadOnlyList<ConnectorOffset>> ReadAsync(IAdminClient admin, string groupId, IReadOnlyDictionary<string, string> config)
    {
        var committed = new Dictionary<(string Topic, int Partition), long>();
        foreach (var request in (List<Confluent.Kafka.TopicPartition>?[])[null, ConsumedPartitions(admin, config)])
        {
            if (request is { Count: 0 })
            {
                continue;
            }

            var results = await admin.ListConsumerGroupOffsetsAsync(
                    [new ConsumerGroupTopicPartitions(groupId, request)],
                    new ListConsumerGroupOffsetsOptions { RequestTimeout = AdminTimeout })
                .ConfigureAwait(false);
            foreach (var partition in results.SelectMany(r => r.Partitions).Where(p => p.Offset.Value >= 0))
            {
                committed[(partition.Topic, partition.Partition.Value)] = partition.Offset.Value;
            }
        }

        return committed
            .OrderBy(c => c.Key.Topic, StringComparer.Ordinal).ThenBy(c => c.Key.Partition)
            .Select(c => new ConnectorOffset(
                new Dictionary<string, object?> { [TopicKey] = c.Key.Topic, [PartitionKey] = c.Key.Partition },
                new Dictionary<string, object?> { [OffsetKey] = c.Value }))
            .ToList();
    }

    /// <summary>
    /// Sets (or, where an offset is <see langword="null"/>, removes) committed offsets of the connector's consumer
    /// group, after telling the connector (<see cref="SinkConnector.AlterOffsets"/>); <paramref name="offsets"/>
    /// <see langword="null"/> removes the whole group, which is Kafka's reset. Deleting needs the brokers' DeleteGroups
    /// and OffsetDelete requests (<paramref name="canDelete"/>). Returns what the connector's <c>AlterOffsets</c> returned.
    /// </summary>
    public static async Task<bool> AlterAsync(
        IAdminClient admin,
        PluginRegistry plugins,
        string groupId,
        IReadOnlyDictionary<string, string> config,
        IReadOnlyList<ConnectorOffset>? offsets,
        bool canDelete)
    {
        var parsed = offsets is null ? null : Parse(offsets);
        if (!canDelete && (parsed is null || parsed.ContainsValue(null)))
        {
            // librdkafka's mock cluster has neither request, and its client fails an assertion on the answer.
            throw new ConnectException(
                $"Cannot {(parsed is null ? "reset" : "delete")} the offsets of consumer group {groupId} on the development cluster: it has no DeleteGroups or OffsetDelete request. Set explicit offsets with PATCH instead.");
        }

        var connector = PluginRegistry.Instantiate<SinkConnector>(plugins.Resolve(config[ConnectorConfig.ConnectorClassConfig], PluginType.Sink).Type);
        var handled = false;
        try
        {
            if (parsed is null)
            {
                handled = connector.AlterOffsets(config, new Dictionary<TopicPartition, long?>());
                await admin.DeleteGroupsAsync([groupId], new DeleteGroupsOptions { RequestTimeout = AdminTimeout }).ConfigureAwait(false);
                return handled;
            }

            handled = connector.AlterOffsets(config, parsed);
            var altered = parsed.Where(p => p.Value is not null)
                .Select(p => new TopicPartitionOffset(p.Key.Topic, p.Key.Partition, p.Value!.Value))
                .ToList();
            if (altered.Count > 0)
            {
                await admin.AlterConsumerGroupOffsetsAsync(
                        [new ConsumerGroupTopicPartitionOffsets(groupId, altered)],
                        new AlterConsumerGroupOffsetsOptions { RequestTimeout = AdminTimeout })
                    .ConfigureAwait(false);
            }

            var removed = parsed.Where(p => p.Value is null)
                .Select(p => new Confluent.Kafka.TopicPartition(p.Key.Topic, p.Key.Partition))
                .ToList();
            if (removed.Count > 0)
            {
                await admin.DeleteConsumerGroupOffsetsAsync(groupId, removed, new DeleteConsumerGroupOffsetsOptions { RequestTimeout = AdminTimeout })
                    .ConfigureAwait(false);
            }
        }
        catch (DeleteGroupsException e) when (e.Results.All(r => r.Error.Code is ErrorCode.GroupIdNotFound))
        {
            // Nothing was ever committed: already reset.
        }
        catch (KafkaException e)
        {
            throw new ConnectException($"Failed to {(parsed is null ? "reset" : "alter")} the offsets of consumer group {groupId}: {Describe(e)}", e);
        }

        return handled;
    }

    /// <summary>Reads the REST request's partitions and offsets as Kafka's <c>SinkUtils.parseSinkConnectorOffsets</c> does.</summary>
    /// <exception cref="InvalidOffsetsException">An entry is malformed; the message is Kafka's.</exception>
    public static Dictionary<TopicPartition, long?> Parse(IReadOnlyList<ConnectorOffset> offsets)
    {
        var parsed = new Dictionary<TopicPartition, long?>();
        foreach (var (partition, offset) in offsets)
        {
            if (partition is null)
            {
                throw new InvalidOffsetsException("The partition for a sink connector offset cannot be null or missing");
            }

            if (!partition.ContainsKey(TopicKey) || !partition.ContainsKey(PartitionKey))
            {
                throw new InvalidOffsetsException($"The partition for a sink connector offset must contain the keys '{TopicKey}' and '{PartitionKey}'");
            }

            if (partition[TopicKey] is not { } topic)
            {
                throw new InvalidOffsetsException("Kafka topic names must be valid strings and may not be null");
            }

            if (partition[PartitionKey] is not { } partitionValue)
            {
                throw new InvalidOffsetsException("Kafka partitions must be valid numbers and may not be null");
            }

            if (!int.TryParse(Text(partitionValue), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var partitionNumber))
            {
                throw new InvalidOffsetsException(
                    $"Failed to parse the following Kafka partition value in the provided offsets: '{Text(partitionValue)}'. Partition values for sink connectors need to be integers.");
            }

            var topicPartition = new TopicPartition(Text(topic), partitionNumber);
            if (offset is null)
            {
                parsed[topicPartition] = null;
                continue;
            }

            if (!offset.TryGetValue(OffsetKey, out var offsetValue))
            {
                throw new InvalidOffsetsException($"The offset for a sink connector should either be null or contain the key '{OffsetKey}'");
            }

            if (!long.TryParse(Text(offsetValue), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var offsetNumber))
            {
                throw new InvalidOffsetsException(
                    $"Failed to parse the following Kafka offset value in the provided offsets: '{Text(offsetValue)}'. Offset values for sink connectors need to be integers.");
            }

            parsed[topicPartition] = offsetNumber;
        }

        return parsed;
    }

    /// <summary>The consumer group of a sink connector: <c>connect-&lt;name&gt;</c> unless <c>consumer.override.group.id</c> sets another.</summary>
    public static string GroupIdOf(string name, IReadOnlyDictionary<string, string> config) =>
        config.TryGetValue("consumer.override.group.id", out var group) && group.Length > 0 ? group : "connect-" + name;

    /// <summary>The partitions of the topics the connector reads (<c>topics</c>, or those <c>topics.regex</c> matches).</summary>
    private static List<Confluent.Kafka.TopicPartition> ConsumedPartitions(IAdminClient admin, IReadOnlyDictionary<string, string> config)
    {
        var topics = config.TryGetValue(ConnectorConfig.TopicsConfig, out var list) && list.Length > 0
            ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal)
            : null;
        var pattern = topics is null && config.TryGetValue(ConnectorConfig.TopicsRegexConfig, out var regex) && regex.Length > 0
            ? ConnectorConfig.CompileTopicsRegex(regex)
            : null;
        if (topics is null && pattern is null)
        {
            return [];
        }

        return [.. admin.GetMetadata(AdminTimeout).Topics
            .Where(t => t.Error.Code == ErrorCode.NoError && (topics?.Contains(t.Topic) ?? pattern!.IsMatch(t.Topic)))
            .SelectMany(t => t.Partitions.Select(p => new Confluent.Kafka.TopicPartition(t.Topic, p.PartitionId)))];
    }

    // As Java's String.valueOf: "10" and 10 both read as 10.
    private static string Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null";

    private static string Describe(KafkaException e) => e switch
    {
        DeleteGroupsException groups => string.Join("; ", groups.Results.Select(r => r.Error.Reason)),
        AlterConsumerGroupOffsetsException alter => string.Join("; ", alter.Results.SelectMany(r => r.Partitions).Where(p => p.Error.IsError).Select(p => $"{p.TopicPartition}: {p.Error.Reason}").DefaultIfEmpty(e.Message)),
        DeleteConsumerGroupOffsetsException delete => string.Join("; ", delete.Result.Partitions.Where(p => p.Error.IsError).Select(p => $"{p.TopicPartition}: {p.Error.Reason}").DefaultIfEmpty(e.Message)),
        _ => e.Message,
    };
}
