using System.Runtime.InteropServices;
using Confluent.Kafka;
using Connect.Sdk.Errors;
using Connect.Sdk.Runtime.Errors;
using Connect.Sdk.Runtime.Metrics;
using Connect.Sdk.Runtime.Worker;
using Connect.Sdk.Sink;
using Microsoft.Extensions.Logging;
using KafkaTopicPartition = Confluent.Kafka.TopicPartition;
using TopicPartition = Connect.Sdk.TopicPartition;

namespace Connect.Sdk.Runtime.Tasks;

/// <summary>
/// Runs a <see cref="SinkTask"/>: consumer → converters → transforms → put. Consumer offsets are committed only for
/// what <see cref="SinkTask.PreCommitAsync"/> returns; a <see cref="RetriableException"/> from put pauses consumption,
/// backs off and delivers the same batch again; partitions are opened and closed on rebalance.
/// </summary>
internal sealed class WorkerSinkTask : WorkerTask
{
    private const int MaxBatchSize = 500;

    private readonly SinkTask _task;
    private readonly IReadOnlyDictionary<string, string> _taskConfig;
    private readonly RecordConverters _converters;
    private readonly TransformationStage<SinkRecord> _transforms;
    private readonly RetryWithToleranceOperator _errors;
    private readonly SinkRecordConversion _conversion;
    private readonly Func<ConsumerBuilder<byte[]?, byte[]?>> _consumerFactory;
    private readonly IReadOnlyList<string> _topics;
    private readonly TopicPatternSubscription? _topicsPattern;
    private IAdminClient? _metadata;
    private readonly TimeSpan _flushInterval;
    private readonly TimeSpan _retryMaxDelay;
    private readonly TimeProvider _time;
    private readonly TaskMetrics _metrics;
    private readonly Dictionary<TopicPartition, long> _currentOffsets = [];

    /// <summary>
    /// Per partition, the offset consumption restarts from after a failed pre-commit: the last committed offset, or the
    /// first offset read since the partition was assigned (or the task asked to seek), as Kafka's worker rewinds.
    /// </summary>
    private readonly Dictionary<TopicPartition, long> _lastCommittedOffsets = [];
    private readonly HashSet<TopicPartition> _assignment = [];
    private readonly HashSet<TopicPartition> _pausedByTask = [];
    private readonly Dictionary<(string Topic, int Partition, long Offset), ConsumeResult<byte[]?, byte[]?>> _originals = [];
    private SinkTaskContext? _context;
    private IConsumer<byte[]?, byte[]?>? _consumer;
    private readonly Dictionary<TopicPartition, long> _batchOffsets = [];
    private readonly List<ConsumeResult<byte[]?, byte[]?>> _consumed = new(MaxBatchSize);
    private List<SinkRecord>? _retryBatch;
    private int _retryAttempt;
    private long _retryAt;
    private bool _pausedForRetry;
    private bool _pausedForTargetState;

    /// <summary>
    /// Set when the task does not keep records (<see cref="SinkTask.KeepsRecordsAfterPut"/>) and the connector has no
    /// transforms: then every batch is this one list, and the records of a delivered batch are overwritten with later
    /// messages rather than made anew.
    /// </summary>
    private List<SinkRecord>? _reusedBatch;
    private readonly Stack<SinkRecord> _spareRecords = new();
    private ErrantRecordReporter? _reporter;

    public WorkerSinkTask(
        ConnectorTaskId id,
        string workerId,
        SinkTask task,
        IReadOnlyDictionary<string, string> taskConfig,
        RecordConverters converters,
        TransformationStage<SinkRecord> transforms,
        RetryWithToleranceOperator errors,
        Func<ConsumerBuilder<byte[]?, byte[]?>> consumerFactory,
        IReadOnlyList<string> topics,
        TopicPatternSubscription? topicsPattern,
        TimeSpan flushInterval,
        TimeSpan retryMaxDelay,
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
        _conversion = new SinkRecordConversion(converters, transforms, errors);
        _consumerFactory = consumerFactory;
        _topics = topics;
        _topicsPattern = topicsPattern;
        _flushInterval = flushInterval;
        _retryMaxDelay = retryMaxDelay;
        _time = time;
        _metrics = metrics;
    }

