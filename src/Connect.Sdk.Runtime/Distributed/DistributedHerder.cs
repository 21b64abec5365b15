using System.Collections.Concurrent;
using Confluent.Kafka;
using Connect.Sdk.Errors;
using Connect.Sdk.Runtime.Configuration;
using Connect.Sdk.Runtime.Herder;
using Connect.Sdk.Runtime.Plugins;
using Connect.Sdk.Runtime.Storage;
using Connect.Sdk.Runtime.Worker;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Runtime.Distributed;

/// <summary>
/// Runs a share of a cluster's connectors and tasks on this worker. Configurations, target states and statuses live
/// in Kafka topics that every worker reads; which worker runs which connector or task is decided by Kafka's group
/// coordinator: each unit of work has a single-partition topic, the workers subscribe to all of them as one consumer
/// group with the cooperative-sticky assignor, and a worker runs exactly the units whose partitions it is assigned.
/// Any worker accepts changes: they are written to the config topic and applied by the owners. See docs/distributed.md.
/// </summary>
public sealed class DistributedHerder : IHerder, IAsyncDisposable
{
    private readonly DistributedConfig _config;
    private readonly TopicAdmin _admin;
    private readonly KafkaBasedLog _configLog;
    private readonly KafkaBasedLog _statusLog;
    private readonly ILogger _logger;
    private readonly object _stateLock = new();
    private readonly ClusterConfigState _state = new();
    private readonly ConcurrentQueue<Action> _actions = new();
    private readonly ConcurrentDictionary<string, ComponentStatus> _connectorStatus = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ConnectorTaskId, ComponentStatus> _taskStatus = new();
    private readonly HashSet<string> _ownedTopics = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _runningTaskConfigs = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly string _groupId;
    private IConsumer<Ignore, Ignore>? _membership;
    private Task? _loop;
    private int _generation;

    private DistributedHerder(ConnectWorker worker, DistributedConfig config, TopicAdmin admin, ILoggerFactory loggerFactory)
    {
        Worker = worker;
        _config = config;
        _admin = admin;
        _groupId = config.GroupId;
        _logger = loggerFactory.CreateLogger<DistributedHerder>();
        var bootstrap = worker.Config.BootstrapServers;
        _configLog = new KafkaBasedLog(config.GetString(DistributedConfig.ConfigTopicConfig)!, bootstrap, $"connect-configs-{worker.WorkerId}", OnConfigRecord, _logger);
        _statusLog = new KafkaBasedLog(config.GetString(DistributedConfig.StatusTopicConfig)!, bootstrap, $"connect-statuses-{worker.WorkerId}", OnStatusRecord, _logger);
        worker.StatusChanged += OnLocalStatusChanged;
    }

    /// <inheritdoc />
    public ConnectWorker Worker { get; }

    /// <inheritdoc />
    public PluginRegistry Plugins => Worker.Plugins;

