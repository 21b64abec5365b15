using System.Globalization;
using Connect.Sdk.Errors;
using Connect.Sdk.Sink;
using Connect.Sdk.Testing.Fakes;
using Connect.Sdk.Testing.Records;
using AsyncTask = System.Threading.Tasks.Task;

namespace Connect.Sdk.Testing.Unit;

/// <summary>
/// Drives a <see cref="SinkTask"/> the way the runtime does, without Kafka: start it, assign and revoke partitions
/// (<see cref="SinkTask.Open"/>/<see cref="SinkTask.Close"/>), deliver records, and flush and pre-commit with the
/// current offsets the runtime would pass. Everything the task asks of its context (pauses, offset resets, a back-off,
/// commit requests, errant records) can be inspected. Use <see cref="SinkTaskHarness{TTask}"/> when the task type is known.
/// </summary>
/// <remarks>
/// <para>Offsets follow the runtime's rule: after a successful put the current offset of each partition is the
/// offset after its last delivered record; a put that throws leaves them unchanged. <see cref="PreCommitAsync"/>
/// passes them to the task and keeps what it returns (for assigned partitions) as <see cref="CommittedOffsets"/>,
/// from which a restarted task consumes again (<see cref="RedeliverUncommittedAsync"/>).</para>
/// <para>Offset resets the task asks for are applied after each call into it, to assigned partitions. Records of a
/// partition the task paused are refused, as the runtime would not deliver them. Calls are not meant to overlap.</para>
/// </remarks>
public class SinkTaskHarness : IAsyncDisposable
{
    /// <summary>The topic of a record overwritten after <see cref="SinkTask.PutAsync"/> for a task that said it keeps no records.</summary>
    internal const string OverwrittenTopic = "(record overwritten after PutAsync: the task's KeepsRecordsAfterPut is false)";

    private readonly Func<SinkTask> _taskFactory;
    private readonly SinkTaskHarnessOptions _options;
    private readonly List<TopicPartition> _assignment = [];
    private readonly Dictionary<TopicPartition, long> _currentOffsets = [];
    private readonly Dictionary<TopicPartition, long> _committedOffsets = [];
    private readonly Dictionary<TopicPartition, SortedDictionary<long, SinkRecord>> _deliveredByPartition = [];
    private readonly List<SinkRecord> _delivered = [];
    private readonly List<RetriableException> _retriableErrors = [];
    private readonly List<FakeSinkTaskContext> _pastContexts = [];
    private SinkTask? _task;
    private FakeSinkTaskContext? _context;
    private IReadOnlyDictionary<string, string>? _config;
    private CancellationTokenSource? _stopping;
    private SinkRecordBuilder? _records;
    private int _putCount;
    private int _starts;

