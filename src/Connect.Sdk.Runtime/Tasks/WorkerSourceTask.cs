using Confluent.Kafka;
using Connect.Sdk.Errors;
using Connect.Sdk.Runtime.Errors;
using Connect.Sdk.Runtime.Metrics;
using Connect.Sdk.Runtime.Storage;
using Connect.Sdk.Runtime.Worker;
using Connect.Sdk.Source;
using Microsoft.Extensions.Logging;
using KafkaTopicPartition = Confluent.Kafka.TopicPartition;

namespace Connect.Sdk.Runtime.Tasks;

/// <summary>
/// Runs a <see cref="SourceTask"/>: poll → transforms → converters → producer. A record's source offset becomes
/// committable only when Kafka acknowledged it and every earlier record of its source partition; committable offsets
/// are written to the offset store every <c>offset.flush.interval.ms</c> and on stop.
/// </summary>
internal sealed class WorkerSourceTask : WorkerTask
{
    /// <summary>At most this many delivered record handles are kept for reuse.</summary>
    private const int InFlightPoolLimit = 8_192;

    private readonly SourceTask _task;
    private readonly IReadOnlyDictionary<string, string> _taskConfig;
    private readonly RecordConverters _converters;
    private readonly TransformationStage<SourceRecord> _transforms;
    private readonly RetryWithToleranceOperator _errors;
    private readonly Func<IProducer<byte[]?, byte[]?>> _producerFactory;
    private readonly IOffsetBackingStore _offsetStore;
    private readonly TimeSpan _flushInterval;
    private readonly TimeSpan _flushTimeout;
    private readonly TimeProvider _time;
    private readonly TaskMetrics _metrics;
    private readonly SubmittedRecords _submitted = new();
    private readonly HashSet<string> _checkedTopics = new(StringComparer.Ordinal);
    private readonly bool _commitsRecords;
    private readonly Type _keyConverterType;
    private readonly Type _valueConverterType;
    private readonly Type _headerConverterType;
    private readonly Stack<InFlightRecord> _inFlightPool = new();
    private IProducer<byte[]?, byte[]?>? _producer;
    private KafkaTopicPartition? _lastDestination;
    private volatile Exception? _producerFailure;

    public WorkerSourceTask(
        ConnectorTaskId id,
        string workerId,
        SourceTask task,
        IReadOnlyDictionary<string, string> taskConfig,
        RecordConverters converters,
        TransformationStage<SourceRecord> transforms,
        RetryWithToleranceOperator errors,
        Func<IProducer<byte[]?, byte[]?>> producerFactory,
        IOffsetBackingStore offsetStore,
        TimeSpan flushInterval,
        TimeSpan flushTimeout,
        TimeProvider time,
        TaskMetrics metrics,
        ILogger logger,
        Action<ConnectorTaskId, ComponentStatus> onStatus)
        : base(id, workerId, logger, onStatus)
    {
        _task = task;
        _taskConfig = taskConfig;
        _converters = converters;
        _transforms = transforms;
        _errors = errors;
        _producerFactory = producerFactory;
        _offsetStore = offsetStore;
        _flushInterval = flushInterval;
        _flushTimeout = flushTimeout;
        _time = time;
        _metrics = metrics;
        _commitsRecords = OverridesCommitRecord(task.GetType());
        _keyConverterType = converters.Key.GetType();
        _valueConverterType = converters.Value.GetType();
        _headerConverterType = converters.Header.GetType();
    }

    /// <summary>Creates a topic the task is about to write to for the first time (<c>topic.creation.*</c>), or null.</summary>
    public Func<string, Task>? TopicCreator { get; init; }

    /// <summary>Whether a task type overrides <see cref="SourceTask.CommitRecordAsync"/>; the base method does nothing,
    /// so for tasks that keep it neither the call nor its <see cref="RecordMetadata"/> is needed.</summary>
    internal static bool OverridesCommitRecord(Type taskType) =>
        taskType.GetMethod(nameof(SourceTask.CommitRecordAsync), [typeof(SourceRecord), typeof(RecordMetadata), typeof(CancellationToken)])?.DeclaringType
            != typeof(SourceTask);

