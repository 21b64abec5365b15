using System.Text.RegularExpressions;
using Confluent.Kafka;
using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Errors;
using Connect.Sdk.Runtime.Configuration;
using Connect.Sdk.Runtime.Errors;
using Connect.Sdk.Runtime.Plugins;
using Connect.Sdk.Runtime.Tasks;
using Connect.Sdk.Sink;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using KafkaHeaders = Confluent.Kafka.Headers;
using TopicPartition = Connect.Sdk.TopicPartition;

namespace Connect.Sdk.Runtime.Embedded;

/// <summary>
/// Runs a sink connector's task inside the application, without Kafka: records given as bytes, as a consumer would
/// return them (<see cref="ConsumedRecord"/>), go through the connector's converters and transforms into the task's
/// <see cref="SinkTask.PutAsync"/>, and <see cref="SinkTask.PreCommitAsync"/> decides which offsets count as committed.
/// </summary>
/// <remarks>
/// <para>The configuration is a sink connector configuration (<c>name</c>, <c>connector.class</c>, <c>topics</c> or
/// <c>topics.regex</c>, the connector's own keys, converters, <c>transforms</c>, <c>predicates</c>, <c>errors.*</c>).
/// A converter the configuration does not name is the worker's default: <c>JsonConverter</c> for keys and values,
/// <c>SimpleHeaderConverter</c> for headers. The connector is started and asked for one task configuration, and one
/// task runs, as with <c>tasks.max=1</c>.</para>
/// <para>The pipeline does what the worker's sink task loop does, driven by the caller: a partition is opened the
/// first time one of its records arrives; after a put the current offset of each partition moves past its last record
/// (skipped records included); a <see cref="RetriableException"/> from the put delivers the same batch again after the
/// back-off the task asked for (<see cref="ISinkTaskContext.Timeout"/>) or the error handler's back-off; any other
/// exception fails the pipeline. <see cref="CommitAsync"/> passes the current offsets to
/// <see cref="SinkTask.PreCommitAsync"/>, and what it returns becomes <see cref="CommittedOffsets"/>. Records of
/// partitions the task paused are held back until it resumes them; an offset reset moves the partition's current
/// offset (records are not read again; deliver them again to simulate it). Converter and transform errors, and
/// records reported to the errant record reporter, follow <c>errors.tolerance</c> (see <see cref="ToleratedErrors"/>).
/// Calls are not meant to overlap.</para>
/// </remarks>
public sealed class EmbeddedSinkPipeline : IAsyncDisposable
{
    private readonly SinkConnector _connector;
    private readonly SinkTask _task;
    private readonly SinkTaskContext _context;
    private readonly RecordConverters _converters;
    private readonly TransformationStage<SinkRecord> _transforms;
    private readonly RetryWithToleranceOperator _errors;
    private readonly SinkRecordConversion _conversion;
    private readonly CapturingErrorReporter _tolerated;
    private readonly ConnectorConfig _config;
    private readonly IReadOnlySet<string> _topics;
    private readonly Regex? _topicsRegex;
    private readonly EmbeddedSinkPipelineOptions _options;
    private readonly ILogger _logger;
    private readonly List<TopicPartition> _assignment = [];
    private readonly HashSet<TopicPartition> _paused = [];
    private readonly List<ConsumedRecord> _held = [];
    private readonly Dictionary<TopicPartition, long> _currentOffsets = [];
    private readonly Dictionary<TopicPartition, long> _committedOffsets = [];
    private readonly Dictionary<(string Topic, int Partition, long Offset), ConsumeResult<byte[]?, byte[]?>> _originals = [];
    private readonly CancellationTokenSource _stopping = new();
    private bool _stopped;
    private Exception? _failure;