    /// <summary>Creates a harness for tasks made by a factory.</summary>
    /// <param name="taskFactory">Makes a new task instance; called on every start and restart.</param>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    public SinkTaskHarness(Func<SinkTask> taskFactory, SinkTaskHarnessOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(taskFactory);
        _taskFactory = taskFactory;
        _options = options ?? new SinkTaskHarnessOptions();
    }

    /// <summary>The running task instance.</summary>
    /// <exception cref="InvalidOperationException">The harness has not been started.</exception>
    public SinkTask Task => _task ?? throw NotStarted();

    /// <summary>The context the running task was given: pauses, offset resets, the requested back-off, commit
    /// requests and errant records of the running task.</summary>
    /// <exception cref="InvalidOperationException">The harness has not been started.</exception>
    public FakeSinkTaskContext Context => _context ?? throw NotStarted();

    /// <summary>The configuration the task was started with.</summary>
    /// <exception cref="InvalidOperationException">The harness has not been started.</exception>
    public IReadOnlyDictionary<string, string> Config => _config ?? throw NotStarted();

    /// <summary>Whether a task is started and not stopped.</summary>
    public bool IsRunning => _task is not null;

    /// <summary>The clock the harness waits on.</summary>
    public TimeProvider TimeProvider => _options.TimeProvider;

    /// <summary>A record builder for the first topic of the configuration's <c>topics</c> (or
    /// <see cref="SinkRecordBuilder.DefaultTopic"/> when not started or not set), shared by all calls so Kafka offsets
    /// keep increasing.</summary>
    public SinkRecordBuilder Records => _records ??= new SinkRecordBuilder(FirstTopic() ?? SinkRecordBuilder.DefaultTopic);

    /// <summary>How many times a task instance was started.</summary>
    public int Starts => _starts;

    /// <summary>How many times <see cref="SinkTask.PutAsync"/> was called, over all task instances.</summary>
    public int PutCount => _putCount;

    /// <summary>The partitions assigned to the running task, in the order they were assigned.</summary>
    public IReadOnlyList<TopicPartition> Assignment => [.. _assignment];

    /// <summary>The offset after the last record delivered, per assigned partition: what the runtime passes to
    /// <see cref="SinkTask.FlushAsync"/> and <see cref="SinkTask.PreCommitAsync"/>.</summary>
    public IReadOnlyDictionary<TopicPartition, long> CurrentOffsets => new Dictionary<TopicPartition, long>(_currentOffsets);

    /// <summary>The consumer offsets committed so far: per partition, the offset of the next record to consume, as
    /// last returned by <see cref="SinkTask.PreCommitAsync"/>.</summary>
    public IReadOnlyDictionary<TopicPartition, long> CommittedOffsets => new Dictionary<TopicPartition, long>(_committedOffsets);

    /// <summary>Every record delivered by a put that succeeded, over all task instances, in order.</summary>
    public IReadOnlyList<SinkRecord> Delivered => [.. _delivered];

    /// <summary>The <see cref="RetriableException"/>s puts threw, in order.</summary>
    public IReadOnlyList<RetriableException> RetriableErrors => [.. _retriableErrors];

    /// <summary>Every record reported through the errant record reporter, over all task instances, in order.</summary>
    public IReadOnlyList<ErrantRecord> ErrantRecords =>
        [.. _pastContexts.SelectMany(c => c.ErrantRecords), .. _context?.ErrantRecords ?? []];

    /// <summary>Creates a task instance, initializes it with a <see cref="FakeSinkTaskContext"/> and starts it.</summary>
    /// <param name="config">The task configuration.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when the sink task has started.</returns>
    /// <exception cref="InvalidOperationException">A task is already running.</exception>
    public AsyncTask StartAsync(IReadOnlyDictionary<string, string> config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        cancellationToken.ThrowIfCancellationRequested();
        if (_task is not null)
        {
            throw new InvalidOperationException("The task is already running; stop it first or use RestartAsync.");
        }

        var task = _taskFactory() ?? throw new InvalidOperationException("The task factory returned null.");
        var context = new FakeSinkTaskContext(config, withoutErrantRecordReporter: !_options.ProvideErrantRecordReporter);
        task.Initialize(context);
        task.Start(config);
        if (_context is not null)
        {
            _pastContexts.Add(_context);
        }

        _config = config;
        _context = context;
        _task = task;
        _stopping = new CancellationTokenSource();
        _starts++;
        ApplyContextRequests();
        return AsyncTask.CompletedTask;
    }

    /// <summary>Assigns partitions to the task, as a rebalance does: the new ones are passed to <see cref="SinkTask.Open"/>.</summary>
    /// <param name="partitions">The partitions; ones already assigned are ignored.</param>
    /// <returns>A task that completes when the task has opened the partitions.</returns>
    /// <exception cref="InvalidOperationException">The harness has not been started.</exception>
    public AsyncTask AssignAsync(params TopicPartition[] partitions) => AssignAsync((IEnumerable<TopicPartition>)partitions);

    /// <inheritdoc cref="AssignAsync(TopicPartition[])"/>
    public AsyncTask AssignAsync(IEnumerable<TopicPartition> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var task = Task;
        var added = partitions.Distinct().Where(p => !_assignment.Contains(p)).ToList();
        if (added.Count > 0)
        {
            _assignment.AddRange(added);
            Context.SetAssignment(_assignment);
            foreach (var partition in added)
            {
                // The consumer resumes from the committed offset, if there is one.
                if (_committedOffsets.TryGetValue(partition, out var committed))
                {
                    _currentOffsets[partition] = committed;
                }
            }

            task.Open(added);
            ApplyContextRequests();
        }

        return AsyncTask.CompletedTask;
    }

    /// <summary>Revokes partitions, as a rebalance does: their offsets are committed (<see cref="SinkTask.PreCommitAsync"/>),
    /// then they are passed to <see cref="SinkTask.Close"/> and forgotten.</summary>
    /// <param name="partitions">The partitions; ones not assigned are ignored.</param>
    /// <returns>A task that completes when the task has closed the partitions.</returns>
    /// <exception cref="InvalidOperationException">The harness has not been started.</exception>
    public AsyncTask RevokeAsync(params TopicPartition[] partitions) => RevokeAsync((IEnumerable<TopicPartition>)partitions);

    /// <inheritdoc cref="RevokeAsync(TopicPartition[])"/>
    public async AsyncTask RevokeAsync(IEnumerable<TopicPartition> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var task = Task;
        var revoked = partitions.Distinct().Where(_assignment.Contains).ToList();
        if (revoked.Count == 0)
        {
            return;
        }

        await CommitAsync(revoked, CancellationToken.None).ConfigureAwait(false);
        task.Close(revoked);
        foreach (var partition in revoked)
        {
            _assignment.Remove(partition);
            _currentOffsets.Remove(partition);
        }

        Context.SetAssignment(_assignment);
        ApplyContextRequests();
    }

    /// <summary>Delivers records in one batch; see <see cref="PutAsync(IEnumerable{SinkRecord}, CancellationToken)"/>.</summary>
    /// <param name="records">The records.</param>
    /// <returns>A task that completes when the task accepted the batch.</returns>
    public AsyncTask PutAsync(params SinkRecord[] records) => PutAsync(records, CancellationToken.None);

    /// <summary>Delivers records to <see cref="SinkTask.PutAsync"/> in one batch. Partitions not assigned yet are
    /// assigned first (see <see cref="SinkTaskHarnessOptions.AutoAssign"/>). When the put succeeds, the current offset
    /// of each partition moves past its last record; when it throws, nothing moves and the exception propagates (a
    /// <see cref="RetriableException"/> is also kept in <see cref="RetriableErrors"/>).</summary>
    /// <param name="records">The records, for example from <see cref="Records"/>.</param>
    /// <param name="cancellationToken">Passed to the task; also cancelled when the harness stops.</param>
    /// <returns>A task that completes when the task accepted the batch.</returns>
    /// <exception cref="InvalidOperationException">The harness has not been started, a record's partition is paused by
    /// the task, or it is not assigned and <see cref="SinkTaskHarnessOptions.AutoAssign"/> is off.</exception>
    public async AsyncTask PutAsync(IEnumerable<SinkRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var batch = records.ToList();
        var task = Task;
        var partitions = batch.Select(r => r.OriginalTopicPartition).Distinct().ToList();
        var unassigned = partitions.Where(p => !_assignment.Contains(p)).ToList();
        if (unassigned.Count > 0)
        {
            if (!_options.AutoAssign)
            {
                throw new InvalidOperationException(
                    $"Partitions {string.Join(", ", unassigned)} are not assigned to the task; call AssignAsync first, as the runtime only delivers records of assigned partitions.");
            }

            await AssignAsync(unassigned).ConfigureAwait(false);
        }

        var paused = Context.PausedPartitions;
        var refused = partitions.Where(paused.Contains).ToList();
        if (refused.Count > 0)
        {
            throw new InvalidOperationException(
                $"The task paused {string.Join(", ", refused)}; the runtime would not deliver records of those partitions until the task resumes them.");
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_stopping!.Token, cancellationToken);
        _putCount++;
        var reusesRecords = !task.KeepsRecordsAfterPut;
        var given = reusesRecords ? batch.ConvertAll(ReusableCopy) : batch;
        var reportsBefore = Context.ErrantRecords.Count;
        try
        {
            await HarnessClock.AwaitAsync(_options.TimeProvider, task.PutAsync(given.AsReadOnly(), linked.Token).AsTask()).ConfigureAwait(false);
        }
        catch (RetriableException e)
        {
            _retriableErrors.Add(e);
            ApplyContextRequests();
            throw;
        }

        if (reusesRecords && Context.ErrantRecords.Count == reportsBefore)
        {
            OverwriteAsTheWorkerWould(given);
        }

        foreach (var record in batch)
        {
            var partition = record.OriginalTopicPartition;
            if (_assignment.Contains(partition))
            {
                _currentOffsets[partition] = record.OriginalKafkaOffset + 1;
            }

            if (!_deliveredByPartition.TryGetValue(partition, out var log))
            {
                log = [];
                _deliveredByPartition[partition] = log;
            }

            log[record.OriginalKafkaOffset] = record;
            _delivered.Add(record);
        }

        ApplyContextRequests();
    }

    /// <summary>A copy of a test's record for a task that keeps no records, which the harness may overwrite.</summary>
    private static SinkRecord ReusableCopy(SinkRecord record) =>
        record.NewRecord(record.Topic, record.KafkaPartition, record.KeySchema, record.Key, record.ValueSchema, record.Value, record.Timestamp);

    /// <summary>
    /// Overwrites the records a task that keeps no records (<see cref="SinkTask.KeepsRecordsAfterPut"/>) was given, as
    /// the worker does with later messages, so a task that keeps them anyway sees them change in its tests. The topic
    /// says why, should it show up in a failure. Like the worker, it leaves them alone when the task reported a record
    /// during the call.
    /// </summary>
    private static void OverwriteAsTheWorkerWould(List<SinkRecord> given)
    {
        foreach (var record in given)
        {
            record.Reinitialize(OverwrittenTopic, 0, null, null, null, null, -1, null, TimestampType.NoTimestampType, null);
        }
    }

    /// <summary>Delivers a batch as the runtime does when the task throws <see cref="RetriableException"/>: waits the
    /// back-off the task asked for (<see cref="Sink.ISinkTaskContext.Timeout"/>, or
    /// <see cref="SinkTaskHarnessOptions.RetryBackoff"/>) on <see cref="TimeProvider"/> and delivers the same records
    /// again, until the put succeeds.</summary>
    /// <param name="records">The records.</param>
    /// <param name="maxAttempts">How many deliveries to attempt; <see langword="null"/> for
    /// <see cref="SinkTaskHarnessOptions.MaxDeliveryAttempts"/>.</param>
    /// <param name="cancellationToken">Passed to the task and the back-off.</param>
    /// <returns>The number of deliveries it took.</returns>
    /// <exception cref="RetriableException">The last attempt still failed.</exception>
    public async Task<int> PutWithRetryAsync(IEnumerable<SinkRecord> records, int? maxAttempts = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var batch = records.ToList();
        var attempts = maxAttempts ?? _options.MaxDeliveryAttempts;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attempts);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await PutAsync(batch, cancellationToken).ConfigureAwait(false);
                return attempt;
            }
            catch (RetriableException) when (attempt < attempts)
            {
                var backoff = Context.RequestedTimeout ?? _options.RetryBackoff;
                await HarnessClock.DelayAsync(_options.TimeProvider, backoff, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Calls <see cref="SinkTask.FlushAsync"/> with the current offsets of the assigned partitions.</summary>
    /// <param name="cancellationToken">Passed to the task.</param>
    /// <returns>A task that completes when the task has flushed.</returns>
    /// <exception cref="InvalidOperationException">The harness has not been started.</exception>
    public async AsyncTask FlushAsync(CancellationToken cancellationToken = default)
    {
        var task = Task;
        await HarnessClock.AwaitAsync(_options.TimeProvider, task.FlushAsync(Current(_assignment), cancellationToken).AsTask()).ConfigureAwait(false);
        ApplyContextRequests();
    }

    /// <summary>Commits offsets as the runtime does at each commit interval: calls <see cref="SinkTask.PreCommitAsync"/>
    /// with the current offsets of the assigned partitions and records what it returns for assigned partitions in
    /// <see cref="CommittedOffsets"/>. Like the runtime, it does not call the task when no partition has a current offset.</summary>
    /// <param name="cancellationToken">Passed to the task.</param>
    /// <returns>The offsets committed.</returns>
    /// <exception cref="InvalidOperationException">The harness has not been started.</exception>
    public Task<IReadOnlyDictionary<TopicPartition, OffsetAndMetadata>> PreCommitAsync(CancellationToken cancellationToken = default) =>
        CommitAsync(_assignment.ToList(), cancellationToken);

    /// <summary>Delivers again, in one batch, the records the runtime would deliver after a restart: for each assigned
    /// partition, the delivered records at or after its committed offset (all of them when none was committed).</summary>
    /// <param name="cancellationToken">Passed to the task.</param>
    /// <returns>The records delivered again.</returns>
    /// <exception cref="InvalidOperationException">The harness has not been started.</exception>
    public async Task<IReadOnlyList<SinkRecord>> RedeliverUncommittedAsync(CancellationToken cancellationToken = default)
    {
        _ = Task;
        var again = _assignment
            .Where(_deliveredByPartition.ContainsKey)
            .SelectMany(p => _deliveredByPartition[p].Where(e => e.Key >= _committedOffsets.GetValueOrDefault(p)).Select(e => e.Value))
            .ToList();
        if (again.Count > 0)
        {
            await PutAsync(again, cancellationToken).ConfigureAwait(false);
        }

        return again;
    }

    /// <summary>Stops the running task and starts a new instance with the same configuration and the same partitions,
    /// which resume from the committed offsets.</summary>
    /// <param name="commitOffsets">Whether to pre-commit first, as a graceful stop does; <see langword="false"/>
    /// simulates a task killed after its last commit.</param>
    /// <param name="cancellationToken">Cancels the restart.</param>
    /// <returns>A task that completes when the new instance has started and opened its partitions.</returns>
    /// <exception cref="InvalidOperationException">The harness has not been started.</exception>
    public async AsyncTask RestartAsync(bool commitOffsets = true, CancellationToken cancellationToken = default)
    {
        var config = Config;
        var assignment = _assignment.ToList();
        await StopAsync(commitOffsets, cancellationToken).ConfigureAwait(false);
        await StartAsync(config, cancellationToken).ConfigureAwait(false);
        await AssignAsync(assignment).ConfigureAwait(false);
    }

    /// <summary>Stops the running task as the runtime does: commits offsets (when asked), closes its partitions, then
    /// calls <see cref="SinkTask.Stop"/>. Does nothing when no task is running.</summary>
    /// <param name="commitOffsets">Whether to pre-commit before stopping.</param>
    /// <param name="cancellationToken">Passed to the task's pre-commit.</param>
    /// <returns>A task that completes when the sink task has stopped.</returns>
    public async AsyncTask StopAsync(bool commitOffsets = true, CancellationToken cancellationToken = default)
    {
        var task = _task;
        if (task is null)
        {
            return;
        }

        try
        {
            if (commitOffsets)
            {
                await PreCommitAsync(cancellationToken).ConfigureAwait(false);
            }

            if (_assignment.Count > 0)
            {
                task.Close(_assignment.ToList());
            }
        }
        finally
        {
            if (_stopping is { } stopping)
            {
                await stopping.CancelAsync().ConfigureAwait(false);
                stopping.Dispose();
            }

            _stopping = null;
            _task = null;
            _assignment.Clear();
            _currentOffsets.Clear();
            task.Stop();
        }
    }

    /// <summary>Stops the task without committing, if one is running.</summary>
    /// <returns>A task that completes when the task has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(commitOffsets: false).ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    private async Task<IReadOnlyDictionary<TopicPartition, OffsetAndMetadata>> CommitAsync(
        IReadOnlyCollection<TopicPartition> partitions,
        CancellationToken cancellationToken)
    {
        var task = Task;
        var current = Current(partitions);
        if (current.Count == 0)
        {
            return new Dictionary<TopicPartition, OffsetAndMetadata>();
        }

        var approved = await HarnessClock.AwaitAsync(_options.TimeProvider, task.PreCommitAsync(current, cancellationToken).AsTask()).ConfigureAwait(false)
            ?? throw new InvalidOperationException("PreCommitAsync returned null; return the offsets to commit, or an empty dictionary for none.");
        var committed = approved.Where(e => _assignment.Contains(e.Key)).ToDictionary(e => e.Key, e => e.Value);
        foreach (var (partition, offset) in committed)
        {
            _committedOffsets[partition] = offset.Offset;
        }

        ApplyContextRequests();
        return committed;
    }

    private Dictionary<TopicPartition, OffsetAndMetadata> Current(IEnumerable<TopicPartition> partitions)
    {
        var current = new Dictionary<TopicPartition, OffsetAndMetadata>();
        foreach (var partition in partitions)
        {
            if (_currentOffsets.TryGetValue(partition, out var offset))
            {
                current[partition] = new OffsetAndMetadata(offset);
            }
        }

        return current;
    }

    // Offset resets apply to assigned partitions now; the others wait until they are assigned, as in the runtime.
    private void ApplyContextRequests()
    {
        if (_context is null)
        {
            return;
        }

        foreach (var reset in _context.TakePendingOffsetResets(_assignment.Contains))
        {
            _currentOffsets[reset.Partition] = reset.Offset;
        }
    }

    private string? FirstTopic() =>
        _config is not null && _config.TryGetValue(SinkTask.TopicsConfig, out var topics)
            ? topics.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
            : null;

    private static InvalidOperationException NotStarted() =>
        new("The harness has not been started; call StartAsync first.");

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"SinkTaskHarness{{running={IsRunning}, assignment=[{string.Join(", ", _assignment)}], puts={_putCount}, delivered={_delivered.Count}}}");
}