    /// <summary>The connectors and tasks this worker runs now.</summary>
    public IReadOnlyList<string> OwnedUnits
    {
        get
        {
            lock (_ownedTopics)
            {
                return [.. _ownedTopics.Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Creates the internal topics if needed, reads them, and joins the cluster.</summary>
    /// <param name="worker">The worker (whose offset store must be the <see cref="KafkaOffsetBackingStore"/>).</param>
    /// <param name="config">The distributed settings.</param>
    /// <param name="admin">Creates and checks topics.</param>
    /// <param name="loggerFactory">The logger factory.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running herder.</returns>
    public static async Task<DistributedHerder> StartAsync(
        ConnectWorker worker,
        DistributedConfig config,
        TopicAdmin admin,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(config);
        var herder = new DistributedHerder(worker, config, admin, loggerFactory);
        var configPartitions = await admin.EnsureTopicAsync(
            config.GetString(DistributedConfig.ConfigTopicConfig)!, 1, config.GetShort(DistributedConfig.ConfigReplicationConfig), true, DistributedConfig.ConfigTopicConfig, requireSinglePartition: true)
            .ConfigureAwait(false);
        var statusPartitions = await admin.EnsureTopicAsync(
            config.GetString(DistributedConfig.StatusTopicConfig)!, config.GetInt(DistributedConfig.StatusPartitionsConfig), config.GetShort(DistributedConfig.StatusReplicationConfig), true, DistributedConfig.StatusTopicConfig)
            .ConfigureAwait(false);
        await worker.OffsetStore.StartAsync(cancellationToken).ConfigureAwait(false);
        await herder._statusLog.StartAsync(statusPartitions, cancellationToken).ConfigureAwait(false);
        await herder._configLog.StartAsync(configPartitions, cancellationToken).ConfigureAwait(false);
        herder.JoinCluster();
        return herder;
    }

    /// <summary>Creates the worker's offsets topic if needed and returns the offset store over it.</summary>
    /// <param name="config">The distributed settings.</param>
    /// <param name="admin">Creates and checks topics.</param>
    /// <param name="workerId">The worker id.</param>
    /// <param name="logger">The logger.</param>
    /// <returns>The store (not yet started).</returns>
    public static async Task<KafkaOffsetBackingStore> CreateOffsetStoreAsync(DistributedConfig config, TopicAdmin admin, string workerId, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(admin);
        var topic = config.GetString(DistributedConfig.OffsetTopicConfig)!;
        var partitions = await admin.EnsureTopicAsync(
            topic, config.GetInt(DistributedConfig.OffsetPartitionsConfig), config.GetShort(DistributedConfig.OffsetReplicationConfig), true, DistributedConfig.OffsetTopicConfig)
            .ConfigureAwait(false);
        return new KafkaOffsetBackingStore(topic, partitions, string.Join(',', config.GetList(WorkerConfig.BootstrapServersConfig) ?? []), workerId, logger);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Connectors()
    {
        lock (_stateLock)
        {
            return _state.Connectors.Where(c => _state.Find(c)!.Config is not null).ToList();
        }
    }

    /// <inheritdoc />
    public ConnectorInfo ConnectorInfo(string name)
    {
        var (config, tasks, _) = Snapshot(name);
        return new ConnectorInfo(name, config, Enumerable.Range(0, tasks.Count).Select(i => new ConnectorTaskId(name, i)).ToList(), TypeOf(config));
    }

    /// <inheritdoc />
    public ConnectorStateInfo ConnectorStatus(string name)
    {
        var (config, tasks, _) = Snapshot(name);
        var connector = _connectorStatus.GetValueOrDefault(name) ?? new ComponentStatus(ConnectState.Unassigned, Worker.WorkerId);
        var taskStates = Enumerable.Range(0, tasks.Count)
            .Select(i => new TaskStateInfo(i, _taskStatus.GetValueOrDefault(new ConnectorTaskId(name, i)) ?? new ComponentStatus(ConnectState.Unassigned, string.Empty)))
            .ToList();
        return new ConnectorStateInfo(name, connector, taskStates, TypeOf(config));
    }

    /// <inheritdoc />
    public TaskStateInfo TaskStatus(ConnectorTaskId id)
    {
        var (_, tasks, _) = Snapshot(id.Connector);
        if (id.Task < 0 || id.Task >= tasks.Count)
        {
            throw new NotFoundException($"Unknown task {id}");
        }

        return new TaskStateInfo(id.Task, _taskStatus.GetValueOrDefault(id) ?? new ComponentStatus(ConnectState.Unassigned, string.Empty));
    }

    /// <inheritdoc />
    public IReadOnlyList<TaskInfo> TaskConfigs(string name)
    {
        var (_, tasks, _) = Snapshot(name);
        return tasks.Select((config, i) => new TaskInfo(new ConnectorTaskId(name, i), config)).ToList();
    }

    /// <inheritdoc />
    public ConfigInfos ValidateConnectorConfig(IReadOnlyDictionary<string, string> config) =>
        ConnectorConfigValidator.Validate(config, Plugins, Worker.ConfigTransformer);

    /// <inheritdoc />
    public async Task<CreateResult> PutConnectorConfigAsync(
        string name,
        IReadOnlyDictionary<string, string> config,
        bool allowReplace,
        TargetState initialState = TargetState.Started,
        CancellationToken cancellationToken = default)
    {
        var withName = ConnectorConfigValidator.RequireValid(name, config, Plugins, Worker.ConfigTransformer);

        await _configLog.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        bool exists;
        lock (_stateLock)
        {
            exists = _state.Find(name)?.Config is not null;
        }

        if (exists && !allowReplace)
        {
            throw new AlreadyExistsException($"Connector {name} already exists");
        }

        // The connector's unit topic must exist before any worker subscribes to it.
        await EnsureUnitTopicsAsync([UnitTopics.Connector(_groupId, name)]).ConfigureAwait(false);
        if (!exists)
        {
            await _configLog.SendAsync(ConfigRecords.TargetStateKey(name), ConfigRecords.TargetState(initialState), cancellationToken).ConfigureAwait(false);
        }

        await _configLog.SendAsync(ConfigRecords.ConnectorKey(name), ConfigRecords.Properties(withName), cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("{Action} connector {Connector} through the config topic", exists ? "Reconfigured" : "Created", name);
        return new CreateResult(ConnectorInfo(name), !exists);
    }

    /// <inheritdoc />
    public async Task<ConnectorInfo> DeleteConnectorAsync(string name, CancellationToken cancellationToken = default)
    {
        await _configLog.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        var info = ConnectorInfo(name);
        await _configLog.SendAsync(ConfigRecords.ConnectorKey(name), null, cancellationToken).ConfigureAwait(false);
        await _configLog.SendAsync(ConfigRecords.TargetStateKey(name), null, cancellationToken).ConfigureAwait(false);
        return info;
    }

    /// <inheritdoc />
    public async Task SetTargetStateAsync(string name, TargetState state, CancellationToken cancellationToken = default)
    {
        await _configLog.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        Snapshot(name);
        await _configLog.SendAsync(ConfigRecords.TargetStateKey(name), ConfigRecords.TargetState(state), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ConnectorStateInfo> RestartConnectorAsync(string name, bool includeTasks, bool onlyFailed, CancellationToken cancellationToken = default)
    {
        var status = ConnectorStatus(name);
        await _configLog.SendAsync(ConfigRecords.RestartKey(name), ConfigRecords.Restart(includeTasks, onlyFailed), cancellationToken).ConfigureAwait(false);
        var connector = !onlyFailed || status.Connector.State == ConnectState.Failed
            ? status.Connector with { State = ConnectState.Restarting }
            : status.Connector;
        var tasks = status.Tasks
            .Select(t => includeTasks && (!onlyFailed || t.Status.State == ConnectState.Failed) ? t with { Status = t.Status with { State = ConnectState.Restarting } } : t)
            .ToList();
        return status with { Connector = connector, Tasks = tasks };
    }

    /// <inheritdoc />
    public Task RestartTaskAsync(ConnectorTaskId id, CancellationToken cancellationToken = default)
    {
        TaskStatus(id);
        _actions.Enqueue(() => RestartOwnedTask(id));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ConnectorOffset>> GetOffsetsAsync(string name, CancellationToken cancellationToken = default)
    {
        var (config, _, _) = Snapshot(name);
        return ConnectorOffsetOperations.ReadAsync(Worker, name, config, TypeOf(config));
    }

    /// <inheritdoc />
    public async Task<bool> AlterOffsetsAsync(string name, IReadOnlyList<ConnectorOffset>? offsets, CancellationToken cancellationToken = default)
    {
        var (config, _, targetState) = Snapshot(name);
        return await ConnectorOffsetOperations.AlterAsync(Worker, name, config, TypeOf(config), targetState, offsets, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops this worker's connectors and tasks (committing offsets), leaves the group so the others take
    /// them over at once, and stops reading the topics.</summary>
    /// <returns>A task that completes when the worker left.</returns>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        Worker.StatusChanged -= OnLocalStatusChanged;
        await Worker.DisposeAsync().ConfigureAwait(false);
        await _configLog.DisposeAsync().ConfigureAwait(false);
        await _statusLog.DisposeAsync().ConfigureAwait(false);
        Worker.OffsetStore.Dispose();
        _admin.Dispose();
        _stopping.Dispose();
    }

    private (IReadOnlyDictionary<string, string> Config, IReadOnlyList<IReadOnlyDictionary<string, string>> Tasks, TargetState TargetState) Snapshot(string name)
    {
        lock (_stateLock)
        {
            var state = _state.Find(name);
            if (state?.Config is null)
            {
                throw new NotFoundException($"Connector {name} not found");
            }

            return (state.Config, state.TaskConfigs, state.TargetState);
        }
    }

    private ConnectorType TypeOf(IReadOnlyDictionary<string, string> config)
    {
        try
        {
            return Plugins.Resolve(config[ConnectorConfig.ConnectorClassConfig], PluginType.Source, PluginType.Sink).Kind == PluginType.Sink
                ? ConnectorType.Sink
                : ConnectorType.Source;
        }
        catch (ConnectException)
        {
            return ConnectorType.Unknown;
        }
    }

    private void JoinCluster()
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["bootstrap.servers"] = Worker.Config.BootstrapServers,
            ["group.id"] = _groupId,
            ["client.id"] = $"connect-membership-{Worker.WorkerId}",
            ["partition.assignment.strategy"] = "cooperative-sticky",
            ["enable.auto.commit"] = "false",
            ["session.timeout.ms"] = _config.GetInt(DistributedConfig.SessionTimeoutConfig).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["heartbeat.interval.ms"] = _config.GetInt(DistributedConfig.HeartbeatIntervalConfig).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["topic.metadata.refresh.interval.ms"] = "1000",
            ["allow.auto.create.topics"] = "false",
        };
        _membership = new ConsumerBuilder<Ignore, Ignore>(settings)
            .SetPartitionsAssignedHandler((_, partitions) => OnAssigned(partitions))
            .SetPartitionsRevokedHandler((_, partitions) => OnRevoked(partitions.Select(p => p.TopicPartition)))
            .SetPartitionsLostHandler((_, partitions) => OnRevoked(partitions.Select(p => p.TopicPartition)))
            .SetErrorHandler((_, error) => _logger.Log(error.IsFatal ? LogLevel.Error : LogLevel.Debug, "Membership: {Reason}", error.Reason))
            .Build();
        _loop = Task.Factory.StartNew(RunMembership, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private void RunMembership()
    {
        try
        {
            Subscribe();
            while (!_stopping.IsCancellationRequested)
            {
                while (_actions.TryDequeue(out var action))
                {
                    try
                    {
                        action();
                    }
                    catch (Exception e)
                    {
                        _logger.LogError(e, "A cluster change could not be applied on this worker");
                    }
                }

                try
                {
                    _membership!.Consume(TimeSpan.FromMilliseconds(100));
                }
                catch (ConsumeException e) when (!e.Error.IsFatal)
                {
                    // Unit topics of deleted connectors, or topics not yet in the metadata: nothing to consume anyway.
                }
            }

            // Leaving: stop everything here first (committing offsets), then leave the group.
            StopOwned(OwnedUnits);
            _membership!.Close();
        }
        catch (Exception e)
        {
            _logger.LogError(e, "The cluster membership loop of worker {Worker} failed", Worker.WorkerId);
        }
        finally
        {
            _membership?.Dispose();
        }
    }

    private void Subscribe()
    {
        // One regular expression for the cluster's unit topics, set once: new units join through the consumer's
        // metadata refresh, and the subscription itself never changes while a rebalance is in progress.
        _membership!.Subscribe(UnitTopics.Pattern(_groupId));
    }

    private void OnAssigned(IReadOnlyCollection<Confluent.Kafka.TopicPartition> partitions)
    {
        Interlocked.Increment(ref _generation);
        foreach (var partition in partitions.Where(p => p.Partition.Value == 0))
        {
            lock (_ownedTopics)
            {
                _ownedTopics.Add(partition.Topic);
            }

            try
            {
                StartUnit(partition.Topic);
            }
            catch (Exception e)
            {
                // The unit stays owned; a later config change or restart request starts it again.
                _logger.LogError(e, "Could not start {Topic} on worker {Worker}", partition.Topic, Worker.WorkerId);
            }
        }
    }

    private void OnRevoked(IEnumerable<Confluent.Kafka.TopicPartition> partitions)
    {
        var topics = partitions.Where(p => p.Partition.Value == 0).Select(p => p.Topic).ToList();
        try
        {
            StopOwned(topics);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Could not stop revoked units on worker {Worker}", Worker.WorkerId);
        }
    }

    private void StopOwned(IReadOnlyCollection<string> topics)
    {
        var tasks = new List<ConnectorTaskId>();
        var connectors = new List<string>();
        foreach (var topic in topics)
        {
            switch (Resolve(topic))
            {
                case (var name, null):
                    connectors.Add(name);
                    break;
                case (var name, int task):
                    tasks.Add(new ConnectorTaskId(name, task));
                    break;
            }

            lock (_ownedTopics)
            {
                _ownedTopics.Remove(topic);
            }
        }

        Worker.StopTasksAsync(tasks).GetAwaiter().GetResult();
        foreach (var id in tasks)
        {
            _runningTaskConfigs.Remove(UnitTopics.Task(_groupId, id));
        }

        foreach (var name in connectors)
        {
            Worker.StopConnector(name);
        }
    }

    private (string Connector, int? Task)? Resolve(string topic)
    {
        lock (_stateLock)
        {
            foreach (var name in _state.Connectors)
            {
                var state = _state.Find(name)!;
                if (UnitTopics.Connector(_groupId, name) == topic)
                {
                    return (name, null);
                }

                for (var i = 0; i < Math.Max(state.TaskConfigs.Count, 1) + 64; i++)
                {
                    if (UnitTopics.Task(_groupId, new ConnectorTaskId(name, i)) == topic)
                    {
                        return (name, i);
                    }
                }
            }
        }

        return null;
    }

    private bool Owns(string topic)
    {
        lock (_ownedTopics)
        {
            return _ownedTopics.Contains(topic);
        }
    }

    private void StartUnit(string topic)
    {
        switch (Resolve(topic))
        {
            case (var name, null):
                StartOwnedConnector(name);
                break;
            case (var name, int task):
                StartOwnedTask(new ConnectorTaskId(name, task));
                break;
            default:
                _logger.LogDebug("Assigned {Topic}, which no configured connector uses", topic);
                break;
        }
    }

    private void StartOwnedConnector(string name)
    {
        IReadOnlyDictionary<string, string>? config;
        TargetState targetState;
        lock (_stateLock)
        {
            var state = _state.Find(name);
            config = state?.Config;
            targetState = state?.TargetState ?? TargetState.Started;
        }

        if (config is null || Worker.ConnectorStatus(name) is not null)
        {
            return;
        }

        try
        {
            Worker.StartConnector(name, config, targetState, RequestReconfiguration);
        }
        catch (ConnectException)
        {
            return;
        }

        if (targetState == TargetState.Stopped)
        {
            PublishTaskConfigs(name, []);
        }
        else
        {
            ReconfigureTasks(name);
        }
    }

    private void StartOwnedTask(ConnectorTaskId id)
    {
        IReadOnlyDictionary<string, string>? connectorConfig;
        IReadOnlyDictionary<string, string>? taskConfig = null;
        TargetState targetState;
        lock (_stateLock)
        {
            var state = _state.Find(id.Connector);
            connectorConfig = state?.Config;
            targetState = state?.TargetState ?? TargetState.Started;
            if (state is not null && id.Task < state.TaskConfigs.Count)
            {
                taskConfig = state.TaskConfigs[id.Task];
            }
        }

        if (connectorConfig is null || taskConfig is null || targetState == TargetState.Stopped || Worker.TaskStatus(id) is not null)
        {
            return;
        }

        _runningTaskConfigs[UnitTopics.Task(_groupId, id)] = taskConfig;
        Worker.StartTask(id, connectorConfig, taskConfig, targetState);
    }

    private void RestartOwnedTask(ConnectorTaskId id)
    {
        if (!Owns(UnitTopics.Task(_groupId, id)))
        {
            return;
        }

        Worker.StopTasksAsync([id]).GetAwaiter().GetResult();
        StartOwnedTask(id);
    }

    private void RequestReconfiguration(string name) => _actions.Enqueue(() =>
    {
        if (Owns(UnitTopics.Connector(_groupId, name)))
        {
            ReconfigureTasks(name);
        }
    });

    private void ReconfigureTasks(string name)
    {
        IReadOnlyDictionary<string, string>? config;
        IReadOnlyList<IReadOnlyDictionary<string, string>> current;
        lock (_stateLock)
        {
            var state = _state.Find(name);
            config = state?.Config;
            current = state?.TaskConfigs ?? [];
        }

        if (config is null)
        {
            return;
        }

        try
        {
            var maxTasks = int.Parse(config.GetValueOrDefault(ConnectorConfig.TasksMaxConfig) ?? "1", System.Globalization.CultureInfo.InvariantCulture);
            var configs = Worker.ConnectorTaskConfigs(name, maxTasks);
            if (configs.Count != current.Count || !configs.Zip(current).All(p => SameConfig(p.First, p.Second)))
            {
                PublishTaskConfigs(name, configs);
            }
        }
        catch (Exception e) when (e is ConnectException or FormatException)
        {
            _logger.LogError(e, "Connector {Connector} failed to generate task configurations", name);
        }
    }

    private void PublishTaskConfigs(string name, IReadOnlyList<IReadOnlyDictionary<string, string>> configs)
    {
        EnsureUnitTopicsAsync(UnitTopics.All(_groupId, name, configs.Count).Skip(1).ToList()).GetAwaiter().GetResult();
        for (var i = 0; i < configs.Count; i++)
        {
            _configLog.SendWithoutWaitingAsync(ConfigRecords.TaskKey(new ConnectorTaskId(name, i)), ConfigRecords.Properties(configs[i])).GetAwaiter().GetResult();
        }

        _configLog.SendWithoutWaitingAsync(ConfigRecords.CommitKey(name), ConfigRecords.Commit(configs.Count)).GetAwaiter().GetResult();
        _logger.LogInformation("Published {Count} task configuration(s) of connector {Connector}", configs.Count, name);
    }

    private async Task EnsureUnitTopicsAsync(IReadOnlyCollection<string> topics)
    {
        foreach (var topic in topics)
        {
            await _admin.EnsureTopicAsync(topic, 1, -1, compacted: false, purpose: "a unit of work of the cluster").ConfigureAwait(false);
        }
    }

    private void OnConfigRecord(ConsumeResult<string, byte[]?> record)
    {
        ConfigChange change;
        lock (_stateLock)
        {
            change = _state.Apply(record.Message.Key, record.Message.Value);
        }

        if (change.Kind != ConfigChangeKind.None)
        {
            _actions.Enqueue(() => React(change));
        }
    }

    private void React(ConfigChange change)
    {
        var name = change.Connector;
        var connectorTopic = UnitTopics.Connector(_groupId, name);
        switch (change.Kind)
        {
            case ConfigChangeKind.ConnectorConfig:
                if (Owns(connectorTopic))
                {
                    // Reconfiguration: restart the connector and let it publish new task configurations.
                    Worker.StopConnector(name);
                    StartOwnedConnector(name);
                }

                break;
            case ConfigChangeKind.ConnectorRemoved:
                StopOwned(OwnedUnitsOf(name));
                _connectorStatus.TryRemove(name, out _);
                foreach (var id in _taskStatus.Keys.Where(k => k.Connector == name))
                {
                    _taskStatus.TryRemove(id, out _);
                }

                break;
            case ConfigChangeKind.TaskConfigs:
                RestartChangedTasks(name);
                break;
            case ConfigChangeKind.TargetState:
                ApplyTargetState(name);
                break;
            case ConfigChangeKind.Restart:
                RestartOwned(name, change.IncludeTasks, change.OnlyFailed);
                break;
        }
    }

    private List<string> OwnedUnitsOf(string name) =>
        OwnedUnits.Where(t => Resolve(t) is { } unit && unit.Connector == name).ToList();

    private void RestartChangedTasks(string name)
    {
        IReadOnlyList<IReadOnlyDictionary<string, string>> configs;
        lock (_stateLock)
        {
            configs = _state.Find(name)?.TaskConfigs ?? [];
        }

        foreach (var topic in OwnedUnitsOf(name))
        {
            if (Resolve(topic) is not (_, int task))
            {
                continue;
            }

            var id = new ConnectorTaskId(name, task);
            var running = _runningTaskConfigs.GetValueOrDefault(topic);
            if (task >= configs.Count || running is null || !SameConfig(running, configs[task]))
            {
                Worker.StopTasksAsync([id]).GetAwaiter().GetResult();
                _runningTaskConfigs.Remove(topic);
                StartOwnedTask(id);
            }
        }
    }

    private void ApplyTargetState(string name)
    {
        TargetState state;
        lock (_stateLock)
        {
            state = _state.Find(name)?.TargetState ?? TargetState.Started;
        }

        var connectorTopic = UnitTopics.Connector(_groupId, name);
        if (state == TargetState.Stopped)
        {
            StopOwned(OwnedUnitsOf(name).Where(t => t != connectorTopic).ToList());
            if (Owns(connectorTopic))
            {
                Worker.StopConnector(name);
                PublishTaskConfigs(name, []);
                WriteStatus(StatusRecords.ConnectorKey(name), new ComponentStatus(ConnectState.Stopped, Worker.WorkerId));
            }

            return;
        }

        if (Owns(connectorTopic) && Worker.ConnectorStatus(name) is null)
        {
            StartOwnedConnector(name);
        }

        Worker.SetTargetState(name, state);
    }

    private void RestartOwned(string name, bool includeTasks, bool onlyFailed)
    {
        var connectorTopic = UnitTopics.Connector(_groupId, name);
        if (Owns(connectorTopic) && (!onlyFailed || Worker.ConnectorStatus(name)?.State == ConnectState.Failed))
        {
            Worker.StopConnector(name);
            StartOwnedConnector(name);
        }

        if (!includeTasks)
        {
            return;
        }

        foreach (var topic in OwnedUnitsOf(name))
        {
            if (Resolve(topic) is (_, int task))
            {
                var id = new ConnectorTaskId(name, task);
                if (!onlyFailed || Worker.TaskStatus(id)?.State == ConnectState.Failed || _taskStatus.GetValueOrDefault(id)?.State == ConnectState.Failed)
                {
                    RestartOwnedTask(id);
                }
            }
        }
    }

    private void OnStatusRecord(ConsumeResult<string, byte[]?> record)
    {
        var key = record.Message.Key;
        if (key.StartsWith(StatusRecords.ConnectorPrefix, StringComparison.Ordinal))
        {
            var name = key[StatusRecords.ConnectorPrefix.Length..];
            if (record.Message.Value is null)
            {
                _connectorStatus.TryRemove(name, out _);
            }
            else
            {
                _connectorStatus[name] = StatusRecords.Deserialize(record.Message.Value);
            }
        }
        else if (key.StartsWith(StatusRecords.TaskPrefix, StringComparison.Ordinal)
            && ConfigRecords.ParseTaskId(key[StatusRecords.TaskPrefix.Length..]) is { } id)
        {
            if (record.Message.Value is null)
            {
                _taskStatus.TryRemove(id, out _);
            }
            else
            {
                _taskStatus[id] = StatusRecords.Deserialize(record.Message.Value);
            }
        }
    }

    private void OnLocalStatusChanged(object? sender, StatusChangedEventArgs e)
    {
        // A unit that stops here reports UNASSIGNED, but only while no other worker has reported on it since
        // (Kafka's putSafe): the worker that takes it over writes its own state.
        if (e.Task is { } task)
        {
            var id = new ConnectorTaskId(e.Connector, task);
            if (e.Status.State == ConnectState.Unassigned && _taskStatus.GetValueOrDefault(id)?.WorkerId is { } owner && owner != Worker.WorkerId)
            {
                return;
            }

            _taskStatus[id] = e.Status;
            WriteStatus(StatusRecords.TaskKey(id), e.Status);
        }
        else
        {
            if (e.Status.State == ConnectState.Unassigned && _connectorStatus.GetValueOrDefault(e.Connector)?.WorkerId is { } owner && owner != Worker.WorkerId)
            {
                return;
            }

            _connectorStatus[e.Connector] = e.Status;
            WriteStatus(StatusRecords.ConnectorKey(e.Connector), e.Status);
        }
    }

    private void WriteStatus(string key, ComponentStatus status)
    {
        _ = _statusLog.SendWithoutWaitingAsync(key, StatusRecords.Serialize(status, Volatile.Read(ref _generation)))
            .ContinueWith(t => _logger.LogWarning(t.Exception, "Could not write status {Key}", key), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    private static bool SameConfig(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v == p.Value);
}
