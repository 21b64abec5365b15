using System.Globalization;
using Confluent.Kafka;
using Connect.Sdk.Runtime.Configuration;
using Connect.Sdk.Runtime.Herder;
using Connect.Sdk.Runtime.Metrics;
using Connect.Sdk.Runtime.Plugins;
using Connect.Sdk.Runtime.Storage;
using Connect.Sdk.Runtime.Worker;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Benchmarks.EndToEnd;

/// <summary>The Kafka client settings shared by the worker and the raw baselines, so both run with the same ones.</summary>
internal static class ClientSettings
{
    /// <summary>The producers' <c>linger.ms</c>, for the worker (<c>producer.linger.ms</c>) and the raw producer alike.</summary>
    public const int LingerMs = 5;

    /// <summary>
    /// The consumers' prefetch limit, <c>queued.max.messages.kbytes</c>, for the worker (<c>consumer.</c>) and the raw
    /// consumer alike, above the pre-filled topic's size; with <c>fetch.queue.backoff.ms=0</c> (also both) the fetcher
    /// never pauses. With the defaults it pauses for a second at a time, which made a sink run over the mock cluster take
    /// 1.8 to 7.6 s for the same records whatever the client did with them.
    /// </summary>
    public const int PrefetchKilobytes = 512 * 1024;

    /// <summary>
    /// The consumers' <c>fetch.wait.max.ms</c>, for the worker and the raw consumer alike. With the default 500 ms, sink
    /// rounds over the pre-filled topic came in steps (several took 2.26 s for the same million records, on either side)
    /// and both sides read at about half the rate they do with 10 ms: the broker's waits, not the clients, set the pace.
    /// </summary>
    public const int FetchWaitMaxMs = 10;

    /// <summary>What <c>ConnectWorker</c> gives its source tasks' producers (acks=all, idempotence, no message timeout,
    /// delivery reports without the message's key, value and headers), plus the linger the worker is configured with.</summary>
    public static Dictionary<string, string> Producer(string bootstrapServers, string clientId) => new(StringComparer.Ordinal)
    {
        ["bootstrap.servers"] = bootstrapServers,
        ["client.id"] = clientId,
        ["acks"] = "all",
        ["enable.idempotence"] = "true",
        ["message.timeout.ms"] = "0",
        [ConfigPropertyNames.Producer.DeliveryReportFields] = "timestamp",
        ["linger.ms"] = LingerMs.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>What <c>ConnectWorker</c> gives its sink tasks' consumers, plus the prefetch limit the worker is configured with.</summary>
    public static Dictionary<string, string> Consumer(string bootstrapServers, string groupId, string clientId) => new(StringComparer.Ordinal)
    {
        ["bootstrap.servers"] = bootstrapServers,
        ["group.id"] = groupId,
        ["client.id"] = clientId,
        ["enable.auto.commit"] = "false",
        ["auto.offset.reset"] = "earliest",
        ["partition.assignment.strategy"] = "cooperative-sticky",
        ["queued.max.messages.kbytes"] = PrefetchKilobytes.ToString(CultureInfo.InvariantCulture),
        ["fetch.queue.backoff.ms"] = "0",
        ["fetch.wait.max.ms"] = FetchWaitMaxMs.ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>A standalone worker (<see cref="ConnectWorker"/> and <see cref="StandaloneHerder"/>, offsets in memory)
/// against the development cluster, with the benchmark connectors registered.</summary>
internal sealed class BenchWorker : IAsyncDisposable
{
    public const string ByteArrayConverter = "org.apache.kafka.connect.converters.ByteArrayConverter";
    public const string JsonConverter = "org.apache.kafka.connect.json.JsonConverter";

    private readonly MemoryOffsetBackingStore _offsets;
    private readonly ConnectMetrics _metrics;

    private BenchWorker(StandaloneHerder herder, MemoryOffsetBackingStore offsets, ConnectMetrics metrics)
    {
        Herder = herder;
        _offsets = offsets;
        _metrics = metrics;
    }

    public StandaloneHerder Herder { get; }

    public static async Task<BenchWorker> StartAsync(string bootstrapServers, ILoggerFactory loggerFactory)
    {
        var props = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [WorkerConfig.BootstrapServersConfig] = bootstrapServers,
            [WorkerConfig.KeyConverterConfig] = ByteArrayConverter,
            [WorkerConfig.ValueConverterConfig] = ByteArrayConverter,
            [WorkerConfig.TaskShutdownTimeoutConfig] = "10000",
            ["producer.linger.ms"] = ClientSettings.LingerMs.ToString(CultureInfo.InvariantCulture),
            ["consumer.queued.max.messages.kbytes"] = ClientSettings.PrefetchKilobytes.ToString(CultureInfo.InvariantCulture),
            ["consumer.fetch.queue.backoff.ms"] = "0",
            ["consumer.fetch.wait.max.ms"] = ClientSettings.FetchWaitMaxMs.ToString(CultureInfo.InvariantCulture),
        };
        var offsets = new MemoryOffsetBackingStore();
        await offsets.StartAsync();
        var plugins = PluginRegistry.FromApplication()
            .AddType(typeof(BenchSourceConnector))
            .AddType(typeof(AckingBenchSourceConnector))
            .AddType(typeof(NullSinkConnector));
        var metrics = new ConnectMetrics();
        var worker = new ConnectWorker(new WorkerConfig(props), plugins, offsets, ConfigTransformer.FromWorkerConfig(props), metrics, loggerFactory, "bench-worker");
        return new BenchWorker(new StandaloneHerder(worker, loggerFactory), offsets, metrics);
    }

    /// <summary>Creates a source connector whose tasks poll the feed <paramref name="feedId"/>; with
    /// <paramref name="acking"/> they also report each acknowledged record to it.</summary>
    public Task StartSourceAsync(string name, string feedId, int tasks = 1, IReadOnlyDictionary<string, string>? extra = null, bool acking = false) =>
        StartAsync(name, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["connector.class"] = (acking ? typeof(AckingBenchSourceConnector) : typeof(BenchSourceConnector)).FullName!,
            ["tasks.max"] = tasks.ToString(CultureInfo.InvariantCulture),
            [FeedRegistry.FeedConfig] = feedId,
        }, extra);

    /// <summary>Creates a null sink connector on a topic whose task reports to the probe <paramref name="probeId"/>.</summary>
    /// <param name="name">The connector's name.</param>
    /// <param name="topic">The topic to read.</param>
    /// <param name="probeId">The probe its task counts on.</param>
    /// <param name="keepsRecords">Whether its task says it keeps records (the default of <c>SinkTask</c>), so the
    /// worker cannot reuse them.</param>
    public Task StartSinkAsync(string name, string topic, string probeId, bool keepsRecords) =>
        StartAsync(name, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["connector.class"] = (keepsRecords ? typeof(RecordKeepingNullSinkConnector) : typeof(NullSinkConnector)).FullName!,
            ["tasks.max"] = "1",
            ["topics"] = topic,
            [SinkProbe.ProbeConfig] = probeId,
        }, null);