/// <summary>A <see cref="SinkTaskHarness"/> for a task type with a parameterless constructor, with the running task
/// typed as <typeparamref name="TTask"/>.</summary>
/// <typeparam name="TTask">The sink task type.</typeparam>
/// <example>
/// <code>
/// await using var harness = new SinkTaskHarness&lt;MySinkTask&gt;();
/// await harness.StartAsync(config);
/// await harness.PutAsync(harness.Records.BuildEach(new { id = 1 }, new { id = 2 }));
/// var committed = await harness.PreCommitAsync();
/// </code>
/// </example>
public class SinkTaskHarness<TTask> : SinkTaskHarness
    where TTask : SinkTask, new()
{
    /// <summary>Creates a harness that makes tasks with <c>new TTask()</c>.</summary>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    public SinkTaskHarness(SinkTaskHarnessOptions? options = null)
        : base(static () => new TTask(), options)
    {
    }

    /// <summary>Creates a harness that makes tasks with a factory, for example to give them a fake client.</summary>
    /// <param name="taskFactory">Makes a new task instance; called on every start and restart.</param>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    public SinkTaskHarness(Func<TTask> taskFactory, SinkTaskHarnessOptions? options = null)
        : base(taskFactory, options)
    {
    }

    /// <summary>The running task instance.</summary>
    /// <exception cref="InvalidOperationException">The harness has not been started.</exception>
    public new TTask Task => (TTask)base.Task;
}