    protected override async Task ExecuteAsync()
    {
        _producer = _producerFactory();
        var started = false;
        try
        {
            _task.Initialize(new SourceTaskContext(_taskConfig, new OffsetStorageReader(Id.Connector, _offsetStore)));
            _task.Start(_taskConfig);
            started = true;
            Logger.LogInformation("{Task} Source task finished initialization and start", Id);
            var lastCommit = _time.GetTimestamp();
            while (!StoppingToken.IsCancellationRequested)
            {
                if (IsPaused)
                {
                    await CommitIfDueAsync(ref lastCommit).ConfigureAwait(false);
                    await WaitWhilePausedAsync(_flushInterval).ConfigureAwait(false);
                    continue;
                }

                ThrowIfProducerFailed();
                var batch = await SourceTaskPolling.PollAsync(_task, Id, Logger, StoppingToken).ConfigureAwait(false);
                if (batch is { Count: > 0 })
                {
                    _metrics.RecordPoll(batch.Count);
                    foreach (var record in batch)
                    {
                        await SendAsync(record).ConfigureAwait(false);
                    }
                }

                await CommitIfDueAsync(ref lastCommit).ConfigureAwait(false);
            }
        }
        finally
        {
            await ShutDownAsync(started).ConfigureAwait(false);
        }
    }

    /// <summary>Transforms, converts and produces one record. Every stage is tried once directly, since they nearly
    /// always succeed; only when one throws does the error-handling operator take over, from that stage, with that
    /// exception as its first failure, which is what running the stage under the operator does.</summary>
    private Task SendAsync(SourceRecord record)
    {
        SourceRecord? output = null;
        byte[]? key = null;
        byte[]? value = null;
        Headers? headers;
        var stage = Stage.Transformation;
        try
        {
            output = _transforms.Apply(record);
            if (output is null)
            {
                SkipRecord(record);
                return Task.CompletedTask;
            }

            stage = Stage.KeyConverter;
            key = _converters.Key.FromConnectData(output.Topic, output.Headers, output.KeySchema, output.Key);
            stage = Stage.ValueConverter;
            value = _converters.Value.FromConnectData(output.Topic, output.Headers, output.ValueSchema, output.Value);
            stage = Stage.HeaderConverter;
            headers = _converters.ToKafkaHeaders(output.Topic, output.Headers);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return SendAfterFailureAsync(record, stage, e, output, key, value);
        }

        return ProduceAsync(record, output, key, value, headers);
    }

    /// <summary>The rest of <see cref="SendAsync"/> once a stage threw: that stage goes to the operator with the
    /// exception, later stages run under the operator.</summary>
    private async Task SendAfterFailureAsync(SourceRecord record, Stage failed, Exception error, SourceRecord? output, byte[]? key, byte[]? value)
    {
        if (failed == Stage.Transformation)
        {
            var transformed = await _errors.ContinueAfterFailureAsync(Stage.Transformation, _transforms.ReportedType, static s => s.Transforms.Apply(s.Record), (Transforms: _transforms, Record: record), error, null, record, StoppingToken)
                .ConfigureAwait(false);
            if (transformed.IsFailed || transformed.Value is null)
            {
                SkipRecord(record);
                return;
            }

            output = transformed.Value;
        }

        var converted = output!;
        if (failed <= Stage.KeyConverter)
        {
            var keyOutcome = failed == Stage.KeyConverter
                ? await _errors.ContinueAfterFailureAsync(Stage.KeyConverter, _keyConverterType, ConvertKey, (Converters: _converters, Output: converted), error, null, converted, StoppingToken).ConfigureAwait(false)
                : await _errors.ExecuteAsync(Stage.KeyConverter, _keyConverterType, ConvertKey, (Converters: _converters, Output: converted), null, converted, StoppingToken).ConfigureAwait(false);
            if (keyOutcome.IsFailed)
            {
                SkipRecord(record);
                return;
            }

            key = keyOutcome.Value;
        }

        if (failed <= Stage.ValueConverter)
        {
            var valueOutcome = failed == Stage.ValueConverter
                ? await _errors.ContinueAfterFailureAsync(Stage.ValueConverter, _valueConverterType, ConvertValue, (Converters: _converters, Output: converted), error, null, converted, StoppingToken).ConfigureAwait(false)
                : await _errors.ExecuteAsync(Stage.ValueConverter, _valueConverterType, ConvertValue, (Converters: _converters, Output: converted), null, converted, StoppingToken).ConfigureAwait(false);
            if (valueOutcome.IsFailed)
            {
                SkipRecord(record);
                return;
            }

            value = valueOutcome.Value;
        }

        var headersOutcome = failed == Stage.HeaderConverter
            ? await _errors.ContinueAfterFailureAsync(Stage.HeaderConverter, _headerConverterType, ConvertRecordHeaders, (Converters: _converters, Output: converted), error, null, converted, StoppingToken).ConfigureAwait(false)
            : await _errors.ExecuteAsync(Stage.HeaderConverter, _headerConverterType, ConvertRecordHeaders, (Converters: _converters, Output: converted), null, converted, StoppingToken).ConfigureAwait(false);
        if (headersOutcome.IsFailed)
        {
            SkipRecord(record);
            return;
        }

        await ProduceAsync(record, converted, key, value, headersOutcome.Value).ConfigureAwait(false);
    }

