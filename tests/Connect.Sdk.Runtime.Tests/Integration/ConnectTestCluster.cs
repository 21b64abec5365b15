using Confluent.Kafka;
using Connect.Sdk.Runtime.Configuration;
using Connect.Sdk.Runtime.DevCluster;
using Connect.Sdk.Runtime.Herder;
using Connect.Sdk.Runtime.Metrics;
using Connect.Sdk.Runtime.Plugins;
using Connect.Sdk.Runtime.Storage;
using Connect.Sdk.Runtime.Tests.TestConnectors;
using Connect.Sdk.Runtime.Worker;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Connect.Sdk.Runtime.Tests.Integration;

/// <summary>
/// One test's Kafka (librdkafka's in-process mock cluster) and temporary folder, with helpers to start workers,
/// produce and read raw records and read a consumer group's committed offsets.
/// </summary>
public sealed class ConnectTestCluster : IAsyncDisposable
{
    private readonly List<TestWorker> _workers = [];

    private ConnectTestCluster(ITestOutputHelper output, int brokers)
    {
        LoggerFactory = new TestOutputLoggerFactory(output);
        Kafka = DevKafkaCluster.Start(brokers);
        TempFolder = Directory.CreateTempSubdirectory("connect-sdk-tests-").FullName;
    }

    public DevKafkaCluster Kafka { get; }

    public string TempFolder { get; }

    public ILoggerFactory LoggerFactory { get; }

    public string OffsetsFile => Path.Combine(TempFolder, "connect.offsets");

    public static ConnectTestCluster Start(ITestOutputHelper output, int brokers = 1) => new(output, brokers);

    /// <summary>The worker settings the tests use: string converters, short flush interval, quick shutdown.</summary>
    public Dictionary<string, string> WorkerProps(IReadOnlyDictionary<string, string>? overrides = null)
    {
        var props = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [WorkerConfig.BootstrapServersConfig] = Kafka.BootstrapServers,
            [WorkerConfig.KeyConverterConfig] = "org.apache.kafka.connect.storage.StringConverter",
            [WorkerConfig.ValueConverterConfig] = "org.apache.kafka.connect.storage.StringConverter",
            [WorkerConfig.HeaderConverterConfig] = "org.apache.kafka.connect.storage.StringConverter",
            [WorkerConfig.OffsetFlushIntervalConfig] = "200",
            [WorkerConfig.TaskShutdownTimeoutConfig] = "10000",
            [WorkerConfig.OffsetStorageFileConfig] = OffsetsFile,
            // The mock cluster waits session.timeout.ms - 1 s for members to rejoin a rebalance; keep it and reconnects short.
            ["consumer.session.timeout.ms"] = "3000",
            ["consumer.heartbeat.interval.ms"] = "300",
            ["consumer.reconnect.backoff.max.ms"] = "500",
            ["producer.reconnect.backoff.max.ms"] = "500",
            ["producer.linger.ms"] = "5",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            props[key] = value;
        }