    public Task DeleteAsync(string name) => Herder.DeleteConnectorAsync(name);

    /// <summary>The records a source connector's tasks wrote to Kafka (acknowledged), from the worker's task metrics.</summary>
    public long Written(string name, int tasks = 1)
    {
        long written = 0;
        for (var task = 0; task < tasks; task++)
        {
            written += Herder.Worker.TaskMetrics(new ConnectorTaskId(name, task))?.Written ?? 0;
        }

        return written;
    }

    /// <summary>Waits, on a thread of its own checking every millisecond, until a source connector has written
    /// <paramref name="records"/> records.</summary>
    /// <returns>A snapshot taken as soon as it had.</returns>
    public Task<Snapshot> WhenWrittenAsync(string name, long records, TimeSpan timeout) => RawClient.RunOnOwnThread(() =>
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Written(name) < records)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:F0} s for {records:N0} records from {Describe(name)} ({Written(name):N0} written)");
            }

            Thread.Sleep(1);
        }

        return Snapshot.Take();
    });

    /// <summary>Describes the connector's and tasks' states, with the first failure trace, for error messages.</summary>
    public string Describe(string name)
    {
        try
        {
            var status = Herder.ConnectorStatus(name);
            var failed = status.Tasks.FirstOrDefault(t => t.Status.Trace is not null);
            return $"connector {name}: {status.Connector.State}, tasks: {string.Join(", ", status.Tasks.Select(t => t.Status.State))}"
                + (failed is null ? string.Empty : Environment.NewLine + failed.Status.Trace);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"connector {name}: no status ({e.Message})";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Herder.DisposeAsync();
        _offsets.Dispose();
        _metrics.Dispose();
    }

    private async Task StartAsync(string name, Dictionary<string, string> config, IReadOnlyDictionary<string, string>? extra)
    {
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            config[key] = value;
        }

        await Herder.PutConnectorConfigAsync(name, config, allowReplace: false);
    }
}