    private ConsumerBuilder<byte[]?, byte[]?> ConfigureHandlers(ConsumerBuilder<byte[]?, byte[]?> builder) => builder
        .SetPartitionsAssignedHandler((_, partitions) => OnAssigned(partitions))
        .SetPartitionsRevokedHandler((_, partitions) => OnRevoked(partitions, commit: true))
        .SetPartitionsLostHandler((_, partitions) => OnRevoked(partitions, commit: false))
        .SetErrorHandler((_, error) => Logger.Log(error.IsFatal ? LogLevel.Error : LogLevel.Warning, "{Task} Consumer error: {Reason}", Id, error.Reason));

    protected override async Task ExecuteAsync()
    {
        var started = false;
        try
        {
            _reporter = new ErrantRecordReporter(_errors, _task.GetType(), _converters, FindOriginal);
            _context = new SinkTaskContext(_taskConfig, _reporter);
            _task.Initialize(_context);
            _task.Start(_taskConfig);
            started = true;
            _reusedBatch = !_task.KeepsRecordsAfterPut && _transforms.IsIdentity ? new List<SinkRecord>(MaxBatchSize) : null;
            _consumer = ConfigureHandlers(_consumerFactory()).Build();
            if (_topicsPattern is not null)
            {
                _metadata = new DependentAdminClientBuilder(_consumer.Handle).Build();
                _topicsPattern.RefreshIfDue(_consumer, _metadata, Logger, Id);
            }
            else
            {
                _consumer.Subscribe(_topics);
            }

            Logger.LogInformation("{Task} Sink task finished initialization and start", Id);
            var lastCommit = _time.GetTimestamp();
            while (!StoppingToken.IsCancellationRequested)
            {
                if (_topicsPattern is not null)
                {
                    _topicsPattern.RefreshIfDue(_consumer, _metadata!, Logger, Id);
                }

                ApplyTargetState();
                ApplyContextRequests();
                if (_retryBatch is not null)
                {
                    if (_time.GetTimestamp() < _retryAt)
                    {
                        PollPaused();
                        continue;
                    }

                    await DeliverAsync(_retryBatch).ConfigureAwait(false);
                }
                else if (_pausedForTargetState)
                {
                    PollPaused();
                }
                else
                {
                    var batch = await ReadBatchAsync().ConfigureAwait(false);
                    if (batch.Count > 0)
                    {
                        await DeliverAsync(batch).ConfigureAwait(false);
                    }
                    else
                    {
                        AdvanceOffsets();
                    }
                }

                if (_context.TakeCommitRequest() || _time.GetElapsedTime(lastCommit) >= _flushInterval)
                {
                    lastCommit = _time.GetTimestamp();
                    await CommitAsync(_assignment.ToList(), closing: false).ConfigureAwait(false);
                }
            }

            // Graceful stop: commit what the task has flushed before leaving the group.
            await CommitAsync(_assignment.ToList(), closing: true).ConfigureAwait(false);
        }
        finally
        {
            ShutDown(started);
        }
    }

