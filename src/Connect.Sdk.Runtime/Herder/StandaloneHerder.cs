using System.Collections.Concurrent;
using Connect.Sdk.Errors;
using Connect.Sdk.Runtime.Configuration;
using Connect.Sdk.Runtime.Plugins;
using Connect.Sdk.Runtime.Storage;
using Connect.Sdk.Runtime.Worker;
using Connect.Sdk.Source;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Runtime.Herder;

/// <summary>
/// Runs every connector and task on one worker, with configurations and statuses kept in this process (Kafka
/// Connect's standalone mode). Changes are applied one at a time, so concurrent requests on the same connector
/// cannot interleave.
/// </summary>
public sealed class StandaloneHerder : IHerder, IAsyncDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<string, ConnectorEntry> _connectors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ComponentStatus> _connectorStatus = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ConnectorTaskId, ComponentStatus> _taskStatus = new();
    private readonly ILogger _logger;

    /// <summary>Creates a herder over a worker.</summary>
    /// <param name="worker">The worker.</param>
    /// <param name="loggerFactory">The logger factory.</param>
    public StandaloneHerder(ConnectWorker worker, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        Worker = worker;
        _logger = loggerFactory.CreateLogger<StandaloneHerder>();
        worker.StatusChanged += OnStatusChanged;
    }

    /// <inheritdoc />
    public ConnectWorker Worker { get; }

    /// <inheritdoc />
    public PluginRegistry Plugins => Worker.Plugins;

    /// <inheritdoc />
    public IReadOnlyList<string> Connectors()
    {
        lock (_connectors)
        {
            return _connectors.Keys.Order(StringComparer.Ordinal).ToList();
        }
    }

    /// <inheritdoc />
    public ConnectorInfo ConnectorInfo(string name)
    {
        var entry = Find(name);
        return new ConnectorInfo(name, entry.Config, entry.TaskConfigs.Select((_, i) => new ConnectorTaskId(name, i)).ToList(), entry.Type);
    }

    /// <inheritdoc />
    public ConnectorStateInfo ConnectorStatus(string name)
    {
        var entry = Find(name);
        var connector = _connectorStatus.GetValueOrDefault(name) ?? new ComponentStatus(ConnectState.Unassigned, Worker.WorkerId);
        var tasks = Enumerable.Range(0, entry.TaskConfigs.Count)
            .Select(i => new TaskStateInfo(i, _taskStatus.GetValueOrDefault(new ConnectorTaskId(name, i)) ?? new ComponentStatus(ConnectState.Unassigned, Worker.WorkerId)))
            .ToList();
        return new ConnectorStateInfo(name, connector, tasks, entry.Type);
    }

    /// <inheritdoc />
    public TaskStateInfo TaskStatus(ConnectorTaskId id)
    {
        var entry = Find(id.Connector);
        if (id.Task < 0 || id.Task >= entry.TaskConfigs.Count)
        {
            throw new NotFoundException($"Unknown task {id}");
        }

        return new TaskStateInfo(id.Task, _taskStatus.GetValueOrDefault(id) ?? new ComponentStatus(ConnectState.Unassigned, Worker.WorkerId));
    }

    /// <inheritdoc />
    public IReadOnlyList<TaskInfo> TaskConfigs(string name)
    {
        var entry = Find(name);
        return entry.TaskConfigs.Select((config, i) => new TaskInfo(new ConnectorTaskId(name, i), config)).ToList();
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

        var type = Plugins.Resolve(withName[ConnectorConfig.ConnectorClassConfig], PluginType.Source, PluginType.Sink).Kind == PluginType.Sink
            ? ConnectorType.Sink
            : ConnectorType.Source;
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ConnectorEntry? existing;
            lock (_connectors)
            {
                _connectors.TryGetValue(name, out existing);
            }

            if (existing is not null && !allowReplace)
            {
                throw new AlreadyExistsException($"Connector {name} already exists");
            }

            var targetState = existing?.TargetState ?? initialState;
            if (existing is not null)
            {
                await StopConnectorAndTasksAsync(name, existing).ConfigureAwait(false);
            }

            var entry = new ConnectorEntry(withName, type, targetState);
            lock (_connectors)
            {
                _connectors[name] = entry;
            }

            StartConnectorAndTasks(name, entry);
            _logger.LogInformation("{Action} connector {Connector}", existing is null ? "Created" : "Reconfigured", name);
            return new CreateResult(ConnectorInfo(name), existing is null);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc />
    public async Task<ConnectorInfo> DeleteConnectorAsync(string name, CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var info = ConnectorInfo(name);
            var entry = Find(name);
            await StopConnectorAndTasksAsync(name, entry).ConfigureAwait(false);
            lock (_connectors)
            {
                _connectors.Remove(name);
            }

            _connectorStatus.TryRemove(name, out _);
            Worker.ActiveTopics.Reset(name);
            foreach (var id in _taskStatus.Keys.Where(k => k.Connector == name))
            {
                _taskStatus.TryRemove(id, out _);
            }

            _logger.LogInformation("Deleted connector {Connector}", name);
            return info;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc />
    public async Task SetTargetStateAsync(string name, TargetState state, CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var entry = Find(name);
            var previous = entry.TargetState;
            if (previous == state)
            {
                return;
            }

            entry.TargetState = state;
            if (state == TargetState.Stopped)
            {
                await StopConnectorAndTasksAsync(name, entry).ConfigureAwait(false);
                entry.TaskConfigs = [];
                _connectorStatus[name] = new ComponentStatus(ConnectState.Stopped, Worker.WorkerId);
            }
            else if (previous == TargetState.Stopped)
            {
                StartConnectorAndTasks(name, entry);
            }
            else
            {
                Worker.SetTargetState(name, state);
            }

            _logger.LogInformation("Connector {Connector} target state is now {State}", name, state.ToWireName());
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc />
    public async Task<ConnectorStateInfo> RestartConnectorAsync(string name, bool includeTasks, bool onlyFailed, CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var entry = Find(name);
            var status = ConnectorStatus(name);
            var restartConnector = !onlyFailed || status.Connector.State == ConnectState.Failed;
            var tasksToRestart = includeTasks
                ? status.Tasks.Where(t => !onlyFailed || t.Status.State == ConnectState.Failed).Select(t => new ConnectorTaskId(name, t.Id)).ToList()
                : [];
            if (entry.TargetState == TargetState.Stopped)
            {
                return status;
            }

            if (restartConnector)
            {
                _connectorStatus[name] = new ComponentStatus(ConnectState.Restarting, Worker.WorkerId);
            }

            foreach (var id in tasksToRestart)
            {
                _taskStatus[id] = new ComponentStatus(ConnectState.Restarting, Worker.WorkerId);
            }

            var restarting = ConnectorStatus(name);
            if (restartConnector)
            {
                Worker.StopConnector(name);
                StartConnectorOnly(name, entry);
            }

            await Worker.StopTasksAsync(tasksToRestart).ConfigureAwait(false);
            foreach (var id in tasksToRestart)
            {
                Worker.StartTask(id, entry.Config, entry.TaskConfigs[id.Task], entry.TargetState);
            }

            return restarting;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc />
    public async Task RestartTaskAsync(ConnectorTaskId id, CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var entry = Find(id.Connector);
            if (id.Task < 0 || id.Task >= entry.TaskConfigs.Count)
            {
                throw new NotFoundException($"Unknown task {id}");
            }

            await Worker.StopTasksAsync([id]).ConfigureAwait(false);
            Worker.StartTask(id, entry.Config, entry.TaskConfigs[id.Task], entry.TargetState);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ConnectorOffset>> GetOffsetsAsync(string name, CancellationToken cancellationToken = default)
    {
        var entry = Find(name);
        return ConnectorOffsetOperations.ReadAsync(Worker, name, entry.Config, entry.Type);
    }

    /// <inheritdoc />
    public async Task<bool> AlterOffsetsAsync(string name, IReadOnlyList<ConnectorOffset>? offsets, CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var entry = Find(name);
            return await ConnectorOffsetOperations.AlterAsync(Worker, name, entry.Config, entry.Type, entry.TargetState, offsets, cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Stops every connector and task.</summary>
    /// <returns>A task that completes when everything stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        Worker.StatusChanged -= OnStatusChanged;
        await Worker.DisposeAsync().ConfigureAwait(false);
        _lock.Dispose();
    }

    private ConnectorEntry Find(string name)
    {
        lock (_connectors)
        {
            return _connectors.GetValueOrDefault(name) ?? throw new NotFoundException($"Connector {name} not found");
        }
    }

    private void StartConnectorAndTasks(string name, ConnectorEntry entry)
    {
        if (entry.TargetState == TargetState.Stopped)
        {
            entry.TaskConfigs = [];
            _connectorStatus[name] = new ComponentStatus(ConnectState.Stopped, Worker.WorkerId);
            return;
        }

        if (!StartConnectorOnly(name, entry))
        {
            return;
        }

        try
        {
            var maxTasks = int.Parse(entry.Config.GetValueOrDefault(ConnectorConfig.TasksMaxConfig) ?? "1", System.Globalization.CultureInfo.InvariantCulture);
            entry.TaskConfigs = Worker.ConnectorTaskConfigs(name, maxTasks);
        }
        catch (Exception e) when (e is ConnectException or FormatException)
        {
            _logger.LogError(e, "Connector {Connector} failed to generate task configurations", name);
            _connectorStatus[name] = new ComponentStatus(ConnectState.Failed, Worker.WorkerId, e.ToString());
            return;
        }

        for (var i = 0; i < entry.TaskConfigs.Count; i++)
        {
            Worker.StartTask(new ConnectorTaskId(name, i), entry.Config, entry.TaskConfigs[i], entry.TargetState);
        }
    }

    private bool StartConnectorOnly(string name, ConnectorEntry entry)
    {
        try
        {
            Worker.StartConnector(name, entry.Config, entry.TargetState, RequestReconfiguration);
            return true;
        }
        catch (ConnectException)
        {
            // The worker recorded the failure in the connector's status.
            return false;
        }
    }

    private async Task StopConnectorAndTasksAsync(string name, ConnectorEntry entry)
    {
        var tasks = Enumerable.Range(0, entry.TaskConfigs.Count).Select(i => new ConnectorTaskId(name, i)).ToList();
        await Worker.StopTasksAsync(tasks).ConfigureAwait(false);
        Worker.StopConnector(name);
    }

    private void RequestReconfiguration(string name) =>
        _ = Task.Run(async () =>
        {
            await _lock.WaitAsync().ConfigureAwait(false);
            try
            {
                ConnectorEntry? entry;
                lock (_connectors)
                {
                    _connectors.TryGetValue(name, out entry);
                }

                if (entry is null || entry.TargetState == TargetState.Stopped)
                {
                    return;
                }

                var maxTasks = int.Parse(entry.Config.GetValueOrDefault(ConnectorConfig.TasksMaxConfig) ?? "1", System.Globalization.CultureInfo.InvariantCulture);
                var configs = Worker.ConnectorTaskConfigs(name, maxTasks);
                if (configs.Count == entry.TaskConfigs.Count && configs.Zip(entry.TaskConfigs).All(p => SameConfig(p.First, p.Second)))
                {
                    return;
                }

                await Worker.StopTasksAsync(Enumerable.Range(0, entry.TaskConfigs.Count).Select(i => new ConnectorTaskId(name, i))).ConfigureAwait(false);
                entry.TaskConfigs = configs;
                for (var i = 0; i < configs.Count; i++)
                {
                    Worker.StartTask(new ConnectorTaskId(name, i), entry.Config, configs[i], entry.TargetState);
                }

                _logger.LogInformation("Reconfigured the tasks of connector {Connector}", name);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Failed to reconfigure the tasks of connector {Connector}", name);
            }
            finally
            {
                _lock.Release();
            }
        });

    private static bool SameConfig(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v == p.Value);

    private void OnStatusChanged(object? sender, StatusChangedEventArgs e)
    {
        if (e.Task is { } task)
        {
            _taskStatus[new ConnectorTaskId(e.Connector, task)] = e.Status;
        }
        else
        {
            _connectorStatus[e.Connector] = e.Status;
        }
    }

    private sealed class ConnectorEntry(IReadOnlyDictionary<string, string> config, ConnectorType type, TargetState targetState)
    {
        public IReadOnlyDictionary<string, string> Config { get; } = config;

        public ConnectorType Type { get; } = type;

        public TargetState TargetState { get; set; } = targetState;

        public IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs { get; set; } = [];
    }
}