    private EmbeddedSinkPipeline(
        string name,
        SinkConnector connector,
        SinkTask task,
        IReadOnlyDictionary<string, string> taskConfig,
        RecordConverters converters,
        TransformationStage<SinkRecord> transforms,
        RetryWithToleranceOperator errors,
        CapturingErrorReporter tolerated,
        ConnectorConfig config,
        EmbeddedSinkPipelineOptions options,
        ILogger logger)
    {
        ConnectorName = name;
        _connector = connector;
        _task = task;
        TaskConfig = taskConfig;
        _converters = converters;
        _transforms = transforms;
        _errors = errors;
        _conversion = new SinkRecordConversion(converters, transforms, errors);
        _tolerated = tolerated;
        _config = config;
        _options = options;
        _logger = logger;
        _topics = (config.GetList(ConnectorConfig.TopicsConfig) ?? []).ToHashSet(StringComparer.Ordinal);
        var regex = config.GetString(ConnectorConfig.TopicsRegexConfig);
        _topicsRegex = string.IsNullOrEmpty(regex) ? null : ConnectorConfig.CompileTopicsRegex(regex);
        _context = new SinkTaskContext(taskConfig, new ErrantRecordReporter(errors, task.GetType(), converters, FindOriginal));
    }

    /// <summary>The connector's <c>name</c>.</summary>
    public string ConnectorName { get; }

    /// <summary>The running task.</summary>
    public SinkTask Task => _task;

    /// <summary>The configuration the connector gave the task.</summary>
    public IReadOnlyDictionary<string, string> TaskConfig { get; }

    /// <summary>The partitions opened so far, in the order they were first seen.</summary>
    public IReadOnlyList<TopicPartition> Assignment => [.. _assignment];

    /// <summary>The partitions the task has paused.</summary>
    public IReadOnlyCollection<TopicPartition> PausedPartitions => [.. _paused];

    /// <summary>The offset after the last record delivered (or skipped), per partition: what the next
    /// <see cref="CommitAsync"/> passes to the task.</summary>
    public IReadOnlyDictionary<TopicPartition, long> CurrentOffsets => new Dictionary<TopicPartition, long>(_currentOffsets);

    /// <summary>The offsets committed so far: per partition, the next offset to consume, as last approved by
    /// <see cref="SinkTask.PreCommitAsync"/>.</summary>
    public IReadOnlyDictionary<TopicPartition, long> CommittedOffsets => new Dictionary<TopicPartition, long>(_committedOffsets);

    /// <summary>The errors tolerated with <c>errors.tolerance=all</c> (converters, transforms and records the task
    /// reported as errant), each with the original record, in order.</summary>
    public IReadOnlyList<ErrorContext> ToleratedErrors => _tolerated.Errors;