    private void ShutDown(bool started)
    {
        try
        {
            if (_assignment.Count > 0 && started)
            {
                _task.Close(_assignment.ToList());
            }

            // The partitions are closed: the revocation the consumer's Close triggers must not commit or close them again.
            _assignment.Clear();
            _consumer?.Close();
        }
        catch (Exception e)
        {
            Logger.LogWarning(e, "{Task} Exception while closing partitions and the consumer", Id);
        }
        finally
        {
            // The admin client borrows the consumer's connection: it goes first.
            _metadata?.Dispose();
            _consumer?.Dispose();
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

        _transforms.Dispose();
        _converters.Dispose();
        _errors.Dispose();
    }

    private async Task<List<SinkRecord>> ReadBatchAsync()
    {
        var consumed = _consumed;
        consumed.Clear();
        var first = Consume(TimeSpan.FromMilliseconds(100));
        if (first is not null)
        {
            consumed.Add(first);
            while (consumed.Count < MaxBatchSize && Consume(TimeSpan.Zero) is { } next)
            {
                consumed.Add(next);
            }
        }

        _originals.Clear();
        List<SinkRecord> batch;
        if (_reusedBatch is null)
        {
            batch = new List<SinkRecord>(consumed.Count);
        }
        else
        {
            batch = _reusedBatch;
            batch.Clear();
        }

        if (consumed.Count > 0)
        {
            _metrics.RecordRead(consumed.Count);
        }

        foreach (var result in consumed)
        {
            // Offsets advance only once the batch was delivered (or held only skipped records).
            var partition = new TopicPartition(result.Topic, result.Partition.Value);
            ref var next = ref CollectionsMarshal.GetValueRefOrAddDefault(_batchOffsets, partition, out var seenInBatch);
            if (!seenInBatch)
            {
                _lastCommittedOffsets.TryAdd(partition, result.Offset.Value);
            }

            next = result.Offset.Value + 1;
            TopicUsed?.Invoke(result.Topic);
            _spareRecords.TryPop(out var spare);
            var record = await _conversion.ConvertAndTransformAsync(result, spare, StoppingToken).ConfigureAwait(false);
            if (record is null)
            {
                if (spare is not null)
                {
                    _spareRecords.Push(spare);
                }

                _metrics.RecordSkipped();
                continue;
            }

            _originals[(record.OriginalTopic, record.OriginalKafkaPartition, record.OriginalKafkaOffset)] = result;
            batch.Add(record);
        }

        return batch;
    }

    private ConsumeResult<byte[]?, byte[]?>? Consume(TimeSpan timeout)
    {
        try
        {
            var result = _consumer!.Consume(timeout);
            return result is null || result.IsPartitionEOF ? null : result;
        }
        catch (ConsumeException e) when (!e.Error.IsFatal)
        {
            // E.g. a subscribed topic that does not exist yet: Kafka Connect keeps waiting for it.
            Logger.LogDebug("{Task} Consumer reported {Reason}; retrying", Id, e.Error.Reason);
            return null;
        }
    }

    private async Task DeliverAsync(List<SinkRecord> batch)
    {
        try
        {
            var reportsBefore = _reporter!.Reports;
            await _task.PutAsync(batch, StoppingToken).ConfigureAwait(false);
            _metrics.RecordSent(batch.Count);
            if (ReferenceEquals(batch, _reusedBatch) && _reporter.Reports == reportsBefore)
            {
                // The task has let go of these records (it does not keep records): the next batch overwrites them.
                foreach (var record in batch)
                {
                    _spareRecords.Push(record);
                }
            }

            AdvanceOffsets();
            _retryBatch = null;
            _retryAttempt = 0;
            if (_pausedForRetry)
            {
                _pausedForRetry = false;
                ResumeConsumption();
            }
        }
        catch (RetriableException e)
        {
            _retryAttempt++;
            var backoff = _context!.RequestedTimeout ?? _errors.Backoff(_retryAttempt, _retryMaxDelay);
            Logger.LogError(e, "{Task} RetriableException from SinkTask; redelivering the same {Count} records in {Backoff} ms", Id, batch.Count, backoff.TotalMilliseconds);
            _retryBatch = batch;
            _retryAt = _time.GetTimestamp() + (long)(backoff.TotalSeconds * _time.TimestampFrequency);
            if (!_pausedForRetry)
            {
                _pausedForRetry = true;
                PauseConsumption();
            }
        }
        catch (OperationCanceledException) when (StoppingToken.IsCancellationRequested)
        {
            // Stopping: the batch's offsets were not advanced, so it is delivered again after a restart.
        }
        catch (Exception e)
        {
            throw new ConnectException("Exiting WorkerSinkTask due to unrecoverable exception.", e);
        }
    }

    private void AdvanceOffsets()
    {
        foreach (var (partition, offset) in _batchOffsets)
        {
            if (_assignment.Contains(partition))
            {
                _currentOffsets[partition] = offset;
            }
        }

        _batchOffsets.Clear();
    }

    /// <summary>Asks the task which offsets to commit (<see cref="SinkTask.PreCommitAsync"/>) and commits them.</summary>
    /// <param name="partitions">The partitions to commit.</param>
    /// <param name="closing">Whether the partitions are being closed (revoked, or the task stops), so not read again here.</param>
    /// <remarks>
    /// When the task fails to pre-commit (its flush failed, say), what it was given since the last commit may not be
    /// written: unless closing, consumption rewinds to the last committed offsets and those records are delivered again.
    /// </remarks>
    private async Task CommitAsync(IReadOnlyCollection<TopicPartition> partitions, bool closing)
    {
        if (_consumer is null || partitions.Count == 0)
        {
            return;
        }

        var current = new Dictionary<TopicPartition, OffsetAndMetadata>();
        foreach (var partition in partitions)
        {
            if (_currentOffsets.TryGetValue(partition, out var offset))
            {
                current[partition] = new OffsetAndMetadata(offset);
            }
        }

        if (current.Count == 0)
        {
            return;
        }

        var started = _time.GetTimestamp();
        IReadOnlyDictionary<TopicPartition, OffsetAndMetadata> approved;
        try
        {
            approved = await _task.PreCommitAsync(current, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _metrics.RecordOffsetCommit(_time.GetElapsedTime(started), success: false);
            if (closing)
            {
                Logger.LogWarning(e, "{Task} Offset commit failed during close", Id);
            }
            else
            {
                Logger.LogError(e, "{Task} Offset commit failed, rewinding to last committed offsets", Id);
                RewindToLastCommitted();
            }

            return;
        }

        try
        {
            var toCommit = approved
                .Where(e => _assignment.Contains(e.Key))
                .Select(e => new TopicPartitionOffset(e.Key.Topic, e.Key.Partition, e.Value.Offset))
                .ToList();
            if (toCommit.Count > 0)
            {
                _consumer.Commit(toCommit);
                foreach (var committed in toCommit)
                {
                    _lastCommittedOffsets[new TopicPartition(committed.Topic, committed.Partition.Value)] = committed.Offset.Value;
                }

                Logger.LogDebug("{Task} Committed offsets {Offsets}", Id, string.Join(", ", toCommit));
            }

            _metrics.RecordOffsetCommit(_time.GetElapsedTime(started), success: true);
        }
        catch (Exception e) when (e is KafkaException or ConnectException)
        {
            _metrics.RecordOffsetCommit(_time.GetElapsedTime(started), success: false);
            Logger.LogError(e, "{Task} Offset commit failed; the offsets will be committed with the next commit", Id);
        }
    }

    private void RewindToLastCommitted()
    {
        foreach (var (partition, offset) in _lastCommittedOffsets)
        {
            if (_assignment.Contains(partition))
            {
                _consumer!.Seek(new TopicPartitionOffset(partition.Topic, partition.Partition, offset));
                _currentOffsets[partition] = offset;
                _batchOffsets.Remove(partition);
                Logger.LogDebug("{Task} Rewind {Partition} to offset {Offset}", Id, partition, offset);
            }
        }
    }

    private void OnAssigned(IReadOnlyList<KafkaTopicPartition> partitions)
    {
        var added = partitions.Select(p => new TopicPartition(p.Topic, p.Partition.Value)).Where(_assignment.Add).ToList();
        _context!.SetAssignment([.. _assignment]);
        Logger.LogInformation("{Task} Partitions assigned: {Partitions}", Id, string.Join(", ", added));
        if (added.Count > 0)
        {
            _task.Open(added);
        }

        if (_pausedForRetry || _pausedForTargetState)
        {
            // Newly assigned partitions join the pause; the consumer starts them unpaused.
            _consumer?.Pause(partitions);
        }
    }

    private void OnRevoked(IReadOnlyList<TopicPartitionOffset> partitions, bool commit)
    {
        var revoked = partitions.Select(p => new TopicPartition(p.Topic, p.Partition.Value)).Where(_assignment.Contains).ToList();
        if (revoked.Count == 0)
        {
            return;
        }

        Logger.LogInformation("{Task} Partitions {Action}: {Partitions}", Id, commit ? "revoked" : "lost", string.Join(", ", revoked));
        if (commit)
        {
            CommitAsync(revoked, closing: true).GetAwaiter().GetResult();
        }

        _task.Close(revoked);
        foreach (var partition in revoked)
        {
            _assignment.Remove(partition);
            _currentOffsets.Remove(partition);
            _lastCommittedOffsets.Remove(partition);
            _batchOffsets.Remove(partition);
            _pausedByTask.Remove(partition);
        }

        _retryBatch?.RemoveAll(r => revoked.Contains(new TopicPartition(r.OriginalTopic, r.OriginalKafkaPartition)));
        if (_retryBatch is { Count: 0 })
        {
            _retryBatch = null;
        }

        _context!.SetAssignment([.. _assignment]);
    }

    private void ApplyTargetState()
    {
        if (IsPaused && !_pausedForTargetState)
        {
            _pausedForTargetState = true;
            PauseConsumption();
        }
        else if (!IsPaused && _pausedForTargetState)
        {
            _pausedForTargetState = false;
            ResumeConsumption();
        }
    }

    private void ApplyContextRequests()
    {
        foreach (var (partition, offset) in _context!.TakeOffsetResets())
        {
            if (_assignment.Contains(partition))
            {
                _consumer!.Seek(new TopicPartitionOffset(partition.Topic, partition.Partition, offset));
                _currentOffsets[partition] = offset;
                _lastCommittedOffsets[partition] = offset;
                _batchOffsets.Remove(partition);
                Logger.LogInformation("{Task} Rewind {Partition} to offset {Offset}", Id, partition, offset);
            }
            else
            {
                // Not (yet) assigned: keep the request until it is.
                _context.Offset(partition, offset);
            }
        }

        foreach (var (pause, partitions) in _context.TakePauseRequests())
        {
            var owned = partitions.Where(_assignment.Contains).ToList();
            if (pause)
            {
                owned.ForEach(p => _pausedByTask.Add(p));
                _consumer!.Pause(owned.Select(p => new KafkaTopicPartition(p.Topic, p.Partition)));
            }
            else
            {
                owned.ForEach(p => _pausedByTask.Remove(p));
                if (!_pausedForRetry && !_pausedForTargetState)
                {
                    _consumer!.Resume(owned.Select(p => new KafkaTopicPartition(p.Topic, p.Partition)));
                }
            }
        }
    }

    private void PollPaused()
    {
        // Keeps group membership alive while nothing is fetched; rebalance callbacks run here.
        var unexpected = _consumer!.Consume(TimeSpan.FromMilliseconds(50));
        if (unexpected is not null && !unexpected.IsPartitionEOF)
        {
            // A partition assigned during the pause delivered a record: rewind so it is read again later.
            _consumer.Seek(unexpected.TopicPartitionOffset);
        }
    }

    private void PauseConsumption() =>
        _consumer?.Pause(_assignment.Select(p => new KafkaTopicPartition(p.Topic, p.Partition)));

    private void ResumeConsumption() =>
        _consumer?.Resume(_assignment.Where(p => !_pausedByTask.Contains(p)).Select(p => new KafkaTopicPartition(p.Topic, p.Partition)));

    private ConsumeResult<byte[]?, byte[]?>? FindOriginal(SinkRecord record) =>
        _originals.GetValueOrDefault((record.OriginalTopic, record.OriginalKafkaPartition, record.OriginalKafkaOffset));
}
