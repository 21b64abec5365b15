using System.Collections.Concurrent;
using Confluent.Kafka;
using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Errors;
using Connect.Sdk.Runtime.Configuration;
using Connect.Sdk.Runtime.Distributed;
using Connect.Sdk.Runtime.Errors;
using Connect.Sdk.Runtime.Metrics;
using Connect.Sdk.Runtime.Plugins;
using Connect.Sdk.Runtime.Storage;
using Connect.Sdk.Runtime.Tasks;
using Connect.Sdk.Sink;
using Connect.Sdk.Source;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Runtime.Worker;

/// <summary>
/// Runs connectors and tasks on this process: instantiates plugins, configures converters, transforms and error
/// handling for each connector, and runs each task on its own loop against Kafka. Which connectors and tasks run here
/// is decided by a herder (standalone or distributed); standalone and distributed share this class.
/// </summary>
public sealed class ConnectWorker : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, WorkerConnector> _connectors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ConnectorTaskId, WorkerTask> _tasks = new();
    private readonly ConcurrentDictionary<ConnectorTaskId, TaskMetrics> _taskMetrics = new();
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> _rawConfigs = new(StringComparer.Ordinal);
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <summary>Creates a worker.</summary>
    /// <param name="config">The worker settings.</param>
    /// <param name="plugins">The plugins available.</param>
    /// <param name="offsetStore">Where source offsets are stored.</param>
    /// <param name="configTransformer">Resolves config provider placeholders.</param>
    /// <param name="metrics">The metrics instruments.</param>
    /// <param name="loggerFactory">The logger factory.</param>
    /// <param name="workerId">The id reported in statuses.</param>
    /// <param name="time">The clock.</param>
    public ConnectWorker(
        WorkerConfig config,
        PluginRegistry plugins,
        IOffsetBackingStore offsetStore,
        ConfigTransformer configTransformer,
        ConnectMetrics metrics,
        ILoggerFactory loggerFactory,
        string workerId,
        TimeProvider? time = null)
    {
        Config = config;
        Plugins = plugins;
        OffsetStore = offsetStore;
        ConfigTransformer = configTransformer;
        Metrics = metrics;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<ConnectWorker>();
        WorkerId = workerId;
        _time = time ?? TimeProvider.System;
        metrics.ObserveTaskStatuses(() => _tasks.Select(t => (t.Key.Connector, t.Key.Task, t.Value.Status.State.ToWireName())));
    }

    /// <summary>Raised when a connector's or task's status changes (on the thread that changed it).</summary>
    public event EventHandler<StatusChangedEventArgs>? StatusChanged;

    /// <summary>The worker settings.</summary>
    public WorkerConfig Config { get; }

    /// <summary>The plugins available.</summary>
    public PluginRegistry Plugins { get; }

    /// <summary>Where source offsets are stored.</summary>
    public IOffsetBackingStore OffsetStore { get; }

    /// <summary>Resolves config provider placeholders.</summary>
    public ConfigTransformer ConfigTransformer { get; }

    /// <summary>The metrics instruments.</summary>
    public ConnectMetrics Metrics { get; }

    /// <summary>The id reported in statuses.</summary>
    public string WorkerId { get; }

    /// <summary>Creates topics (name, partitions, replication factor) on clusters without the CreateTopics API, such
    /// as the in-process development cluster; <see langword="null"/> uses the admin API only.</summary>
    public Action<string, int, int>? DevTopicCreator { get; init; }

    /// <summary>Whether the worker's Kafka is the in-process development cluster (librdkafka's mock cluster), which lacks
    /// some admin requests (creating topics, deleting consumer groups and their offsets).</summary>
    public bool OnDevelopmentCluster => DevTopicCreator is not null;

    /// <summary>The topics each connector has used (Kafka Connect's topic tracking).</summary>
    public ActiveTopicTracker ActiveTopics { get; } = new();

    /// <summary>Creates and starts a connector.</summary>
    /// <param name="name">The connector name.</param>
    /// <param name="config">The connector configuration (placeholders unresolved).</param>
    /// <param name="targetState">Whether to start it running, paused or stopped.</param>
    /// <param name="requestReconfiguration">Called when the connector asks for new task configurations.</param>
    /// <exception cref="ConnectException">The connector cannot be created or started; its status is FAILED.</exception>
    public void StartConnector(string name, IReadOnlyDictionary<string, string> config, TargetState targetState, Action<string> requestReconfiguration)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (_connectors.ContainsKey(name))
        {
            throw new ConnectException($"Connector {name} is already running on this worker.");
        }

        var connectorClass = config.GetValueOrDefault(ConnectorConfig.ConnectorClassConfig)
            ?? throw new ConnectException($"Connector {name} has no connector.class.");
        var connector = Plugins.CreateInstance<Connector>(connectorClass, PluginType.Source, PluginType.Sink);
        var worker = new WorkerConnector(name, connector, OffsetStore, WorkerId, requestReconfiguration, OnConnectorStatus);
        _connectors[name] = worker;
        _rawConfigs[name] = config;
        if (targetState == TargetState.Stopped)
        {
            worker.SetStatus(ConnectState.Stopped);
            return;
        }

        try
        {
            connector.Initialize(worker);
            connector.Start(ConfigTransformer.Transform(config));
            worker.SetStatus(targetState == TargetState.Paused ? ConnectState.Paused : ConnectState.Running);
            _logger.LogInformation("Finished creating connector {Connector}", name);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Failed to start connector {Connector}", name);
            worker.SetStatus(ConnectState.Failed, e.ToString());
            throw new ConnectException($"Failed to start connector {name}: {e.Message}", e);
        }
    }

    /// <summary>Asks a running connector for its task configurations.</summary>
    /// <param name="name">The connector name.</param>
    /// <param name="maxTasks">The connector's <c>tasks.max</c>.</param>
    /// <returns>The task configurations, each including the <c>task.class</c> key. A key whose connector value is a
    /// config provider placeholder keeps the placeholder (Kafka Connect's reverse transform), so resolved secrets are
    /// neither shown nor stored; tasks resolve it when they start.</returns>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> ConnectorTaskConfigs(string name, int maxTasks)
    {
        var worker = _connectors.GetValueOrDefault(name) ?? throw new NotFoundException($"Connector {name} is not running on this worker.");
        var placeholders = (_rawConfigs.GetValueOrDefault(name) ?? new Dictionary<string, string>())
            .Where(p => ConfigTransformer.HasPlaceholder(p.Value))
            .ToList();
        var configs = worker.Connector.TaskConfigs(maxTasks);
        if (configs.Count > maxTasks)
        {
            throw new ConnectException($"Connector {name} produced {configs.Count} task configurations, more than tasks.max={maxTasks}.");
        }

        return configs
            .Select(c =>
            {
                var config = new Dictionary<string, string>(c, StringComparer.Ordinal)
                {
                    ["task.class"] = worker.Connector.TaskType.AssemblyQualifiedName ?? worker.Connector.TaskType.FullName!,
                };
                foreach (var (key, raw) in placeholders.Where(p => config.ContainsKey(p.Key)))
                {
                    config[key] = raw;
                }

                return (IReadOnlyDictionary<string, string>)config;
            })
            .ToList();
    }

    /// <summary>Stops a connector (not its tasks).</summary>
    /// <param name="name">The connector name.</param>
    public void StopConnector(string name)
    {
        if (!_connectors.TryRemove(name, out var worker))
        {
            return;
        }

        _rawConfigs.TryRemove(name, out _);

        try
        {
            if (worker.Status.State is ConnectState.Running or ConnectState.Paused)
            {
                worker.Connector.Stop();
            }
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Error while stopping connector {Connector}", name);
        }

        OnConnectorStatus(name, new ComponentStatus(ConnectState.Unassigned, WorkerId));
        _logger.LogInformation("Stopped connector {Connector}", name);
    }

    /// <summary>Pauses or resumes a connector's tasks running here.</summary>
    /// <param name="name">The connector name.</param>
    /// <param name="state">The target state (Started or Paused).</param>
    public void SetTargetState(string name, TargetState state)
    {
        if (_connectors.TryGetValue(name, out var connector) && connector.Status.State is ConnectState.Running or ConnectState.Paused)
        {
            connector.SetStatus(state == TargetState.Paused ? ConnectState.Paused : ConnectState.Running);
        }

        foreach (var (id, task) in _tasks)
        {
            if (id.Connector == name)
            {
                if (state == TargetState.Paused)
                {
                    task.Pause();
                }
                else
                {
                    task.Resume();
                }
            }
        }
    }

    /// <summary>Starts a task.</summary>
    /// <param name="id">The task id.</param>
    /// <param name="connectorConfig">The connector configuration (placeholders unresolved).</param>
    /// <param name="taskConfig">The task configuration from the connector.</param>
    /// <param name="targetState">Whether to start it running or paused.</param>
    /// <returns>Whether the task started; when not, its status is FAILED with the reason.</returns>
    public bool StartTask(ConnectorTaskId id, IReadOnlyDictionary<string, string> connectorConfig, IReadOnlyDictionary<string, string> taskConfig, TargetState targetState)
    {
        ArgumentNullException.ThrowIfNull(connectorConfig);
        ArgumentNullException.ThrowIfNull(taskConfig);
        var logger = _loggerFactory.CreateLogger($"Connect.Sdk.Runtime.Tasks.{id.Connector}");
        try
        {
            var resolved = ConfigTransformer.Transform(connectorConfig);
            var resolvedTask = ConfigTransformer.Transform(taskConfig);
            var connectorClass = Plugins.Resolve(resolved[ConnectorConfig.ConnectorClassConfig], PluginType.Source, PluginType.Sink);
            var isSink = connectorClass.Kind == PluginType.Sink;
            var config = new ConnectorConfig(isSink ? ConnectorConfig.SinkDefinition : ConnectorConfig.CommonDefinition, resolved);
            var taskType = ResolveTaskType(resolvedTask, connectorClass.Type);
            var metrics = _taskMetrics.GetOrAdd(id, _ => Metrics.ForTask(id.Connector, id.Task));
            var converters = ConverterFactory.Create(Plugins, resolved, WorkerConverterSettings);
            WorkerTask? task = null;

            // A task abandoned after task.shutdown.graceful.timeout.ms can end long after its replacement started:
            // only the instance registered under the id (or none) may report the id's status.
            void OnStatus(ConnectorTaskId taskId, ComponentStatus status)
            {
                if (!_tasks.TryGetValue(taskId, out var current) || ReferenceEquals(current, task))
                {
                    OnTaskStatus(taskId, status);
                }
            }

            if (isSink)
            {
                var dlqProducer = config.DeadLetterQueueTopic.Length > 0 ? CreateProducer(id, resolved, "dlq") : null;
                if (dlqProducer is not null)
                {
                    // As Kafka Connect: the dead letter queue topic is created when missing, with one partition.
                    EnsureTopicAsync(config.DeadLetterQueueTopic, 1, config.GetShort(ConnectorConfig.DlqReplicationFactorConfig), null, "errors.deadletterqueue.topic.name", logger)
                        .GetAwaiter().GetResult();
                }

                var errors = CreateErrorOperator(id, config, logger, dlqProducer, metrics);
                var consumerSettings = ConsumerSettingsFor(id, resolved);
                task = new WorkerSinkTask(
                    id,
                    WorkerId,
                    PluginRegistry.Instantiate<SinkTask>(taskType),
                    resolvedTask,
                    converters,
                    TransformationChains.Create<SinkRecord>(resolved, Plugins),
                    errors,
                    () => new ConsumerBuilder<byte[]?, byte[]?>(consumerSettings).SetLogHandler((_, message) => LogClientMessage(message)),
                    config.GetList(ConnectorConfig.TopicsConfig) ?? [],
                    config.GetString(ConnectorConfig.TopicsRegexConfig) is { Length: > 0 } topicsRegex
                        ? new TopicPatternSubscription(topicsRegex, TopicPatternSubscription.RefreshIntervalOf(consumerSettings), _time)
                        : null,
                    Config.OffsetFlushInterval,
                    config.ErrorRetryMaxDelay,
                    _time,
                    metrics,
                    logger,
                    OnStatus)
                {
                    TopicUsed = topic => ActiveTopics.Record(id.Connector, topic),
                };
            }
            else
            {
                var errors = CreateErrorOperator(id, config, logger, dlqProducer: null, metrics);
                var topicCreation = Config.GetBoolean(WorkerConfig.TopicCreationEnableConfig) ? TopicCreationConfig.From(resolved) : null;
                task = new WorkerSourceTask(
                    id,
                    WorkerId,
                    PluginRegistry.Instantiate<SourceTask>(taskType),
                    resolvedTask,
                    converters,
                    TransformationChains.Create<SourceRecord>(resolved, Plugins),
                    errors,
                    () => CreateProducer(id, resolved, "producer"),
                    OffsetStore,
                    Config.OffsetFlushInterval,
                    Config.OffsetFlushTimeout,
                    _time,
                    metrics,
                    logger,
                    OnStatus)
                {
                    TopicUsed = topic => ActiveTopics.Record(id.Connector, topic),
                    TopicCreator = topicCreation is null ? null : topic => CreateSourceTopicAsync(topic, topicCreation, logger),
                };
            }

            if (!_tasks.TryAdd(id, task))
            {
                throw new ConnectException($"Task {id} is already running on this worker.");
            }

            task.Start(paused: targetState == TargetState.Paused);
            return true;
        }
        catch (Exception e) when (e is ConnectException or ConfigException or KafkaException or ArgumentException)
        {
            logger.LogError(e, "Failed to start task {Task}", id);
            OnTaskStatus(id, new ComponentStatus(ConnectState.Failed, WorkerId, e.ToString()));
            return false;
        }
    }

    /// <summary>Stops tasks gracefully, waiting at most <c>task.shutdown.graceful.timeout.ms</c> in total.</summary>
    /// <param name="ids">The tasks.</param>
    /// <returns>A task that completes when the tasks stopped or were abandoned.</returns>
    public async Task StopTasksAsync(IEnumerable<ConnectorTaskId> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var stopping = new List<WorkerTask>();
        foreach (var id in ids)
        {
            if (_tasks.TryRemove(id, out var task))
            {
                task.RequestStop();
                stopping.Add(task);
            }
        }

        var deadline = _time.GetTimestamp() + (long)(Config.TaskShutdownTimeout.TotalSeconds * _time.TimestampFrequency);
        foreach (var task in stopping)
        {
            var remaining = TimeSpan.FromSeconds(Math.Max(0, deadline - _time.GetTimestamp()) / (double)_time.TimestampFrequency);
            await task.AwaitStopAsync(remaining).ConfigureAwait(false);
        }
    }

    /// <summary>The tasks of a connector running here.</summary>
    /// <param name="name">The connector name.</param>
    /// <returns>The task ids.</returns>
    public IReadOnlyList<ConnectorTaskId> TasksOf(string name) => _tasks.Keys.Where(k => k.Connector == name).Order().ToList();

    /// <summary>The status of a connector running here.</summary>
    /// <param name="name">The connector name.</param>
    /// <returns>The status, or <see langword="null"/>.</returns>
    public ComponentStatus? ConnectorStatus(string name) => _connectors.GetValueOrDefault(name)?.Status;

    /// <summary>The status of a task running here.</summary>
    /// <param name="id">The task id.</param>
    /// <returns>The status, or <see langword="null"/>.</returns>
    public ComponentStatus? TaskStatus(ConnectorTaskId id) => _tasks.GetValueOrDefault(id)?.Status;

    /// <summary>The counters of a task (kept after it stopped).</summary>
    /// <param name="id">The task id.</param>
    /// <returns>The metrics, or <see langword="null"/>.</returns>
    public TaskMetrics? TaskMetrics(ConnectorTaskId id) => _taskMetrics.GetValueOrDefault(id);

    /// <summary>The connector instance running here, for validation and offset changes.</summary>
    /// <param name="name">The connector name.</param>
    /// <returns>The connector, or <see langword="null"/>.</returns>
    public Connector? ConnectorInstance(string name) => _connectors.GetValueOrDefault(name)?.Connector;

    /// <summary>Stops every task and connector.</summary>
    /// <returns>A task that completes when everything stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await StopTasksAsync(_tasks.Keys.ToList()).ConfigureAwait(false);
        foreach (var name in _connectors.Keys.ToList())
        {
            StopConnector(name);
        }
    }

    private static Type ResolveTaskType(IReadOnlyDictionary<string, string> taskConfig, Type connectorType)
    {
        if (taskConfig.TryGetValue("task.class", out var name) && Type.GetType(name) is { } type)
        {
            return type;
        }

        var connector = PluginRegistry.Instantiate<Connector>(connectorType);
        return connector.TaskType;
    }

    private Task CreateSourceTopicAsync(string topic, TopicCreationConfig creation, ILogger logger)
    {
        var (partitions, replicationFactor, configs) = creation.SettingsFor(topic);
        return EnsureTopicAsync(topic, partitions, replicationFactor, configs, "a source connector (topic.creation.*)", logger);
    }

    private async Task EnsureTopicAsync(string topic, int partitions, short replicationFactor, IReadOnlyDictionary<string, string>? configs, string purpose, ILogger logger)
    {
        try
        {
            // Short-lived: topics are created rarely, and a deleted connector must leave no Kafka client behind.
            using var admin = new TopicAdmin(Config.BootstrapServers, ConfigTransformer.Transform(Config.ClientSettings("admin.")), DevTopicCreator, _logger);
            await admin.EnsureTopicAsync(topic, partitions, replicationFactor, configs, purpose).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ConnectException or KafkaException)
        {
            // As Kafka Connect with brokers that cannot create topics: carry on and let the broker create it on write.
            logger.LogWarning(e, "Could not create topic {Topic}; relying on the broker to create it when it is written to", topic);
        }
    }

    // A converter the connector does not name is the worker's, with the worker's settings for it.
    private ConverterSettings WorkerConverterSettings(string key) =>
        new(Config.GetClass(key)!, ConfigTransformer.Transform(Config.OriginalsWithPrefix(key + ".")));

    private static Dictionary<string, string> WithPrefix(IReadOnlyDictionary<string, string> props, string prefix) =>
        props.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(p => p.Key[prefix.Length..], p => p.Value, StringComparer.Ordinal);

    private RetryWithToleranceOperator CreateErrorOperator(ConnectorTaskId id, ConnectorConfig config, ILogger logger, IProducer<byte[]?, byte[]?>? dlqProducer, TaskMetrics metrics)
    {
        var reporters = new List<IErrorReporter>();
        if (config.ErrorsLogEnabled)
        {
            reporters.Add(new LogErrorReporter(logger, id.ToString(), config.ErrorsLogIncludeMessages));
        }

        if (dlqProducer is not null)
        {
            reporters.Add(new DeadLetterQueueReporter(dlqProducer, config.DeadLetterQueueTopic, id.Connector, id.Task, config.DeadLetterQueueContextHeaders, metrics.RecordDeadLetter));
        }

        return new RetryWithToleranceOperator(config.ErrorRetryTimeout, config.ErrorRetryMaxDelay, config.ToleratesAllErrors, reporters, _time, metrics.RecordError);
    }

    private IProducer<byte[]?, byte[]?> CreateProducer(ConnectorTaskId id, IReadOnlyDictionary<string, string> connectorConfig, string purpose) =>
        new ProducerBuilder<byte[]?, byte[]?>(ProducerSettingsFor(id, connectorConfig, purpose))
            .SetErrorHandler((_, error) => _logger.Log(error.IsFatal ? LogLevel.Error : LogLevel.Warning, "{Task} producer error: {Reason}", id, error.Reason))
            .SetLogHandler((_, message) => LogClientMessage(message))
            .Build();

    /// <summary>
    /// The settings of a task's producer (<paramref name="purpose"/> <c>producer</c>) or dead letter queue producer
    /// (<c>dlq</c>): the worker's defaults, overlaid with its <c>producer.*</c> settings, then with the connector's
    /// <c>producer.override.*</c> ones.
    /// </summary>
    /// <param name="id">The task.</param>
    /// <param name="connectorConfig">The connector's configuration.</param>
    /// <param name="purpose">What the producer is for, part of its <c>client.id</c>.</param>
    /// <returns>The settings, for Confluent.Kafka's <see cref="ProducerBuilder{TKey, TValue}"/>.</returns>
    internal Dictionary<string, string> ProducerSettingsFor(ConnectorTaskId id, IReadOnlyDictionary<string, string> connectorConfig, string purpose)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["bootstrap.servers"] = Config.BootstrapServers,
            ["client.id"] = $"connector-{purpose}-{id}",
            ["acks"] = "all",
            ["enable.idempotence"] = "true",
            // Kafka Connect never gives up on a record; the broker coming back later must not lose it.
            ["message.timeout.ms"] = "0",
            // The worker reads only the error, position and timestamp of a delivery report. By default Confluent.Kafka
            // keeps every in-flight message's key, value and headers referenced until its report, which carries a
            // converter's freshly made arrays (1.6 KB for a 20-field JSON record with its schema) out of the youngest
            // generation and makes each garbage collection copy them.
            [ConfigPropertyNames.Producer.DeliveryReportFields] = "timestamp",
        };
        Overlay(settings, ConfigTransformer.Transform(Config.ClientSettings("producer.")));
        Overlay(settings, WithPrefix(connectorConfig, "producer.override."));
        return settings;
    }

    /// <summary>An admin client with the worker's connection settings and its <c>admin.*</c> settings; the caller disposes it.</summary>
    /// <returns>The client.</returns>
    internal IAdminClient CreateAdminClient()
    {
        var settings = new Dictionary<string, string>(ConfigTransformer.Transform(Config.ClientSettings("admin.")), StringComparer.Ordinal)
        {
            ["bootstrap.servers"] = Config.BootstrapServers,
        };
        return new AdminClientBuilder(settings).SetLogHandler((_, message) => LogClientMessage(message)).Build();
    }

    private Dictionary<string, string> ConsumerSettingsFor(ConnectorTaskId id, IReadOnlyDictionary<string, string> connectorConfig)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["bootstrap.servers"] = Config.BootstrapServers,
            ["group.id"] = $"connect-{id.Connector}",
            ["client.id"] = $"connector-consumer-{id}",
            ["enable.auto.commit"] = "false",
            ["auto.offset.reset"] = "earliest",
            ["partition.assignment.strategy"] = "cooperative-sticky",
        };
        Overlay(settings, ConfigTransformer.Transform(Config.ClientSettings("consumer.")));
        Overlay(settings, WithPrefix(connectorConfig, "consumer.override."));
        return settings;
    }

    private void LogClientMessage(LogMessage message)
    {
        var level = message.Level switch
        {
            SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical or SyslogLevel.Error => LogLevel.Error,
            SyslogLevel.Warning => LogLevel.Warning,
            SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
            _ => LogLevel.Debug,
        };
        _logger.Log(level, "librdkafka {Name}: {Facility} {Message}", message.Name, message.Facility, message.Message);
    }

    private static void Overlay(Dictionary<string, string> target, IReadOnlyDictionary<string, string> overrides)
    {
        foreach (var (key, value) in overrides)
        {
            target[key] = value;
        }
    }

    private void OnConnectorStatus(string name, ComponentStatus status) =>
        StatusChanged?.Invoke(this, new StatusChangedEventArgs(name, null, status));

    private void OnTaskStatus(ConnectorTaskId id, ComponentStatus status) =>
        StatusChanged?.Invoke(this, new StatusChangedEventArgs(id.Connector, id.Task, status));
}

/// <summary>A connector's or task's status changed.</summary>
/// <param name="connector">The connector name.</param>
/// <param name="task">The task number, or <see langword="null"/> for the connector itself.</param>
/// <param name="status">The new status.</param>
public sealed class StatusChangedEventArgs(string connector, int? task, ComponentStatus status) : EventArgs
{
    /// <summary>The connector name.</summary>
    public string Connector { get; } = connector;

    /// <summary>The task number, or <see langword="null"/> for the connector itself.</summary>
    public int? Task { get; } = task;

    /// <summary>The new status.</summary>
    public ComponentStatus Status { get; } = status;
}