    /// <summary>Starts the connector and one task.</summary>
    /// <param name="config">The sink connector configuration (see the remarks of <see cref="EmbeddedSinkPipeline"/>).</param>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running pipeline.</returns>
    /// <exception cref="ConfigException">A configuration key is invalid.</exception>
    /// <exception cref="ConnectException">The connector or its task cannot be created or started.</exception>
    public static Task<EmbeddedSinkPipeline> StartAsync(
        IReadOnlyDictionary<string, string> config,
        EmbeddedSinkPipelineOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        cancellationToken.ThrowIfCancellationRequested();
        options ??= new EmbeddedSinkPipelineOptions();
        var resolved = ConfigTransformer.FromWorkerConfig(config).Transform(config);
        var connectorConfig = new ConnectorConfig(ConnectorConfig.SinkDefinition, resolved);
        var name = connectorConfig.Name;
        var plugins = options.Plugins ?? PluginRegistry.FromApplication();
        var descriptor = plugins.Resolve(connectorConfig.ConnectorClass, PluginType.Source, PluginType.Sink);
        if (descriptor.Kind != PluginType.Sink)
        {
            throw new ConnectException(
                $"Connector {name}: {descriptor.ClassName} is a source connector; the embedded sink pipeline runs sink connectors. Use EmbeddedEngine for source connectors.");
        }

        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger($"Connect.Sdk.Runtime.Embedded.{name}");
        var connector = PluginRegistry.Instantiate<SinkConnector>(descriptor.Type);
        var connectorContext = new SinkConnectorContext(name, logger);
        connector.Initialize(connectorContext);
        try
        {
            connector.Start(resolved);
        }
        catch (Exception e) when (e is not ConfigException)
        {
            throw new ConnectException($"Failed to start connector {name}: {e.Message}", e);
        }

        var pieces = new List<IDisposable>();
        try
        {
            var taskConfigs = connector.TaskConfigs(1);
            if (taskConfigs.Count != 1)
            {
                throw new ConnectException($"Connector {name} produced {taskConfigs.Count} task configurations for tasks.max=1; expected exactly 1.");
            }

            var workerDefaults = new WorkerConfig(new Dictionary<string, string>());
            var converters = ConverterFactory.Create(plugins, resolved, key => new ConverterSettings(workerDefaults.GetClass(key)!, new Dictionary<string, string>()));
            pieces.Add(converters);
            var transforms = TransformationChains.Create<SinkRecord>(resolved, plugins);
            pieces.Add(new DisposeAction(transforms.Dispose));
            var tolerated = new CapturingErrorReporter();
            var reporters = new List<IErrorReporter> { tolerated };
            if (connectorConfig.ErrorsLogEnabled)
            {
                reporters.Add(new LogErrorReporter(logger, $"{name}-0", connectorConfig.ErrorsLogIncludeMessages));
            }

            var errors = new RetryWithToleranceOperator(
                connectorConfig.ErrorRetryTimeout, connectorConfig.ErrorRetryMaxDelay, connectorConfig.ToleratesAllErrors, reporters, options.TimeProvider);
            pieces.Add(errors);
            var task = PluginRegistry.Instantiate<SinkTask>(connector.TaskType);
            var pipeline = new EmbeddedSinkPipeline(name, connector, task, taskConfigs[0], converters, transforms, errors, tolerated, connectorConfig, options, logger);
            connectorContext.Failed = e => pipeline._failure ??= new ConnectException($"Connector {name} raised an error: {e.Message}", e);
            task.Initialize(pipeline._context);
            task.Start(taskConfigs[0]);
            logger.LogInformation("Embedded sink pipeline started connector {Connector}", name);
            return System.Threading.Tasks.Task.FromResult(pipeline);
        }
        catch (Exception e)
        {
            pieces.ForEach(p => p.Dispose());
            try
            {
                connector.Stop();
            }
            catch (Exception stopError)
            {
                logger.LogWarning(stopError, "Error while stopping connector {Connector}", name);
            }

            if (e is ConnectException or ConfigException)
            {
                throw;
            }

            throw new ConnectException($"Failed to start the task of connector {name}: {e.Message}", e);
        }
    }

