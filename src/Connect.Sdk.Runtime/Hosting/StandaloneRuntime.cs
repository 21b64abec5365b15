using Connect.Sdk.Errors;
using Connect.Sdk.Runtime.Configuration;
using Connect.Sdk.Runtime.DevCluster;
using Connect.Sdk.Runtime.Herder;
using Connect.Sdk.Runtime.Metrics;
using Connect.Sdk.Runtime.Plugins;
using Connect.Sdk.Runtime.Storage;
using Connect.Sdk.Runtime.Worker;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Runtime.Hosting;

/// <summary>
/// A complete standalone worker: optional development cluster, offset store (file or memory), plugins, worker and
/// herder, with the connectors from its configuration created. The <c>connect-worker standalone</c> command and the
/// <c>AddConnectWorker</c> hosted service both run one.
/// </summary>
public sealed class StandaloneRuntime : IConnectRuntime
{
    private readonly ILogger _logger;
    private readonly bool _ownsMetrics;

    private StandaloneRuntime(StandaloneHerder herder, IOffsetBackingStore offsets, DevKafkaCluster? devCluster, ConnectMetrics metrics, bool ownsMetrics, ILogger logger)
    {
        _ownsMetrics = ownsMetrics;
        Herder = herder;
        OffsetStore = offsets;
        DevCluster = devCluster;
        Metrics = metrics;
        _logger = logger;
    }

    /// <summary>The herder: create, change and inspect connectors.</summary>
    public StandaloneHerder Herder { get; }

    /// <summary>The worker.</summary>
    public ConnectWorker Worker => Herder.Worker;

    /// <inheritdoc />
    IHerder IConnectRuntime.Herder => Herder;

    /// <summary>The offset store.</summary>
    public IOffsetBackingStore OffsetStore { get; }

    /// <summary>The in-process development cluster, when the worker started one.</summary>
    public DevKafkaCluster? DevCluster { get; }

    /// <summary>The metrics instruments.</summary>
    public ConnectMetrics Metrics { get; }

    /// <summary>Starts a standalone worker and creates its connectors.</summary>
    /// <param name="workerProps">The worker settings (as in worker.properties).</param>
    /// <param name="connectorConfigs">The connectors to create.</param>
    /// <param name="loggerFactory">The logger factory.</param>
    /// <param name="plugins">The plugins; <see langword="null"/> scans the application and <c>plugin.path</c>.</param>
    /// <param name="metrics">The metrics instruments; <see langword="null"/> creates them.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running worker.</returns>
    /// <exception cref="Config.ConfigException">A worker setting is invalid.</exception>
    /// <exception cref="ConnectException">A connector cannot be created; the message says which and why.</exception>
    public static async Task<StandaloneRuntime> StartAsync(
        IReadOnlyDictionary<string, string> workerProps,
        IEnumerable<IReadOnlyDictionary<string, string>> connectorConfigs,
        ILoggerFactory loggerFactory,
        PluginRegistry? plugins = null,
        ConnectMetrics? metrics = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workerProps);
        ArgumentNullException.ThrowIfNull(connectorConfigs);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger<StandaloneRuntime>();
        var props = new Dictionary<string, string>(workerProps, StringComparer.Ordinal);
        DevKafkaCluster? devCluster = null;
        if (IsTrue(props.GetValueOrDefault(WorkerConfig.DevClusterEnabledConfig)))
        {
            if (props.TryGetValue(WorkerConfig.BootstrapServersConfig, out var servers) && !string.IsNullOrWhiteSpace(servers))
            {
                throw new ConnectException(
                    "dev.cluster.enabled=true starts an in-process Kafka cluster, so bootstrap.servers must not be set. Remove one of them.");
            }

            devCluster = DevKafkaCluster.Start();
            props[WorkerConfig.BootstrapServersConfig] = devCluster.BootstrapServers;
            logger.LogWarning(
                "Started the IN-MEMORY development Kafka cluster at {BootstrapServers}. NOT FOR PRODUCTION: all data is lost when the worker stops. Connect with e.g. `kcat -b {BootstrapServers} -L`.",
                devCluster.BootstrapServers,
                devCluster.BootstrapServers);
        }

        var config = new WorkerConfig(props);
        plugins ??= PluginRegistry.FromApplication().AddPluginPath(config.GetList(WorkerConfig.PluginPathConfig) ?? []);
        var offsetFile = config.GetString(WorkerConfig.OffsetStorageFileConfig);
        IOffsetBackingStore offsets = string.IsNullOrWhiteSpace(offsetFile) ? new MemoryOffsetBackingStore() : new FileOffsetBackingStore(offsetFile);
        await offsets.StartAsync(cancellationToken).ConfigureAwait(false);
        var ownsMetrics = metrics is null;
        metrics ??= new ConnectMetrics();
        var workerId = config.GetString(WorkerConfig.WorkerIdConfig) is { Length: > 0 } id ? id : $"{Environment.MachineName}:standalone";
        var worker = new ConnectWorker(config, plugins, offsets, ConfigTransformer.FromWorkerConfig(props), metrics, loggerFactory, workerId)
        {
            DevTopicCreator = devCluster is null ? null : devCluster.CreateTopic,
        };
        var runtime = new StandaloneRuntime(new StandaloneHerder(worker, loggerFactory), offsets, devCluster, metrics, ownsMetrics, logger);
        try
        {
            foreach (var connectorConfig in connectorConfigs)
            {
                var name = connectorConfig.GetValueOrDefault(ConnectorConfig.NameConfig);
                if (string.IsNullOrWhiteSpace(name))
                {
                    throw new ConnectException("A connector configuration has no name. Add name=<connector name>.");
                }

                await runtime.Herder.PutConnectorConfigAsync(name, connectorConfig, allowReplace: false, cancellationToken: cancellationToken).ConfigureAwait(false);
                logger.LogInformation("Created connector {Connector}", name);
            }
        }
        catch
        {
            await runtime.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return runtime;
    }

    /// <summary>Stops every connector and task (committing offsets), then the development cluster.</summary>
    /// <returns>A task that completes when everything stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await Herder.DisposeAsync().ConfigureAwait(false);
        OffsetStore.Dispose();
        if (_ownsMetrics)
        {
            Metrics.Dispose();
        }

        if (DevCluster is not null)
        {
            _logger.LogInformation("Stopping the development Kafka cluster; its data is discarded.");
            DevCluster.Dispose();
        }
    }

    private static bool IsTrue(string? value) => string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