        return props;
    }

    /// <summary>Starts a worker and its standalone herder; offsets go to <see cref="OffsetsFile"/> unless
    /// <paramref name="fileOffsets"/> is false.</summary>
    public async Task<TestWorker> StartWorkerAsync(IReadOnlyDictionary<string, string>? overrides = null, bool fileOffsets = true, string workerId = "worker-1")
    {
        var config = new WorkerConfig(WorkerProps(overrides));
        IOffsetBackingStore offsets = fileOffsets ? new FileOffsetBackingStore(OffsetsFile) : new MemoryOffsetBackingStore();
        await offsets.StartAsync();
        var plugins = PluginRegistry.FromApplication()
            .AddType(typeof(CountingSourceConnector))
            .AddType(typeof(CollectingSinkConnector));
        var worker = new ConnectWorker(config, plugins, offsets, ConfigTransformer.FromWorkerConfig(config.Originals), new ConnectMetrics(), LoggerFactory, workerId);
        var herder = new StandaloneHerder(worker, LoggerFactory);
        var started = new TestWorker(worker, herder, offsets);
        _workers.Add(started);
        return started;
    }

    public void CreateTopic(string topic, int partitions = 1) => Kafka.CreateTopic(topic, partitions);

    /// <summary>Produces records to partition 0 of a topic, in order, and waits until all are acknowledged.</summary>
    public void Produce(string topic, params Message<byte[]?, byte[]?>[] messages) => ProduceTo(topic, 0, messages);

    /// <summary>Produces records to one partition of a topic, in order, and waits until all are acknowledged.</summary>
    public void ProduceTo(string topic, int partition, params Message<byte[]?, byte[]?>[] messages)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig
        {
            BootstrapServers = Kafka.BootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
        }).Build();
        var errors = new List<Error>();
        foreach (var message in messages)
        {
            producer.Produce(new Confluent.Kafka.TopicPartition(topic, partition), message, report =>
            {
                if (report.Error.IsError)
                {
                    lock (errors)
                    {
                        errors.Add(report.Error);
                    }
                }
            });
        }

        producer.Flush(TimeSpan.FromSeconds(15)).Should().Be(0, "every test record is acknowledged in time");
        errors.Should().BeEmpty();
    }

    public static Message<byte[]?, byte[]?> Message(string? key, byte[]? value, params (string Key, string Value)[] headers)
    {
        var message = new Message<byte[]?, byte[]?> { Key = key is null ? null : System.Text.Encoding.UTF8.GetBytes(key), Value = value };
        if (headers.Length > 0)
        {
            message.Headers = [];
            foreach (var (name, text) in headers)
            {
                message.Headers.Add(name, System.Text.Encoding.UTF8.GetBytes(text));
            }
        }

        return message;
    }

    public static Message<byte[]?, byte[]?> Message(string? key, string value, params (string Key, string Value)[] headers) =>
        Message(key, System.Text.Encoding.UTF8.GetBytes(value), headers);

    /// <summary>Reads every record of a topic from the beginning up to its current end.</summary>
    public IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> ReadAll(string topic, int partitions = 1)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = Kafka.BootstrapServers,
            GroupId = "test-reader-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
        }).Build();
        var ends = new Dictionary<int, long>();
        var assignment = new List<TopicPartitionOffset>();
        for (var p = 0; p < partitions; p++)
        {
            var watermarks = consumer.QueryWatermarkOffsets(new Confluent.Kafka.TopicPartition(topic, p), TimeSpan.FromSeconds(10));
            if (watermarks.High.Value > watermarks.Low.Value)
            {
                ends[p] = watermarks.High.Value;
                assignment.Add(new TopicPartitionOffset(topic, p, watermarks.Low));
            }
        }

        var records = new List<ConsumeResult<byte[]?, byte[]?>>();
        if (assignment.Count == 0)
        {
            return records;
        }

        consumer.Assign(assignment);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (ends.Count > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Could not read topic {topic} to its end: partitions {string.Join(", ", ends.Keys)} not finished.");
            }

            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null || result.IsPartitionEOF)
            {
                continue;
            }

            records.Add(result);
            if (result.Offset.Value + 1 >= ends.GetValueOrDefault(result.Partition.Value, long.MaxValue))
            {
                ends.Remove(result.Partition.Value);
            }
        }

        return records;
    }

    /// <summary>The values of every record of a topic, as UTF-8 text.</summary>
    public IReadOnlyList<string> ReadValues(string topic, int partitions = 1) =>
        ReadAll(topic, partitions).Select(r => r.Message.Value is null ? "<null>" : System.Text.Encoding.UTF8.GetString(r.Message.Value)).ToList();

    /// <summary>The committed offset of a consumer group per partition (<see cref="Offset.Unset"/> when none).</summary>
    public IReadOnlyDictionary<int, long> CommittedOffsets(string group, string topic, int partitions = 1)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = Kafka.BootstrapServers,
            GroupId = group,
            EnableAutoCommit = false,
        }).Build();
        var committed = consumer.Committed(
            Enumerable.Range(0, partitions).Select(p => new Confluent.Kafka.TopicPartition(topic, p)),
            TimeSpan.FromSeconds(10));
        return committed.ToDictionary(c => c.Partition.Value, c => c.Offset.Value);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            await worker.DisposeAsync();
        }

        Kafka.Dispose();
        LoggerFactory.Dispose();
        try
        {
            Directory.Delete(TempFolder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}

/// <summary>A running worker with its herder and offset store.</summary>
public sealed class TestWorker(ConnectWorker worker, StandaloneHerder herder, IOffsetBackingStore offsets) : IAsyncDisposable
{
    private bool _disposed;

    public ConnectWorker Worker { get; } = worker;

    public StandaloneHerder Herder { get; } = herder;

    public IOffsetBackingStore Offsets { get; } = offsets;

    /// <summary>Stops every connector and task gracefully (committing offsets), as a worker shutdown does.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await Herder.DisposeAsync();
        Offsets.Dispose();
    }

    public ConnectorStateInfo Status(string connector) => Herder.ConnectorStatus(connector);

    /// <summary>Waits until the connector and its tasks are in the given states.</summary>
    public Task<ConnectorStateInfo> WaitForStatusAsync(string connector, ConnectState connectorState, int tasks, ConnectState taskState, TimeSpan? timeout = null) =>
        Eventually.ValueAsync(
            () => Status(connector),
            s => s.Connector.State == connectorState && s.Tasks.Count == tasks && s.Tasks.All(t => t.Status.State == taskState),
            $"connector {connector} is {connectorState.ToWireName()} with {tasks} task(s) {taskState.ToWireName()}",
            timeout);
}

[CollectionDefinition(Name)]
public sealed class KafkaCollection
{
    /// <summary>Integration tests run one at a time: the machine has two cores.</summary>
    public const string Name = "Kafka";
}
