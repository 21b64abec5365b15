using Connect.Sdk.Errors;
using Connect.Sdk.Runtime.Errors;
using Connect.Sdk.Runtime.Storage;
using Connect.Sdk.Runtime.Tasks;
using Connect.Sdk.Runtime.Worker;
using Connect.Sdk.Source;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Runtime.Embedded;

/// <summary>
/// Runs one source task of an embedded engine on its own loop, as the worker's source task loop does but with the
/// application in place of the producer: poll → transforms → converters (when configured) → hand-off. A record's
/// offset becomes committable once the application acknowledged it and every earlier record of its source partition
/// (<see cref="SubmittedRecords"/>); committable offsets are written every <c>offset.flush.interval.ms</c> and on stop.
/// </summary>
internal sealed class EmbeddedSourceTask
{
    private readonly SourceTask _task;
    private readonly IReadOnlyDictionary<string, string> _taskConfig;
    private readonly TransformationStage<SourceRecord> _transforms;
    private readonly ConnectorConverters _converters;
    private readonly RetryWithToleranceOperator _errors;
    private readonly TimeSpan _retryTimeout;
    private readonly Func<EmbeddedRecord, CancellationToken, ValueTask> _handOff;
    private readonly bool _acknowledgeOnReturn;
    private readonly IOffsetBackingStore _offsetStore;
    private readonly TimeSpan _flushInterval;
    private readonly TimeSpan _flushTimeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SubmittedRecords _submitted = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    /// <summary>Creates the loop of one task.</summary>
    /// <param name="id">The task id.</param>
    /// <param name="task">The connector's task instance.</param>
    /// <param name="taskConfig">The configuration the connector gave the task.</param>
    /// <param name="transforms">The connector's transforms.</param>
    /// <param name="converters">The configured converters.</param>
    /// <param name="errors">The connector's error handling.</param>
    /// <param name="retryTimeout">How long a RetriableException from the hand-off is retried.</param>
    /// <param name="handOff">Gives a record to the application.</param>
    /// <param name="acknowledgeOnReturn">Whether the record is acknowledged when <paramref name="handOff"/> returns
    /// (a handler) rather than later by the application (the channel).</param>
    /// <param name="offsetStore">Where offsets are read and committed.</param>
    /// <param name="flushInterval">How often offsets are committed.</param>
    /// <param name="flushTimeout">How long a stop waits for records handed off to be acknowledged.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The task's logger.</param>
    public EmbeddedSourceTask(
        ConnectorTaskId id,
        SourceTask task,
        IReadOnlyDictionary<string, string> taskConfig,
        TransformationStage<SourceRecord> transforms,
        ConnectorConverters converters,
        RetryWithToleranceOperator errors,
        TimeSpan retryTimeout,
        Func<EmbeddedRecord, CancellationToken, ValueTask> handOff,
        bool acknowledgeOnReturn,
        IOffsetBackingStore offsetStore,
        TimeSpan flushInterval,
        TimeSpan flushTimeout,
        TimeProvider time,
        ILogger logger)
    {
        Id = id;
        _task = task;
        _taskConfig = taskConfig;
        _transforms = transforms;
        _converters = converters;
        _errors = errors;
        _retryTimeout = retryTimeout;
        _handOff = handOff;
        _acknowledgeOnReturn = acknowledgeOnReturn;
        _offsetStore = offsetStore;
        _flushInterval = flushInterval;
        _flushTimeout = flushTimeout;
        _time = time;
        _logger = logger;
    }

    public ConnectorTaskId Id { get; }

    /// <summary>Completes when the loop ended; faults with the error that failed the task.</summary>
    public Task Completion => _loop;

    private CancellationToken StoppingToken => _stopping.Token;

    /// <summary>Starts the loop on its own thread.</summary>
    public void Start() =>
        _loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    /// <summary>Asks the loop to stop: it finishes the record in hand, commits and stops the connector's task.</summary>
    public void RequestStop() => _stopping.Cancel();

