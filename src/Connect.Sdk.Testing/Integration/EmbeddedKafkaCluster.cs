using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Connect.Sdk.Runtime.DevCluster;
using Connect.Sdk.Runtime.Embedded;
using KafkaTopicPartition = Confluent.Kafka.TopicPartition;

namespace Connect.Sdk.Testing.Integration;

/// <summary>
/// A Kafka cluster inside the test process (librdkafka's mock cluster, through the runtime's
/// <see cref="DevKafkaCluster"/>) with helpers to create topics, produce and consume records, read a consumer group's
/// committed offsets, and inject faults: brokers going down and up, failing requests, added latency. Any Kafka client
/// can connect to <see cref="BootstrapServers"/>.
/// </summary>
/// <remarks>
/// Everything is in memory and lost on dispose. The mock cluster has no CreateTopics API (use
/// <see cref="CreateTopic"/>, or let a topic be created on first use) and no compaction.
/// </remarks>
/// <example>
/// <code>
/// using var kafka = EmbeddedKafkaCluster.Start();
/// kafka.CreateTopic("orders", partitions: 2);
/// await kafka.ProduceStringAsync("orders", "k1", "hello");
/// var records = await kafka.ConsumeAsync("orders", count: 1);
/// </code>
/// </example>
public sealed class EmbeddedKafkaCluster : IDisposable, IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private readonly Lazy<IProducer<byte[]?, byte[]?>> _producer;
    private readonly Lazy<IAdminClient> _admin;
    private int _disposed;

    private EmbeddedKafkaCluster(DevKafkaCluster cluster)
    {
        Cluster = cluster;
        _producer = new Lazy<IProducer<byte[]?, byte[]?>>(() => new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 0,
            ReconnectBackoffMaxMs = 500,
        }).Build());
        _admin = new Lazy<IAdminClient>(() => new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build());
    }

    /// <summary>The cluster this wraps, for what the helpers do not cover.</summary>
    public DevKafkaCluster Cluster { get; }

    /// <summary>The bootstrap servers to give Kafka clients and workers, e.g. <c>127.0.0.1:39121</c>.</summary>
    public string BootstrapServers => Cluster.BootstrapServers;

    /// <summary>The number of brokers; their ids are 1 to <see cref="BrokerCount"/>.</summary>
    public int BrokerCount => Cluster.BrokerCount;

    /// <summary>Starts a cluster.</summary>
    /// <param name="brokers">The number of brokers.</param>
    /// <returns>The running cluster; dispose it to stop it.</returns>
    /// <exception cref="KafkaException">librdkafka could not start the mock cluster.</exception>
    public static EmbeddedKafkaCluster Start(int brokers = 1) => new(DevKafkaCluster.Start(brokers));

    /// <summary>Creates a topic (a no-op when it exists with that many partitions).</summary>
    /// <param name="topic">The topic name.</param>
    /// <param name="partitions">The number of partitions.</param>
    /// <param name="replicationFactor">The replication factor, at most <see cref="BrokerCount"/>.</param>
    public void CreateTopic(string topic, int partitions = 1, int replicationFactor = 1) => Cluster.CreateTopic(topic, partitions, replicationFactor);

    /// <summary>Produces a record and waits until the cluster acknowledged it.</summary>
    /// <param name="topic">The topic (created on first use when it does not exist).</param>
    /// <param name="key">The key bytes, or <see langword="null"/>.</param>
    /// <param name="value">The value bytes, or <see langword="null"/> for a tombstone.</param>
    /// <param name="headers">Headers, or <see langword="null"/>.</param>
    /// <param name="partition">The partition, or <see langword="null"/> to let the partitioner choose.</param>
    /// <param name="cancellationToken">Stops waiting for the acknowledgement.</param>
    /// <returns>The record as stored, with its partition, offset and timestamp.</returns>
    /// <exception cref="ProduceException{TKey, TValue}">The cluster refused the record.</exception>
    public async Task<ConsumedRecord> ProduceAsync(
        string topic,
        byte[]? key,
        byte[]? value,
        IEnumerable<KeyValuePair<string, byte[]?>>? headers = null,
        int? partition = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        var message = new Message<byte[]?, byte[]?> { Key = key, Value = value, Headers = [] };
        foreach (var (name, bytes) in headers ?? [])
        {
            message.Headers.Add(name, bytes);
        }

        var result = partition is { } p
            ? await _producer.Value.ProduceAsync(new KafkaTopicPartition(topic, p), message, cancellationToken).ConfigureAwait(false)
            : await _producer.Value.ProduceAsync(topic, message, cancellationToken).ConfigureAwait(false);
        return ToRecord(result.Topic, result.Partition.Value, result.Offset.Value, result.Message);
    }

    /// <summary>Produces a record with UTF-8 key and value and waits until the cluster acknowledged it.</summary>
    /// <param name="topic">The topic (created on first use when it does not exist).</param>
    /// <param name="key">The key, or <see langword="null"/>.</param>
    /// <param name="value">The value, or <see langword="null"/> for a tombstone.</param>
    /// <param name="partition">The partition, or <see langword="null"/> to let the partitioner choose.</param>
    /// <param name="cancellationToken">Stops waiting for the acknowledgement.</param>
    /// <returns>The record as stored.</returns>
    public Task<ConsumedRecord> ProduceStringAsync(string topic, string? key, string? value, int? partition = null, CancellationToken cancellationToken = default) =>
        ProduceAsync(topic, Utf8(key), Utf8(value), null, partition, cancellationToken);

    /// <summary>Reads a topic from the beginning of every partition until <paramref name="count"/> records arrived.</summary>
    /// <param name="topic">The topic; it may not exist yet.</param>
    /// <param name="count">How many records to wait for.</param>
    /// <param name="timeout">How long to wait; <see langword="null"/> for 15 seconds.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The first <paramref name="count"/> records read (each partition in order).</returns>
    /// <exception cref="TimeoutException">Fewer records arrived in time; the message says how many and shows them.</exception>
    public Task<IReadOnlyList<ConsumedRecord>> ConsumeAsync(string topic, int count, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var limit = timeout ?? DefaultTimeout;
        return Task.Run(() => Consume(topic, count, limit, cancellationToken), cancellationToken);
    }

    /// <summary>Reads a topic as <see cref="ConsumeAsync"/> does and returns keys and values as UTF-8 text.</summary>
    /// <param name="topic">The topic; it may not exist yet.</param>
    /// <param name="count">How many records to wait for.</param>
    /// <param name="timeout">How long to wait; <see langword="null"/> for 15 seconds.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The keys and values (<see langword="null"/> where the bytes are null).</returns>
    /// <exception cref="TimeoutException">Fewer records arrived in time.</exception>
    public async Task<IReadOnlyList<KeyValuePair<string?, string?>>> ConsumeStringsAsync(
        string topic,
        int count,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var records = await ConsumeAsync(topic, count, timeout, cancellationToken).ConfigureAwait(false);
        return [.. records.Select(r => new KeyValuePair<string?, string?>(Text(r.Key), Text(r.Value)))];
    }

    /// <summary>The offsets a consumer group committed for a topic: per partition, the next offset to consume.
    /// Partitions without a committed offset are left out.</summary>
    /// <param name="groupId">The consumer group, e.g. <c>connect-&lt;connector&gt;</c> for a sink connector.</param>
    /// <param name="topic">The topic.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The committed offsets.</returns>
    public Task<IReadOnlyDictionary<TopicPartition, long>> CommittedOffsetsAsync(string groupId, string topic, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(groupId);
        ArgumentException.ThrowIfNullOrEmpty(topic);
        return Task.Run<IReadOnlyDictionary<TopicPartition, long>>(
            () =>
            {
                var partitions = WaitForPartitions(topic, DefaultTimeout, cancellationToken);
                using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
                {
                    BootstrapServers = BootstrapServers,
                    GroupId = groupId,
                    EnableAutoCommit = false,
                }).Build();
                return consumer.Committed(partitions, DefaultTimeout)
                    .Where(c => c.Offset.Value >= 0)
                    .ToDictionary(c => new TopicPartition(c.Topic, c.Partition.Value), c => c.Offset.Value);
            },
            cancellationToken);
    }

    /// <summary>Makes a broker refuse connections, as if it crashed, until <see cref="SetBrokerUp"/>.</summary>
    /// <param name="brokerId">The broker id, or -1 for all brokers.</param>
    public void SetBrokerDown(int brokerId = -1) => Cluster.SetBrokerDown(brokerId);

    /// <summary>Makes a broker accept connections again.</summary>
    /// <param name="brokerId">The broker id, or -1 for all brokers.</param>
    public void SetBrokerUp(int brokerId = -1) => Cluster.SetBrokerUp(brokerId);

    /// <summary>Takes a broker down until the returned object is disposed: <c>using (kafka.TakeBrokerDown()) { … }</c>.</summary>
    /// <param name="brokerId">The broker id, or -1 for all brokers.</param>
    /// <returns>Brings the broker up again when disposed.</returns>
    public IDisposable TakeBrokerDown(int brokerId = -1)
    {
        SetBrokerDown(brokerId);
        return new Outage(() => SetBrokerUp(brokerId));
    }

    /// <summary>Delays every response of a broker (zero removes the delay).</summary>
    /// <param name="latency">The added round-trip time.</param>
    /// <param name="brokerId">The broker id, or -1 for all brokers.</param>
    public void SetLatency(TimeSpan latency, int brokerId = -1) => Cluster.SetRoundTripTime(latency, brokerId);

    /// <summary>Makes the next requests of an API fail, one error per request, in order: e.g.
    /// <c>FailRequests(KafkaApi.Produce, ErrorCode.NotLeaderForPartition, ErrorCode.RequestTimedOut)</c>.</summary>
    /// <param name="api">The API whose requests fail.</param>
    /// <param name="errors">The errors to answer with.</param>
    public void FailRequests(KafkaApi api, params ErrorCode[] errors) => Cluster.PushRequestErrors((short)api, errors);

    /// <summary>Stops the cluster; all data is lost.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_producer.IsValueCreated)
        {
            _producer.Value.Dispose();
        }

        if (_admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }

        Cluster.Dispose();
    }

    /// <summary>Stops the cluster; all data is lost.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override string ToString() => $"EmbeddedKafkaCluster(bootstrap.servers={BootstrapServers})";

    private IReadOnlyList<ConsumedRecord> Consume(string topic, int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var records = new List<ConsumedRecord>(count);
        if (count == 0)
        {
            return records;
        }

        var partitions = WaitForPartitions(topic, timeout, cancellationToken);
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            GroupId = "embedded-kafka-reader-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            ReconnectBackoffMaxMs = 500,
        }).Build();
        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
        while (records.Count < count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Expected {count} records in topic {topic} within {timeout.TotalSeconds:0.#} s, but {records.Count} arrived{Sample(records)}."));
            }

            ConsumeResult<byte[]?, byte[]?>? result;
            try
            {
                result = consumer.Consume(left < TimeSpan.FromMilliseconds(100) ? left : TimeSpan.FromMilliseconds(100));
            }
            catch (ConsumeException e) when (!e.Error.IsFatal)
            {
                continue;
            }

            if (result is { IsPartitionEOF: false })
            {
                records.Add(ToRecord(result.Topic, result.Partition.Value, result.Offset.Value, result.Message));
            }
        }

        consumer.Close();
        return records;
    }

    private List<KafkaTopicPartition> WaitForPartitions(string topic, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var metadata = _admin.Value.GetMetadata(topic, TimeSpan.FromSeconds(2)).Topics.FirstOrDefault(t => t.Topic == topic);
                if (metadata is { Error.IsError: false, Partitions.Count: > 0 })
                {
                    return [.. metadata.Partitions.Select(p => new KafkaTopicPartition(topic, p.PartitionId)).OrderBy(p => p.Partition.Value)];
                }
            }
            catch (KafkaException)
            {
                // The broker may be down for a while; try again until the deadline.
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Topic {topic} did not appear in the cluster within {timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s.");
            }

            Thread.Sleep(100);
        }
    }

    private static ConsumedRecord ToRecord(string topic, int partition, long offset, Message<byte[]?, byte[]?> message) =>
        new(topic, partition, offset, message.Key, message.Value)
        {
            Headers = [.. (message.Headers ?? []).Select(h => new KeyValuePair<string, byte[]?>(h.Key, h.GetValueBytes()))],
            Timestamp = message.Timestamp.Type == TimestampType.NotAvailable ? null : message.Timestamp.UnixTimestampMs,
        };

    private static string Sample(List<ConsumedRecord> records) =>
        records.Count == 0 ? string.Empty : ": " + string.Join(", ", records.Take(5).Select(r => Text(r.Value) ?? "null")) + (records.Count > 5 ? ", …" : string.Empty);

    private static byte[]? Utf8(string? text) => text is null ? null : Encoding.UTF8.GetBytes(text);

    private static string? Text(byte[]? bytes) => bytes is null ? null : Encoding.UTF8.GetString(bytes);

    private sealed class Outage(Action end) : IDisposable
    {
        private Action? _end = end;

        public void Dispose() => Interlocked.Exchange(ref _end, null)?.Invoke();
    }
}