    /// <summary>Delivers records as one consumer batch: each goes through the converters and transforms, and those
    /// that remain go to <see cref="SinkTask.PutAsync"/> together (redelivered after a <see cref="RetriableException"/>).</summary>
    /// <param name="records">The records, of subscribed topics.</param>
    /// <param name="cancellationToken">Cancels the delivery, including back-offs before redelivery.</param>
    /// <returns>The records put, after transforms (records of paused partitions are held back and not among them).</returns>
    /// <exception cref="ArgumentException">A record's topic is not one the connector subscribes to.</exception>
    /// <exception cref="ConnectException">A converter, transform or the put failed and the error was not tolerated; the pipeline has failed.</exception>
    /// <exception cref="RetriableException">The put kept failing for <see cref="EmbeddedSinkPipelineOptions.MaxDeliveryAttempts"/> attempts.</exception>
    /// <exception cref="InvalidOperationException">The pipeline has stopped or failed.</exception>
    public async Task<IReadOnlyList<SinkRecord>> DeliverAsync(IEnumerable<ConsumedRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ThrowIfNotRunning();
        var incoming = records.ToList();
        foreach (var record in incoming)
        {
            ArgumentNullException.ThrowIfNull(record, nameof(records));
            if (!_topics.Contains(record.Topic) && _topicsRegex?.IsMatch(record.Topic) != true)
            {
                throw new ArgumentException(
                    $"Connector {ConnectorName} does not subscribe to topic '{record.Topic}' (topics={string.Join(",", _topics)}{(_topicsRegex is null ? string.Empty : $", topics.regex={_config.GetString(ConnectorConfig.TopicsRegexConfig)}")}).",
                    nameof(records));
            }
        }

        try
        {
            ApplyContextRequests();
            var ready = _held.Where(r => !_paused.Contains(new TopicPartition(r.Topic, r.Partition))).ToList();
            _held.RemoveAll(ready.Contains);
            foreach (var record in incoming)
            {
                (_paused.Contains(new TopicPartition(record.Topic, record.Partition)) ? _held : ready).Add(record);
            }

            Open(ready.Select(r => new TopicPartition(r.Topic, r.Partition)).Distinct().Where(p => !_assignment.Contains(p)).ToList());
            var batchOffsets = new Dictionary<TopicPartition, long>();
            var batch = new List<SinkRecord>(ready.Count);
            _originals.Clear();
            foreach (var input in ready)
            {
                batchOffsets[new TopicPartition(input.Topic, input.Partition)] = input.Offset + 1;
                var consumed = ToConsumeResult(input);
                var record = await _conversion.ConvertAndTransformAsync(consumed, reusable: null, cancellationToken).ConfigureAwait(false);
                if (record is not null)
                {
                    _originals[(record.OriginalTopic, record.OriginalKafkaPartition, record.OriginalKafkaOffset)] = consumed;
                    batch.Add(record);
                }
            }

            if (batch.Count > 0)
            {
                await PutWithRetriesAsync(batch, cancellationToken).ConfigureAwait(false);
            }

            foreach (var (partition, offset) in batchOffsets)
            {
                _currentOffsets[partition] = offset;
            }

            ApplyContextRequests();
            if (_context.TakeCommitRequest())
            {
                await CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return batch;
        }
        catch (ConnectException e) when (e is not RetriableException)
        {
            _failure ??= e;
            throw;
        }
    }

    /// <summary>Delivers records as one consumer batch; see <see cref="DeliverAsync(IEnumerable{ConsumedRecord}, CancellationToken)"/>.</summary>
    /// <param name="records">The records.</param>
    /// <returns>The records put, after transforms.</returns>
    public Task<IReadOnlyList<SinkRecord>> DeliverAsync(params ConsumedRecord[] records) => DeliverAsync(records, CancellationToken.None);

    /// <summary>Commits offsets as the worker does at each <c>offset.flush.interval.ms</c>: passes the current offsets
    /// of the open partitions to <see cref="SinkTask.PreCommitAsync"/> and records what it returns in
    /// <see cref="CommittedOffsets"/>. Does not call the task when no partition has a current offset.</summary>
    /// <param name="cancellationToken">Passed to the task.</param>
    /// <returns>The offsets committed.</returns>
    /// <exception cref="InvalidOperationException">The pipeline has stopped or failed.</exception>
    public async Task<IReadOnlyDictionary<TopicPartition, OffsetAndMetadata>> CommitAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfNotRunning();
        var current = _assignment
            .Where(_currentOffsets.ContainsKey)
            .ToDictionary(p => p, p => new OffsetAndMetadata(_currentOffsets[p]));
        if (current.Count == 0)
        {
            return new Dictionary<TopicPartition, OffsetAndMetadata>();
        }

        var approved = await _task.PreCommitAsync(current, cancellationToken).ConfigureAwait(false);
        var committed = approved.Where(e => _assignment.Contains(e.Key)).ToDictionary(e => e.Key, e => e.Value);
        foreach (var (partition, offset) in committed)
        {
            _committedOffsets[partition] = offset.Offset;
        }

        ApplyContextRequests();
        return committed;
    }

    /// <summary>Stops as the worker stops a sink task: commits (unless the pipeline failed), closes the open partitions,
    /// stops the task and the connector. Does nothing when already stopped.</summary>
    /// <param name="cancellationToken">Passed to the task's final pre-commit.</param>
    /// <returns>A task that completes when the pipeline has stopped.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_stopped)
        {
            return;
        }

        try
        {
            if (_failure is null)
            {
                await CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogError(e, "Connector {Connector}: the final commit failed", ConnectorName);
        }
        finally
        {
            _stopped = true;
            await _stopping.CancelAsync().ConfigureAwait(false);
            Safely(() => _task.Close([.. _assignment]), "closing the partitions", _assignment.Count > 0);
            Safely(_task.Stop, "stopping the task");
            Safely(_connector.Stop, "stopping the connector");
            _transforms.Dispose();
            _converters.Dispose();
            _errors.Dispose();
            _stopping.Dispose();
        }
    }