    /// <summary>Waits for the loop to end, up to a timeout; a task that does not stop in time is abandoned.</summary>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>Whether the loop ended in time.</returns>
    public async Task<bool> AwaitStopAsync(TimeSpan timeout)
    {
        try
        {
            // WaitAsync releases its timer as soon as the loop ends, so a stopped engine leaves no timer behind.
            await _loop.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _logger.LogError("Graceful stop of task {Task} failed: it did not stop within {Timeout} ms; abandoning it.", Id, timeout.TotalMilliseconds);
            return false;
        }
        catch (Exception)
        {
            // The loop failed; the engine learns of it from Completion.
        }

        return true;
    }

    private async Task RunAsync()
    {
        using var scope = _logger.BeginScope("[{Context}]", Id.LogContext);
        var started = false;
        try
        {
            _task.Initialize(new SourceTaskContext(_taskConfig, new OffsetStorageReader(Id.Connector, _offsetStore)));
            _task.Start(_taskConfig);
            started = true;
            _logger.LogInformation("{Task} Source task finished initialization and start", Id);
            var lastCommit = _time.GetTimestamp();
            while (!StoppingToken.IsCancellationRequested)
            {
                var batch = await SourceTaskPolling.PollAsync(_task, Id, _logger, StoppingToken).ConfigureAwait(false);
                foreach (var record in batch ?? [])
                {
                    if (!await ProcessAsync(record).ConfigureAwait(false))
                    {
                        break;
                    }
                }

                if (_time.GetElapsedTime(lastCommit) >= _flushInterval)
                {
                    lastCommit = _time.GetTimestamp();
                    await CommitOffsetsAsync().ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (StoppingToken.IsCancellationRequested)
        {
            // Stopping while a transform or converter was being retried.
        }
        catch (Exception e)
        {
            _logger.LogError(e, "{Task} Task threw an uncaught and unrecoverable exception. Task is being killed and will not recover until manually restarted.", Id);
            throw new ConnectException($"Task {Id} failed: {e.Message}", e);
        }
        finally
        {
            await ShutDownAsync(started).ConfigureAwait(false);
        }
    }

    /// <summary>Transforms, converts and hands off one record; returns false when the task is stopping.</summary>
    private async Task<bool> ProcessAsync(SourceRecord record)
    {
        var transformed = await _errors.ExecuteAsync(Stage.Transformation, _transforms.ReportedType, () => _transforms.Apply(record), null, record, StoppingToken)
            .ConfigureAwait(false);
        if (transformed.IsFailed || transformed.Value is null)
        {
            Skip(record);
            return true;
        }

        var output = transformed.Value;
        var key = _converters.Key is null
            ? Outcome<byte[]?>.Success(null)
            : await _errors.ExecuteAsync(Stage.KeyConverter, _converters.Key.GetType(), () => _converters.ConvertKey(output), null, output, StoppingToken)
                .ConfigureAwait(false);
        var value = key.IsFailed
            ? Outcome<byte[]?>.Failed
            : _converters.Value is null
                ? Outcome<byte[]?>.Success(null)
                    : await _errors.ExecuteAsync(Stage.ValueConverter, _converters.Value.GetType(), () => _converters.ConvertValue(output), null, output, StoppingToken)
                    .ConfigureAwait(false);
        var headers = value.IsFailed
            ? Outcome<IReadOnlyList<KeyValuePair<string, byte[]?>>?>.Failed
            : _converters.Header is null
                ? Outcome<IReadOnlyList<KeyValuePair<string, byte[]?>>?>.Success(null)
                : await _errors.ExecuteAsync(Stage.HeaderConverter, _converters.Header.GetType(), () => _converters.ConvertHeaders(output.Topic, output.Headers), null, output, StoppingToken)
                    .ConfigureAwait(false);
        if (headers.IsFailed)
        {
            Skip(record);
            return true;
        }

        var submitted = _submitted.Submit(record.SourcePartition, record.SourceOffset);
        var metadata = new RecordMetadata(output.Topic, output.KafkaPartition ?? -1, -1, output.Timestamp);
        var embedded = new EmbeddedRecord(Id.Connector, Id.Task, output, key.Value, value.Value, headers.Value, () =>
        {
            submitted.Acknowledge();
            CommitRecord(record, metadata);
        });
        return await HandOffAsync(embedded, record).ConfigureAwait(false);
    }

    /// <summary>Gives a record to the application, retrying a RetriableException within <c>errors.retry.timeout</c>;
    /// a failure is tolerated (the record is skipped) or fails the task, per <c>errors.tolerance</c>.</summary>
    private async Task<bool> HandOffAsync(EmbeddedRecord embedded, SourceRecord original)
    {
        var start = _time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _handOff(embedded, StoppingToken).ConfigureAwait(false);
                if (_acknowledgeOnReturn)
                {
                    embedded.Acknowledge();
                }

                return true;
            }
            catch (OperationCanceledException) when (StoppingToken.IsCancellationRequested)
            {
                // Stopping: the record was not acknowledged, so its offset is not committed and it comes again.
                return false;
            }
            catch (RetriableException e) when (RetryTimeLeft(start) > TimeSpan.Zero)
            {
                var backoff = _errors.Backoff(attempt, RetryTimeLeft(start));
                _logger.LogWarning(e, "{Task} The record handler failed; retrying in {Backoff} ms", Id, backoff.TotalMilliseconds);
                try
                {
                    await Task.Delay(backoff, _time, StoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return false;
                }
            }
            catch (Exception e)
            {
                // The handler takes the producer's place, so its failures are reported as the producer's would be.
                await _errors.HandleAsync(new ErrorContext(Stage.KafkaProduce, typeof(EmbeddedEngine), e, null, embedded.Record)).ConfigureAwait(false);
                _logger.LogError(e, "{Task} The record handler failed; skipping the record because errors.tolerance=all", Id);
                Skip(original);
                return true;
            }
        }
    }

    private TimeSpan RetryTimeLeft(long start) =>
        _retryTimeout == Timeout.InfiniteTimeSpan ? TimeSpan.MaxValue : _retryTimeout - _time.GetElapsedTime(start);

    private void Skip(SourceRecord record)
    {
        // A dropped record's offset is committable: it is acknowledged at once, in order with its partition.
        _submitted.Submit(record.SourcePartition, record.SourceOffset).Acknowledge();
        CommitRecord(record, null);
    }

    private void CommitRecord(SourceRecord record, RecordMetadata? metadata)
    {
        try
        {
            var pending = _task.CommitRecordAsync(record, metadata, CancellationToken.None);
            if (!pending.IsCompletedSuccessfully)
            {
                pending.AsTask().ContinueWith(
                    t => _logger.LogError(t.Exception, "{Task} Exception thrown while calling task.CommitRecordAsync()", Id),
                    CancellationToken.None,
                    TaskContinuationOptions.OnlyOnFaulted,
                    TaskScheduler.Default);
            }
        }
        catch (Exception e)
        {
            _logger.LogError(e, "{Task} Exception thrown while calling task.CommitRecordAsync()", Id);
        }
    }

    private Task CommitOffsetsAsync() =>
        SourceOffsetCommit.CommitAsync(_submitted, _task, _offsetStore, Id, _logger, StoppingToken);

    private async Task ShutDownAsync(bool started)
    {
        try
        {
            if (started)
            {
                // Records in the channel get the flush timeout to be read; then what was acknowledged is committed.
                await _submitted.AwaitAllAsync(_acknowledgeOnReturn ? TimeSpan.Zero : _flushTimeout, CancellationToken.None).ConfigureAwait(false);
                await CommitOffsetsAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            _logger.LogError(e, "{Task} Failed to commit offsets on stop", Id);
        }

        if (started)
        {
            try
            {
                _task.Stop();
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "{Task} Exception thrown while stopping the task", Id);
            }
        }

        _transforms.Dispose();
        _converters.Dispose();
        _errors.Dispose();
    }
}