    private static byte[]? ConvertKey((RecordConverters Converters, SourceRecord Output) s) =>
        s.Converters.Key.FromConnectData(s.Output.Topic, s.Output.Headers, s.Output.KeySchema, s.Output.Key);

    private static byte[]? ConvertValue((RecordConverters Converters, SourceRecord Output) s) =>
        s.Converters.Value.FromConnectData(s.Output.Topic, s.Output.Headers, s.Output.ValueSchema, s.Output.Value);

    private static Headers? ConvertRecordHeaders((RecordConverters Converters, SourceRecord Output) s) =>
        s.Converters.ToKafkaHeaders(s.Output.Topic, s.Output.Headers);

    private async Task ProduceAsync(SourceRecord record, SourceRecord output, byte[]? key, byte[]? value, Headers? headers)
    {
        var message = new Message<byte[]?, byte[]?>
        {
            Key = key,
            Value = value,
            Headers = headers,
            Timestamp = output.Timestamp is { } ms ? new Timestamp(ms, TimestampType.CreateTime) : Timestamp.Default,
        };
        if (TopicCreator is not null && _checkedTopics.Add(output.Topic))
        {
            await TopicCreator(output.Topic).ConfigureAwait(false);
        }

        var submitted = RentInFlightRecord(record);
        _submitted.Submit(submitted);
        var destination = Destination(output.Topic, output.KafkaPartition);
        TopicUsed?.Invoke(output.Topic);
        while (true)
        {
            try
            {
                _producer!.Produce(destination, message, submitted.Callback);

                // The client has copied the bytes (librdkafka's F_COPY) and keeps no reference to them: task producers
                // report only the timestamp unless told otherwise, and the delivery handler never reads key or value.
                _converters.Recycle(key, value);
                return;
            }
            catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // Back-pressure: wait for the producer to drain.
                await Task.Delay(5, StoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The producer's destination for a topic and optional partition; the last one is reused while records
    /// keep going to the same place (topic partitions are immutable).</summary>
    private KafkaTopicPartition Destination(string topic, int? partition)
    {
        var last = _lastDestination;
        if (last is not null && last.Topic == topic && last.Partition.Value == (partition ?? Partition.Any.Value))
        {
            return last;
        }

        return _lastDestination = partition is { } p ? new KafkaTopicPartition(topic, p) : new KafkaTopicPartition(topic, Partition.Any);
    }

    private void SkipRecord(SourceRecord record)
    {
        // A dropped record's offset is committable: it is acknowledged at once, in order with its partition.
        _submitted.Submit(record.SourcePartition, record.SourceOffset).Acknowledge();
        _metrics.RecordSkipped();
        CommitRecord(record, null);
    }

    private void OnDelivery(DeliveryReport<byte[]?, byte[]?> report, SourceRecord record, SubmittedRecords.SubmittedRecord submitted)
    {
        if (report.Error.IsError)
        {
            var error = new ConnectException($"Unrecoverable exception from producer send callback: {report.Error.Reason} (topic {report.Topic})");
            if (_errors.ToleratesAll)
            {
                Logger.LogError(error, "{Task} failed to send record to {Topic}; skipping it because errors.tolerance=all", Id, report.Topic);
                _ = _errors.HandleAsync(new ErrorContext(Stage.KafkaProduce, typeof(IProducer<byte[], byte[]>), error, null, record));
                submitted.Acknowledge();
                CommitRecord(record, null);
            }
            else
            {
                _producerFailure ??= error;
            }

            return;
        }

        // After Acknowledge the handle may already serve another record: use only report and record from here on.
        submitted.Acknowledge();
        _metrics.RecordWritten();
        if (_commitsRecords)
        {
            CommitRecord(record, new RecordMetadata(report.Topic, report.Partition.Value, report.Offset.Value, report.Message.Timestamp.UnixTimestampMs));
        }
    }

    private void CommitRecord(SourceRecord record, RecordMetadata? metadata)
    {
        if (!_commitsRecords)
        {
            return;
        }

        try
        {
            var pending = _task.CommitRecordAsync(record, metadata, StoppingToken);
            if (!pending.IsCompletedSuccessfully)
            {
                pending.AsTask().ContinueWith(
                    t => Logger.LogError(t.Exception, "{Task} Exception thrown while calling task.CommitRecordAsync()", Id),
                    CancellationToken.None,
                    TaskContinuationOptions.OnlyOnFaulted,
                    TaskScheduler.Default);
            }
        }
        catch (Exception e)
        {
            Logger.LogError(e, "{Task} Exception thrown while calling task.CommitRecordAsync()", Id);
        }
    }

    private void ThrowIfProducerFailed()
    {
        if (_producerFailure is { } failure)
        {
            throw failure;
        }
    }

    private Task CommitIfDueAsync(ref long lastCommit)
    {
        if (_time.GetElapsedTime(lastCommit) < _flushInterval)
        {
            return Task.CompletedTask;
        }

        lastCommit = _time.GetTimestamp();
        return CommitOffsetsAsync();
    }

    private Task CommitOffsetsAsync()
    {
        var started = _time.GetTimestamp();
        return SourceOffsetCommit.CommitAsync(
            _submitted, _task, _offsetStore, Id, Logger, StoppingToken, success => _metrics.RecordOffsetCommit(_time.GetElapsedTime(started), success));
    }

    private async Task ShutDownAsync(bool started)
    {
        try
        {
            if (_producer is not null)
            {
                // Give in-flight records the flush timeout to be acknowledged, then commit what was.
                _producer.Flush(_flushTimeout);
                await _submitted.AwaitAllAsync(TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
                await CommitOffsetsAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            Logger.LogError(e, "{Task} Failed to flush and commit on stop", Id);
        }

        if (started)
        {
            try
            {
                _task.Stop();
            }
            catch (Exception e)
            {
                Logger.LogWarning(e, "{Task} Exception thrown while stopping the task", Id);
            }
        }

        _producer?.Dispose();
        _transforms.Dispose();
        _converters.Dispose();
        _errors.Dispose();
    }

    // The pool is only used by the task's loop: records are rented when sent and returned when SubmittedRecords
    // settles them, which it does in the loop's own calls (Submit and TakeCommittable).
    private InFlightRecord RentInFlightRecord(SourceRecord record)
    {
        var inFlight = _inFlightPool.TryPop(out var reused) ? reused : new InFlightRecord(this);
        inFlight.Use(record);
        return inFlight;
    }

    private void ReturnInFlightRecord(InFlightRecord inFlight)
    {
        if (_inFlightPool.Count < InFlightPoolLimit)
        {
            _inFlightPool.Push(inFlight);
        }
    }

    /// <summary>
    /// A record handed to the producer: its place in <see cref="SubmittedRecords"/> and the target of its delivery
    /// callback, in one object. Once delivered and settled it goes back to the task's pool with its callback, so a task
    /// in steady state allocates neither per record.
    /// </summary>
    private sealed class InFlightRecord : SubmittedRecords.SubmittedRecord
    {
        private readonly WorkerSourceTask _task;
        private SourceRecord? _record;

        public InFlightRecord(WorkerSourceTask task)
            : base(null, null)
        {
            _task = task;
            Callback = OnDelivery;
        }

        /// <summary>The producer's delivery callback for the current record.</summary>
        public Action<DeliveryReport<byte[]?, byte[]?>> Callback { get; }

        public void Use(SourceRecord record)
        {
            Reuse(record.SourcePartition, record.SourceOffset);
            _record = record;
        }

        protected internal override void OnSettled()
        {
            _record = null;
            _task.ReturnInFlightRecord(this);
        }

        // Everything the task needs is read before the acknowledgement, after which this object may be reused.
        private void OnDelivery(DeliveryReport<byte[]?, byte[]?> report) => _task.OnDelivery(report, _record!, this);
    }
}
