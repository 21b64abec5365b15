using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Runtime.Distributed;

/// <summary>
/// A compacted Kafka topic used as a replicated log, as Kafka Connect's KafkaBasedLog: every worker reads the whole
/// topic at start, then follows it; writes go through the topic, so every worker sees them in the same order.
/// </summary>
public sealed class KafkaBasedLog : IAsyncDisposable
{
    private readonly string _topic;
    private readonly IProducer<string, byte[]?> _producer;
    private readonly IConsumer<string, byte[]?> _consumer;
    private readonly Action<ConsumeResult<string, byte[]?>> _onRecord;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<int, long> _positions = [];
    private readonly object _gate = new();
    private Task? _follower;

    /// <summary>Creates a log over a topic; nothing is read until <see cref="StartAsync"/>.</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="bootstrapServers">The Kafka brokers.</param>
    /// <param name="clientId">The client id prefix, for broker logs.</param>
    /// <param name="onRecord">Called for every record, in order, on the log's reader thread.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="producerSettings">Extra producer settings (the worker's <c>producer.*</c>).</param>
    /// <param name="consumerSettings">Extra consumer settings (the worker's <c>consumer.*</c>).</param>
    public KafkaBasedLog(
        string topic,
        string bootstrapServers,
        string clientId,
        Action<ConsumeResult<string, byte[]?>> onRecord,
        ILogger logger,
        IReadOnlyDictionary<string, string>? producerSettings = null,
        IReadOnlyDictionary<string, string>? consumerSettings = null)
    {
        _topic = topic;
        _onRecord = onRecord;
        _logger = logger;
        var producer = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["bootstrap.servers"] = bootstrapServers,
            ["client.id"] = $"{clientId}-producer",
            ["acks"] = "all",
            ["enable.idempotence"] = "true",
            ["linger.ms"] = "0",
        };
        Overlay(producer, producerSettings);
        var consumer = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["bootstrap.servers"] = bootstrapServers,
            ["client.id"] = $"{clientId}-consumer",
            // Assigned partitions only; the group id is never used for membership or commits.
            ["group.id"] = $"{clientId}-reader",
            ["enable.auto.commit"] = "false",
            ["auto.offset.reset"] = "earliest",
            ["enable.partition.eof"] = "false",
            ["fetch.wait.max.ms"] = "50",
        };
        Overlay(consumer, consumerSettings);
        _producer = new ProducerBuilder<string, byte[]?>(producer).Build();
        _consumer = new ConsumerBuilder<string, byte[]?>(consumer).Build();
    }

    /// <summary>The topic.</summary>
    public string Topic => _topic;

    /// <summary>Reads the topic from the beginning to its current end, then keeps following it in the background.</summary>
    /// <param name="partitions">The topic's partition count.</param>
    /// <param name="cancellationToken">Cancels the initial read.</param>
    /// <returns>A task that completes when everything written before the call has been read.</returns>
    public async Task StartAsync(int partitions, CancellationToken cancellationToken = default)
    {
        _consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(_topic, p, Offset.Beginning)));
        _follower = Task.Factory.StartNew(Follow, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits until the reader has caught up with everything written to the topic so far (read-your-writes).</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the log is up to date.</returns>
    public async Task ReadToEndAsync(CancellationToken cancellationToken = default)
    {
        var ends = new Dictionary<int, long>();
        foreach (var partition in _consumer.Assignment)
        {
            var watermarks = _consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(30));
            ends[partition.Partition.Value] = watermarks.High.Value;
        }

        await WaitForPositionsAsync(ends, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a record and waits until Kafka acknowledged it and this log has read it back.</summary>
    /// <param name="key">The record key.</param>
    /// <param name="value">The value, or <see langword="null"/> for a tombstone.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the record is visible through this log.</returns>
    public async Task SendAsync(string key, byte[]? value, CancellationToken cancellationToken = default)
    {
        var result = await _producer.ProduceAsync(_topic, new Message<string, byte[]?> { Key = key, Value = value }, cancellationToken)
            .ConfigureAwait(false);
        await WaitForPositionsAsync(new Dictionary<int, long> { [result.Partition.Value] = result.Offset.Value + 1 }, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Writes a record without waiting for it to be read back.</summary>
    /// <param name="key">The record key.</param>
    /// <param name="value">The value, or <see langword="null"/> for a tombstone.</param>
    /// <returns>A task that completes when Kafka acknowledged the record.</returns>
    public Task SendWithoutWaitingAsync(string key, byte[]? value) =>
        _producer.ProduceAsync(_topic, new Message<string, byte[]?> { Key = key, Value = value });

    /// <summary>Stops following the topic.</summary>
    /// <returns>A task that completes when the reader stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_follower is not null)
        {
            await _follower.ConfigureAwait(false);
        }

        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
        _consumer.Close();
        _consumer.Dispose();
        _stopping.Dispose();
    }

    private async Task WaitForPositionsAsync(IReadOnlyDictionary<int, long> targets, CancellationToken cancellationToken)
    {
        while (true)
        {
            lock (_gate)
            {
                if (targets.All(t => t.Value <= 0 || _positions.GetValueOrDefault(t.Key) >= t.Value))
                {
                    return;
                }
            }

            if (_follower is { IsCompleted: true })
            {
                throw new InvalidOperationException($"The reader of {_topic} stopped.", _follower.Exception);
            }

            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Follow()
    {
        while (!_stopping.IsCancellationRequested)
        {
            ConsumeResult<string, byte[]?>? result;
            try
            {
                result = _consumer.Consume(TimeSpan.FromMilliseconds(100));
            }
            catch (ConsumeException e) when (!e.Error.IsFatal)
            {
                _logger.LogDebug("Reading {Topic}: {Reason}", _topic, e.Error.Reason);
                continue;
            }

            if (result is null)
            {
                continue;
            }

            try
            {
                _onRecord(result);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Failed to apply record {Key} at {Offset} of {Topic}", result.Message.Key, result.TopicPartitionOffset, _topic);
            }

            lock (_gate)
            {
                _positions[result.Partition.Value] = result.Offset.Value + 1;
            }
        }
    }

    private static void Overlay(Dictionary<string, string> target, IReadOnlyDictionary<string, string>? overrides)
    {
        if (overrides is null)
        {
            return;
        }

        foreach (var (key, value) in overrides)
        {
            target[key] = value;
        }
    }
}
