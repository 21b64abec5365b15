using System.Threading.Channels;
using Connect.Sdk.Config;
using Connect.Sdk.Errors;
using Connect.Sdk.Runtime.Configuration;
using Connect.Sdk.Runtime.Errors;
using Connect.Sdk.Runtime.Plugins;
using Connect.Sdk.Runtime.Storage;
using Connect.Sdk.Runtime.Tasks;
using Connect.Sdk.Runtime.Worker;
using Connect.Sdk.Source;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connect.Sdk.Runtime.Embedded;

/// <summary>
/// Runs a source connector inside the application, without Kafka, like Debezium's embedded engine: it starts the
/// connector, asks it for task configurations (<c>tasks.max</c>), runs each task on its own loop, applies the
/// connector's transforms and, when configured, its key, value and header converters, and hands every record to the
/// application: to a handler, or through <see cref="Records"/>.
/// </summary>
/// <remarks>
/// <para>The configuration is a connector configuration (<c>name</c>, <c>connector.class</c>, <c>tasks.max</c>, the
/// connector's own keys, <c>transforms</c>, <c>predicates</c>, <c>errors.*</c>, and optionally <c>key.converter</c>,
/// <c>value.converter</c> and <c>header.converter</c> with their settings) plus the worker keys the engine needs:
/// <c>offset.storage.file.filename</c> (empty keeps offsets in memory), <c>offset.flush.interval.ms</c> (default
/// 60000), <c>offset.flush.timeout.ms</c> (default 5000), <c>task.shutdown.graceful.timeout.ms</c> (default 5000)
/// and <c>config.providers</c>.</para>
/// <para>Delivery is at least once, as in Kafka Connect with the application in place of Kafka: a record counts as
/// acknowledged when the handler returns (or, with <see cref="Records"/>, once it was read), and a source offset is
/// committed only when its record and every earlier record of the same source partition were acknowledged. Offsets
/// are committed every <c>offset.flush.interval.ms</c> and when the engine stops; a restarted engine resumes from
/// them. <see cref="SourceTask.CommitRecordAsync"/> and <see cref="SourceTask.CommitAsync"/> are called as the
/// worker calls them; the metadata passed to <see cref="SourceTask.CommitRecordAsync"/> has offset -1, as there is
/// no Kafka offset.</para>
/// <para>Errors follow <c>errors.tolerance</c>: with <c>all</c>, a record whose transform, converter or handler
/// fails is skipped (its offset is committed; see <see cref="ToleratedErrors"/>); with <c>none</c>, the task fails
/// and the engine stops with the error. A <see cref="RetriableException"/> from the handler is retried with back-off
/// within <c>errors.retry.timeout</c>.</para>
/// </remarks>
/// <example>
/// <code>
/// await using var engine = EmbeddedEngine.Create(config, async (record, cancellationToken) =>
///     await myStore.SaveAsync(record.Record.Value, cancellationToken));
/// await engine.RunAsync(stoppingToken);
/// </code>
/// </example>
public sealed class EmbeddedEngine : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string> _config;
    private readonly EmbeddedEngineOptions _options;
    private readonly Func<EmbeddedRecord, CancellationToken, ValueTask> _handOff;
    private readonly Channel<EmbeddedRecord>? _channel;
    private readonly ChannelReader<EmbeddedRecord>? _reader;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CapturingErrorReporter _tolerated = new();
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private List<EmbeddedSourceTask> _tasks = [];
    private IReadOnlyList<IReadOnlyDictionary<string, string>> _taskConfigs = [];
    private IReadOnlyDictionary<string, string> _resolved = new Dictionary<string, string>();
    private ConnectorConfig? _connectorConfig;
    private WorkerConfig? _workerConfig;
    private PluginRegistry? _plugins;
    private SourceConnector? _connector;
    private IOffsetBackingStore? _offsetStore;
    private bool _ownsOffsetStore;
    private Exception? _failure;
    private volatile EmbeddedEngineState _state = EmbeddedEngineState.Created;

    private EmbeddedEngine(
        IReadOnlyDictionary<string, string> config,
        EmbeddedEngineOptions options,
        Func<EmbeddedRecord, CancellationToken, ValueTask>? handler)
    {
        _config = new Dictionary<string, string>(config, StringComparer.Ordinal);
        _options = options;
        _loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<EmbeddedEngine>();
        ConnectorName = config.GetValueOrDefault(ConnectorConfig.NameConfig) ?? string.Empty;
        if (handler is not null)
        {
            _handOff = handler;
        }
        else
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(options.ChannelCapacity, 1, nameof(options));
            _channel = Channel.CreateBounded<EmbeddedRecord>(new BoundedChannelOptions(options.ChannelCapacity)
            {
                FullMode = BoundedChannelFullMode.Wait,
                SingleWriter = false,
            });
            _reader = new AcknowledgingChannelReader(_channel.Reader);
            _handOff = _channel.Writer.WriteAsync;
        }
    }

    /// <summary>The connector's <c>name</c>.</summary>
    public string ConnectorName { get; }

    /// <summary>Where the engine is in its life.</summary>
    public EmbeddedEngineState State => _state;

    /// <summary>The records, for an engine created without a handler. Reading a record acknowledges it, so its offset
    /// can be committed. When the engine stops, records not read yet are dropped (a restarted engine delivers them
    /// again) and the reader completes, with the error when the engine failed.</summary>
    /// <exception cref="InvalidOperationException">The engine was created with a handler.</exception>
    public ChannelReader<EmbeddedRecord> Records =>
        _reader ?? throw new InvalidOperationException("This engine hands records to its handler; create it without a handler to read them from Records.");

    /// <summary>Completes when the engine has stopped; faults with the error when the connector or a task failed.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Where source offsets are committed (available once started).</summary>
    /// <exception cref="InvalidOperationException">The engine has not been started.</exception>
    public IOffsetBackingStore OffsetStore => _offsetStore ?? throw new InvalidOperationException("The engine has not been started.");

    /// <summary>The errors tolerated with <c>errors.tolerance=all</c>, each with the record that was skipped, in order.</summary>
    public IReadOnlyList<ErrorContext> ToleratedErrors => _tolerated.Errors;

    /// <summary>Creates an engine that hands each record to a handler; a record counts as acknowledged when the
    /// handler returns. Tasks call the handler concurrently (each task one record at a time). To stop the engine from
    /// inside the handler, cancel the token given to <see cref="RunAsync"/> or call <see cref="StopAsync"/> without
    /// awaiting it: a stop waits for the handler calls in progress to return.</summary>
    /// <param name="config">The connector configuration plus the engine's worker keys (see the remarks of <see cref="EmbeddedEngine"/>).</param>
    /// <param name="handler">Processes a record; the token is cancelled when the engine stops.</param>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    /// <returns>The engine, not started yet.</returns>
    public static EmbeddedEngine Create(
        IReadOnlyDictionary<string, string> config,
        Func<EmbeddedRecord, CancellationToken, ValueTask> handler,
        EmbeddedEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(handler);
        return new EmbeddedEngine(config, options ?? new EmbeddedEngineOptions(), handler);
    }

    /// <summary>Creates an engine whose records are read from <see cref="Records"/>; a record counts as acknowledged
    /// once it was read. Tasks wait while the channel holds <see cref="EmbeddedEngineOptions.ChannelCapacity"/> records.</summary>
    /// <param name="config">The connector configuration plus the engine's worker keys (see the remarks of <see cref="EmbeddedEngine"/>).</param>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    /// <returns>The engine, not started yet.</returns>
    public static EmbeddedEngine Create(IReadOnlyDictionary<string, string> config, EmbeddedEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new EmbeddedEngine(config, options ?? new EmbeddedEngineOptions(), handler: null);
    }

    /// <summary>Starts the engine and runs it until <paramref name="cancellationToken"/> is cancelled (then it stops
    /// gracefully, committing offsets, and returns) or the connector or a task fails.</summary>
    /// <param name="cancellationToken">Stops the engine.</param>
    /// <returns>A task that completes when the engine has stopped.</returns>
    /// <exception cref="ConfigException">A configuration key is invalid.</exception>
    /// <exception cref="ConnectException">The connector or a task failed; the message says which and why.</exception>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await Completion.ConfigureAwait(false);
    }

    /// <summary>Starts the connector and its tasks, which then run in the background until <see cref="StopAsync"/>.
    /// A task that fails later stops the engine (see <see cref="Completion"/>).</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when the connector has started and its tasks were launched.</returns>
    /// <exception cref="ConfigException">A configuration key is invalid.</exception>
    /// <exception cref="ConnectException">The connector cannot be created or started.</exception>
    /// <exception cref="InvalidOperationException">The engine was started before; an engine starts once.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_state != EmbeddedEngineState.Created)
            {
                throw new InvalidOperationException($"The engine was started before (it is {_state}); an engine starts once, so create a new one to run the connector again.");
            }

            _state = EmbeddedEngineState.Starting;
            try
            {
                await StartCoreAsync(cancellationToken).ConfigureAwait(false);
                _state = EmbeddedEngineState.Running;
                _logger.LogInformation("Embedded engine started connector {Connector} with {Tasks} task(s)", ConnectorName, _tasks.Count);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Embedded engine failed to start connector {Connector}", ConnectorName);
                _failure = e;
                await ShutDownAsync().ConfigureAwait(false);
                throw;
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops the tasks (each finishes the record in hand and commits the offsets of acknowledged records,
    /// within <c>task.shutdown.graceful.timeout.ms</c> in total) and the connector. Does nothing when already stopped.</summary>
    /// <param name="cancellationToken">Cancels waiting for a start or reconfiguration in progress.</param>
    /// <returns>A task that completes when the engine has stopped.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_state is EmbeddedEngineState.Stopped or EmbeddedEngineState.Failed)
            {
                return;
            }

            if (_state == EmbeddedEngineState.Created)
            {
                _state = EmbeddedEngineState.Stopped;
                _channel?.Writer.TryComplete();
                _completion.TrySetResult();
                return;
            }

            await ShutDownAsync().ConfigureAwait(false);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops the engine; see <see cref="StopAsync"/>. A failure of the engine is not rethrown here.</summary>
    /// <returns>A task that completes when the engine has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var transformer = ConfigTransformer.FromWorkerConfig(_config);
        _resolved = transformer.Transform(_config);
        _connectorConfig = new ConnectorConfig(ConnectorConfig.CommonDefinition, _resolved);
        _workerConfig = new WorkerConfig(_resolved);
        _plugins = _options.Plugins ?? PluginRegistry.FromApplication();
        var descriptor = _plugins.Resolve(_connectorConfig.ConnectorClass, PluginType.Source, PluginType.Sink);
        if (descriptor.Kind != PluginType.Source)
        {
            throw new ConnectException(
                $"Connector {ConnectorName}: {descriptor.ClassName} is a sink connector; the embedded engine runs source connectors. Use EmbeddedSinkPipeline for sink connectors.");
        }

        if (_options.OffsetStore is { } store)
        {
            _offsetStore = store;
        }
        else
        {
            var file = _workerConfig.GetString(WorkerConfig.OffsetStorageFileConfig);
            _offsetStore = string.IsNullOrWhiteSpace(file) ? new MemoryOffsetBackingStore() : new FileOffsetBackingStore(file);
            _ownsOffsetStore = true;
            await _offsetStore.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        var connector = PluginRegistry.Instantiate<SourceConnector>(descriptor.Type);
        connector.Initialize(new EmbeddedConnectorContext(new OffsetStorageReader(ConnectorName, _offsetStore), OnReconfigurationRequested, OnError));
        try
        {
            connector.Start(_resolved);
        }
        catch (Exception e) when (e is not ConfigException)
        {
            throw new ConnectException($"Failed to start connector {ConnectorName}: {e.Message}", e);
        }

        _connector = connector;
        StartTasks(TaskConfigs(connector));
    }

    private IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(SourceConnector connector)
    {
        var maxTasks = _connectorConfig!.TasksMax;
        var configs = connector.TaskConfigs(maxTasks);
        if (configs.Count > maxTasks)
        {
            throw new ConnectException($"Connector {ConnectorName} produced {configs.Count} task configurations, more than tasks.max={maxTasks}.");
        }

        return configs;
    }

    private void StartTasks(IReadOnlyList<IReadOnlyDictionary<string, string>> configs)
    {
        var tasks = new List<EmbeddedSourceTask>(configs.Count);
        for (var i = 0; i < configs.Count; i++)
        {
            tasks.Add(CreateTask(new ConnectorTaskId(ConnectorName, i), configs[i]));
        }

        _tasks = tasks;
        _taskConfigs = configs;
        foreach (var task in tasks)
        {
            task.Start();
            _ = task.Completion.ContinueWith(
                t => OnError(t.Exception!.InnerException ?? t.Exception),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted,
                TaskScheduler.Default);
        }
    }

    private EmbeddedSourceTask CreateTask(ConnectorTaskId id, IReadOnlyDictionary<string, string> taskConfig)
    {
        var config = _connectorConfig!;
        var logger = _loggerFactory.CreateLogger($"Connect.Sdk.Runtime.Embedded.{ConnectorName}");
        var reporters = new List<IErrorReporter> { _tolerated };
        if (config.ErrorsLogEnabled)
        {
            reporters.Add(new LogErrorReporter(logger, id.ToString(), config.ErrorsLogIncludeMessages));
        }

        var errors = new RetryWithToleranceOperator(config.ErrorRetryTimeout, config.ErrorRetryMaxDelay, config.ToleratesAllErrors, reporters, _options.TimeProvider);
        var taskType = _connector!.TaskType;
        return new EmbeddedSourceTask(
            id,
            PluginRegistry.Instantiate<SourceTask>(taskType),
            taskConfig,
            TransformationChains.Create<SourceRecord>(_resolved, _plugins!),
            ConnectorConverters.Create(_plugins!, _resolved),
            errors,
            config.ErrorRetryTimeout,
            _handOff,
            acknowledgeOnReturn: _channel is null,
            _offsetStore!,
            _workerConfig!.OffsetFlushInterval,
            _workerConfig.OffsetFlushTimeout,
            _options.TimeProvider,
            logger);
    }

    private void OnError(Exception error)
    {
        Interlocked.CompareExchange(ref _failure, error, null);
        _ = Task.Run(() => StopAsync(CancellationToken.None));
    }

    private void OnReconfigurationRequested() => _ = Task.Run(ReconfigureAsync);

    /// <summary>Asks the connector for task configurations again and, when they changed, restarts the tasks with
    /// them (stopping the old ones commits their offsets first).</summary>
    private async Task ReconfigureAsync()
    {
        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_state != EmbeddedEngineState.Running)
            {
                return;
            }

            var configs = TaskConfigs(_connector!);
            if (configs.Count == _taskConfigs.Count && configs.Zip(_taskConfigs).All(p => SameConfig(p.First, p.Second)))
            {
                return;
            }

            _logger.LogInformation("Connector {Connector} asked for task reconfiguration; restarting its tasks", ConnectorName);
            await StopTasksAsync().ConfigureAwait(false);
            StartTasks(configs);
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref _failure, e, null);
            await ShutDownAsync().ConfigureAwait(false);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    private static bool SameConfig(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(e => b.TryGetValue(e.Key, out var value) && value == e.Value);

    private async Task StopTasksAsync()
    {
        var tasks = _tasks;
        _tasks = [];
        foreach (var task in tasks)
        {
            task.RequestStop();
        }

        var timeout = _workerConfig?.TaskShutdownTimeout ?? TimeSpan.FromSeconds(5);
        var deadline = _options.TimeProvider.GetTimestamp() + (long)(timeout.TotalSeconds * _options.TimeProvider.TimestampFrequency);
        foreach (var task in tasks)
        {
            var remaining = TimeSpan.FromSeconds(Math.Max(0, deadline - _options.TimeProvider.GetTimestamp()) / (double)_options.TimeProvider.TimestampFrequency);
            await task.AwaitStopAsync(remaining).ConfigureAwait(false);
        }
    }

    // Called with the lifecycle lock held.
    private async Task ShutDownAsync()
    {
        _state = EmbeddedEngineState.Stopping;
        await StopTasksAsync().ConfigureAwait(false);
        if (_connector is not null)
        {
            try
            {
                _connector.Stop();
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Error while stopping connector {Connector}", ConnectorName);
            }

            _connector = null;
        }

        if (_ownsOffsetStore)
        {
            _offsetStore?.Dispose();
        }

        var failure = Volatile.Read(ref _failure);
        if (_channel is not null)
        {
            // Records nobody read were not acknowledged, so their offsets were not committed: a restarted engine
            // delivers them again. Dropping them lets a reader finish now.
            _channel.Writer.TryComplete(failure);
            while (_channel.Reader.TryRead(out _))
            {
            }
        }

        if (failure is null)
        {
            _state = EmbeddedEngineState.Stopped;
            _completion.TrySetResult();
            _logger.LogInformation("Embedded engine stopped connector {Connector}", ConnectorName);
        }
        else
        {
            _state = EmbeddedEngineState.Failed;
            _completion.TrySetException(failure);
        }
    }
}