    /// <summary>Stops the pipeline; see <see cref="StopAsync"/>.</summary>
    /// <returns>A task that completes when the pipeline has stopped.</returns>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private void ThrowIfNotRunning()
    {
        if (_stopped)
        {
            throw new InvalidOperationException($"The sink pipeline of connector {ConnectorName} has stopped.");
        }

        if (_failure is not null)
        {
            throw new InvalidOperationException($"The sink pipeline of connector {ConnectorName} failed: {_failure.Message}", _failure);
        }
    }

    private void Open(IReadOnlyList<TopicPartition> partitions)
    {
        if (partitions.Count == 0)
        {
            return;
        }

        _assignment.AddRange(partitions);
        _context.SetAssignment([.. _assignment]);
        _task.Open(partitions);
        ApplyContextRequests();
    }

    private async Task PutWithRetriesAsync(List<SinkRecord> batch, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _task.PutAsync(batch, linked.Token).ConfigureAwait(false);
                return;
            }
            catch (RetriableException e) when (_options.MaxDeliveryAttempts is not { } max || attempt < max)
            {
                var backoff = _context.RequestedTimeout ?? _errors.Backoff(attempt, _config.ErrorRetryMaxDelay);
                _logger.LogWarning(e, "Connector {Connector}: RetriableException from SinkTask; redelivering the same {Count} records in {Backoff} ms", ConnectorName, batch.Count, backoff.TotalMilliseconds);
                await System.Threading.Tasks.Task.Delay(backoff, _options.TimeProvider, linked.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not RetriableException && e is not OperationCanceledException)
            {
                throw new ConnectException("Exiting WorkerSinkTask due to unrecoverable exception.", e);
            }
        }
    }

    private static ConsumeResult<byte[]?, byte[]?> ToConsumeResult(ConsumedRecord record)
    {
        var headers = new KafkaHeaders();
        foreach (var (key, value) in record.Headers)
        {
            headers.Add(key, value);
        }

        return new ConsumeResult<byte[]?, byte[]?>
        {
            TopicPartitionOffset = new TopicPartitionOffset(record.Topic, record.Partition, record.Offset),
            Message = new Message<byte[]?, byte[]?>
            {
                Key = record.Key,
                Value = record.Value,
                Headers = headers,
                Timestamp = record.Timestamp is { } ms ? new Timestamp(ms, Confluent.Kafka.TimestampType.CreateTime) : Timestamp.Default,
            },
        };
    }

    private void ApplyContextRequests()
    {
        foreach (var (partition, offset) in _context.TakeOffsetResets())
        {
            if (_assignment.Contains(partition))
            {
                _currentOffsets[partition] = offset;
                _logger.LogInformation("Connector {Connector}: rewind {Partition} to offset {Offset}", ConnectorName, partition, offset);
            }
            else
            {
                // Not (yet) open: keep the request until it is.
                _context.Offset(partition, offset);
            }
        }

        foreach (var (pause, partitions) in _context.TakePauseRequests())
        {
            foreach (var partition in partitions.Where(_assignment.Contains))
            {
                if (pause)
                {
                    _paused.Add(partition);
                }
                else
                {
                    _paused.Remove(partition);
                }
            }
        }
    }

    private ConsumeResult<byte[]?, byte[]?>? FindOriginal(SinkRecord record) =>
        _originals.GetValueOrDefault((record.OriginalTopic, record.OriginalKafkaPartition, record.OriginalKafkaOffset));

    private void Safely(Action action, string what, bool when = true)
    {
        if (!when)
        {
            return;
        }

        try
        {
            action();
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Connector {Connector}: exception while {What}", ConnectorName, what);
        }
    }

    private sealed class DisposeAction(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }

    private sealed class SinkConnectorContext(string name, ILogger logger) : ISinkConnectorContext
    {
        public Action<Exception>? Failed { get; set; }

        public void RequestTaskReconfiguration() =>
            logger.LogInformation("Connector {Connector} asked for task reconfiguration, which the embedded sink pipeline does not do", name);

        public void RaiseError(Exception error)
        {
            ArgumentNullException.ThrowIfNull(error);
            logger.LogError(error, "Connector {Connector} raised an error; the pipeline fails", name);
            Failed?.Invoke(error);
        }
    }
}
