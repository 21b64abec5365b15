using Connect.Sdk.Runtime.Configuration;
using Connect.Sdk.Runtime.DevCluster;
using Connect.Sdk.Runtime.Herder;
using Connect.Sdk.Runtime.Distributed;
using Connect.Sdk.Runtime.Metrics;
using Connect.Sdk.Runtime.Plugins;
using Connect.Sdk.Runtime.Worker;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Runtime.Hosting;

/// <summary>
/// A distributed worker: joins the cluster named by <c>group.id</c>, shares configurations, offsets and statuses
/// through the internal topics, and runs its share of the connectors and tasks. The <c>connect-worker distributed</c>
/// command runs one.
/// </summary>
public sealed class DistributedRuntime : IConnectRuntime
{
    private readonly bool _ownsMetrics;

    private DistributedRuntime(DistributedHerder herder, ConnectMetrics metrics, bool ownsMetrics, DevKafkaCluster? devCluster)
    {
        Herder = herder;
        DevCluster = devCluster;
        Metrics = metrics;
        _ownsMetrics = ownsMetrics;
    }

    /// <summary>The herder: create, change and inspect the cluster's connectors.</summary>
    public DistributedHerder Herder { get; }

    /// <summary>The worker.</summary>
    public ConnectWorker Worker => Herder.Worker;

    /// <inheritdoc />
    public DevKafkaCluster? DevCluster { get; }

    /// <inheritdoc />
    IHerder IConnectRuntime.Herder => Herder;

    /// <summary>The metrics instruments.</summary>
    public ConnectMetrics Metrics { get; }

    /// <summary>Starts a distributed worker.</summary>
    /// <param name="workerProps">The worker settings (as in connect-distributed.properties).</param>
    /// <param name="loggerFactory">The logger factory.</param>
    /// <param name="plugins">The plugins; <see langword="null"/> scans the application and <c>plugin.path</c>.</param>
    /// <param name="createTopic">Creates a topic (name, partitions, replication factor) on clusters without the
    /// CreateTopics API, such as the development cluster; <see langword="null"/> uses only the admin API.</param>
    /// <param name="metrics">The metrics instruments; <see langword="null"/> creates them.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running worker.</returns>
    public static async Task<DistributedRuntime> StartAsync(
        IReadOnlyDictionary<string, string> workerProps,
        ILoggerFactory loggerFactory,
        PluginRegistry? plugins = null,
        Action<string, int, int>? createTopic = null,
        ConnectMetrics? metrics = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workerProps);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        DevKafkaCluster? devCluster = null;
        if (string.Equals(workerProps.GetValueOrDefault(WorkerConfig.DevClusterEnabledConfig)?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
        {
            // One worker with an in-process cluster: a way to try distributed mode, not for production.
            devCluster = DevKafkaCluster.Start();
            workerProps = new Dictionary<string, string>(workerProps, StringComparer.Ordinal) { [WorkerConfig.BootstrapServersConfig] = devCluster.BootstrapServers };
            createTopic ??= devCluster.CreateTopic;
        }

        var distributed = new DistributedConfig(workerProps);
        var config = new WorkerConfig(workerProps);
        plugins ??= PluginRegistry.FromApplication().AddPluginPath(config.GetList(WorkerConfig.PluginPathConfig) ?? []);
        var workerId = config.GetString(WorkerConfig.WorkerIdConfig) is { Length: > 0 } id ? id : $"{Environment.MachineName}:{Environment.ProcessId}";
        var logger = loggerFactory.CreateLogger<DistributedRuntime>();
        var admin = new TopicAdmin(config.BootstrapServers, config.ClientSettings("admin."), createTopic, logger);
        var offsets = await DistributedHerder.CreateOffsetStoreAsync(distributed, admin, workerId, logger).ConfigureAwait(false);
        var ownsMetrics = metrics is null;
        metrics ??= new ConnectMetrics();
        var worker = new ConnectWorker(config, plugins, offsets, ConfigTransformer.FromWorkerConfig(workerProps), metrics, loggerFactory, workerId)
        {
            DevTopicCreator = createTopic,
        };
        var herder = await DistributedHerder.StartAsync(worker, distributed, admin, loggerFactory, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Worker {Worker} joined the Connect cluster {Group}", workerId, distributed.GroupId);
        return new DistributedRuntime(herder, metrics, ownsMetrics, devCluster);
    }

    /// <summary>Leaves the cluster gracefully: this worker's connectors and tasks stop (committing offsets) and the
    /// others take them over.</summary>
    /// <returns>A task that completes when the worker left.</returns>
    public async ValueTask DisposeAsync()
    {
        await Herder.DisposeAsync().ConfigureAwait(false);
        if (_ownsMetrics)
        {
            Metrics.Dispose();
        }

        DevCluster?.Dispose();
    }
}
