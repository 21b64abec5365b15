using System.Globalization;
using Connect.Sdk.Errors;
using Connect.Sdk.Source;
using Connect.Sdk.Storage;
using Connect.Sdk.Testing.Fakes;
using AsyncTask = System.Threading.Tasks.Task;

namespace Connect.Sdk.Testing.Unit;

/// <summary>
/// Drives a <see cref="SourceTask"/> the way the runtime does, without Kafka: start it with a configuration, poll it,
/// acknowledge records as if Kafka had written them, commit offsets to an in-memory store, and restart it to prove it
/// resumes from what was committed. Use <see cref="SourceTaskHarness{TTask}"/> when the task type is known.
/// </summary>
/// <remarks>
/// <para>Offsets follow the runtime's rule: a record's source offset can be committed once it and every earlier
/// record of the same source partition have been acknowledged (<see cref="AcknowledgeAsync"/>).
/// <see cref="CommitAsync"/> stores the latest such offset per partition and calls the task's
/// <see cref="SourceTask.CommitAsync"/>.</para>
/// <para>As in the runtime, a <see cref="RetriableException"/> from a poll counts as an empty poll (it is kept in
/// <see cref="RetriableErrors"/>); any other exception propagates. Calls are not meant to overlap, except
/// <see cref="StopAsync"/>, which may be called while a poll is in progress.</para>
/// </remarks>
public class SourceTaskHarness : IAsyncDisposable
{
    private readonly Func<SourceTask> _taskFactory;
    private readonly SourceTaskHarnessOptions _options;
    private readonly object _gate = new();
    private readonly List<SourceRecord> _polled = [];
    private readonly List<SourceRecord> _acknowledged = [];
    private readonly List<RetriableException> _retriableErrors = [];
    private readonly Dictionary<IReadOnlyDictionary<string, object?>, LinkedList<Submitted>> _byPartition = new(SourcePartitionComparer.Instance);
    private readonly Dictionary<SourceRecord, Queue<Submitted>> _outstanding = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<TopicPartition, long> _kafkaOffsets = [];
    private SourceTask? _task;
    private FakeSourceTaskContext? _context;
    private IReadOnlyDictionary<string, string>? _config;
    private CancellationTokenSource? _stopping;
    private int _pollCount;
    private int _starts;

    /// <summary>Creates a harness for tasks made by a factory.</summary>
    /// <param name="taskFactory">Makes a new task instance; called on every start and restart.</param>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    public SourceTaskHarness(Func<SourceTask> taskFactory, SourceTaskHarnessOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(taskFactory);
        _taskFactory = taskFactory;
        _options = options ?? new SourceTaskHarnessOptions();
        OffsetStore = _options.OffsetStore ?? new InMemoryOffsetStore();
    }

    /// <summary>The running task instance.</summary>
    /// <exception cref="InvalidOperationException">The harness has not been started.</exception>
    public SourceTask Task => _task ?? throw NotStarted();

    /// <summary>The context the running task was given.</summary>
    /// <exception cref="InvalidOperationException">The harness has not been started.</exception>
    public FakeSourceTaskContext Context => _context ?? throw NotStarted();

    /// <summary>The configuration the task was started with.</summary>
    /// <exception cref="InvalidOperationException">The harness has not been started.</exception>
    public IReadOnlyDictionary<string, string> Config => _config ?? throw NotStarted();

    /// <summary>Whether a task is started and not stopped.</summary>
    public bool IsRunning => _task is not null;

    /// <summary>The committed source offsets, which the task reads at start.</summary>
    public InMemoryOffsetStore OffsetStore { get; }

    /// <summary>The clock the harness waits on.</summary>
    public TimeProvider TimeProvider => _options.TimeProvider;

    /// <summary>How many times a task instance was started (1 after <see cref="StartAsync"/>, 2 after one restart…).</summary>
    public int Starts => _starts;

    /// <summary>How many times <see cref="SourceTask.PollAsync"/> was called, over all task instances.</summary>
    public int PollCount => _pollCount;

    /// <summary>Every record polled, over all task instances, in order.</summary>
    public IReadOnlyList<SourceRecord> Polled => Locked(() => (IReadOnlyList<SourceRecord>)[.. _polled]);

    /// <summary>Every record acknowledged with <see cref="AcknowledgeAsync"/>, in order.</summary>
    public IReadOnlyList<SourceRecord> Acknowledged => Locked(() => (IReadOnlyList<SourceRecord>)[.. _acknowledged]);

    /// <summary>The <see cref="RetriableException"/>s polls threw, in order.</summary>
    public IReadOnlyList<RetriableException> RetriableErrors => Locked(() => (IReadOnlyList<RetriableException>)[.. _retriableErrors]);

    /// <summary>The records of the running task polled and not yet acknowledged, in poll order.</summary>
    public IReadOnlyList<SourceRecord> Unacknowledged => Locked(() =>
        (IReadOnlyList<SourceRecord>)_outstanding.Values.SelectMany(q => q).Where(s => !s.Acknowledged).OrderBy(s => s.Sequence).Select(s => s.Record).ToList());

    /// <summary>The offsets <see cref="CommitAsync"/> would store now: per source partition, the offset of the latest
    /// record that was acknowledged together with every earlier record of that partition.</summary>
    public IReadOnlyDictionary<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?> CommittableOffsets =>
        Locked(() => Committable(remove: false));

    /// <summary>Stores an offset before the task starts, as if an earlier run had committed it.</summary>
    /// <param name="partition">The source partition.</param>
    /// <param name="offset">The offset.</param>
    /// <exception cref="DataException">The partition or offset holds a value that is not a primitive.</exception>
    public void SeedOffset(IReadOnlyDictionary<string, object?> partition, IReadOnlyDictionary<string, object?> offset)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(offset);
        OffsetStore.Set(partition, offset);
    }

    /// <summary>Stores an offset before the task starts, with the partition and offset given as anonymous objects:
    /// <c>SeedOffset(new { file = "a.txt" }, new { position = 42L })</c>.</summary>
    /// <param name="partition">The source partition: an object whose public properties are the entries, or a dictionary.</param>
    /// <param name="offset">The offset: an object whose public properties are the entries, or a dictionary.</param>
    /// <exception cref="DataException">The partition or offset holds a value that is not a primitive.</exception>
    public void SeedOffset(object partition, object offset)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(offset);
        SeedOffset(Records.SourceRecordBuilder.ToMap(partition, nameof(partition)), Records.SourceRecordBuilder.ToMap(offset, nameof(offset)));
    }

    /// <summary>Creates a task instance, initializes it with a context over <see cref="OffsetStore"/> and starts it.</summary>
    /// <param name="config">The task configuration.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when the source task has started.</returns>
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
        var context = new FakeSourceTaskContext(config, OffsetStore, _options.TransactionContext);
        task.Initialize(context);
        task.Start(config);
        lock (_gate)
        {
            _config = config;
            _context = context;
            _stopping = new CancellationTokenSource();
            _task = task;
            _starts++;
        }

        return AsyncTask.CompletedTask;
    }

    /// <summary>Polls the task a number of times, returning everything the polls produced. Empty polls count.</summary>
    /// <param name="batches">How many times to poll.</param>
    /// <param name="cancellationToken">Cancels the polls; the token passed to the task is also cancelled by <see cref="StopAsync"/>.</param>
    /// <returns>The records in poll order.</returns>
    /// <exception cref="InvalidOperationException">The harness has not been started.</exception>
    /// <exception cref="DataException">A record is invalid (see <see cref="SourceTaskHarnessOptions.ValidateRecords"/>).</exception>
    public async Task<IReadOnlyList<SourceRecord>> PollAsync(int batches = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batches);
        var records = new List<SourceRecord>();
        for (var i = 0; i < batches; i++)
        {
            records.AddRange(await PollOnceAsync(cancellationToken, limit: null).ConfigureAwait(false));
        }

        return records;
    }

    /// <summary>Polls until the task has returned at least <paramref name="count"/> records, waiting
    /// <see cref="SourceTaskHarnessOptions.EmptyPollDelay"/> after each empty poll.</summary>
    /// <param name="count">How many records to wait for.</param>
    /// <param name="timeout">How long to try, on <see cref="TimeProvider"/>; <see langword="null"/> for
    /// <see cref="SourceTaskHarnessOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the polls.</param>
    /// <returns>Every record the polls returned: at least <paramref name="count"/>, more when the last batch held more.</returns>
    /// <exception cref="TimeoutException">Fewer records arrived in time; the message says how many did.</exception>
    /// <exception cref="InvalidOperationException">The harness has not been started.</exception>
    public async Task<IReadOnlyList<SourceRecord>> PollUntilAsync(int count, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var limit = timeout ?? _options.DefaultTimeout;
        var time = _options.TimeProvider;
        var started = time.GetTimestamp();
        using var expiry = new CancellationTokenSource(limit, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(expiry.Token, cancellationToken);
        var records = new List<SourceRecord>();
        var polls = 0;
        while (records.Count < count)
        {
            var left = limit - time.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                throw TimedOut(count, limit, records.Count, polls);
            }

            IReadOnlyList<SourceRecord> batch;
            try
            {
                batch = await PollOnceAsync(linked.Token, left).ConfigureAwait(false);
                polls++;
            }
            catch (OperationCanceledException) when (expiry.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw TimedOut(count, limit, records.Count, polls);
            }

            records.AddRange(batch);
            if (batch.Count == 0 && records.Count < count)
            {
                try
                {
                    var wait = _options.EmptyPollDelay < left ? _options.EmptyPollDelay : left;
                    await HarnessClock.DelayAsync(time, wait, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (expiry.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw TimedOut(count, limit, records.Count, polls);
                }
            }
        }

        return records;
    }

    /// <summary>Acknowledges records as if Kafka had written them: calls <see cref="SourceTask.CommitRecordAsync"/>
    /// with metadata (the record's topic, its Kafka partition or 0, the next offset of that partition, and its
    /// timestamp or now) and makes their offsets committable once every earlier record of their source partition is
    /// acknowledged too.</summary>
    /// <param name="records">Records the running task polled, in any order.</param>
    /// <param name="cancellationToken">Passed to the task.</param>
    /// <returns>A task that completes when the task has handled every acknowledgement.</returns>
    /// <exception cref="ArgumentException">A record was not polled from the running task, or was already acknowledged.</exception>
    public async AsyncTask AcknowledgeAsync(IEnumerable<SourceRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var task = Task;
        foreach (var record in records.ToList())
        {
            RecordMetadata metadata;
            lock (_gate)
            {
                var entry = _outstanding.TryGetValue(record, out var queue) ? queue.FirstOrDefault(s => !s.Acknowledged) : null;
                if (entry is null)
                {
                    throw new ArgumentException(
                        $"The record was not polled from the running task, or was already acknowledged: {record}", nameof(records));
                }

                entry.Acknowledged = true;
                var partition = new TopicPartition(record.Topic, record.KafkaPartition ?? 0);
                var offset = _kafkaOffsets.GetValueOrDefault(partition);
                _kafkaOffsets[partition] = offset + 1;
                metadata = new RecordMetadata(
                    record.Topic,
                    partition.Partition,
                    offset,
                    record.Timestamp ?? _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds());
                _acknowledged.Add(record);
            }

            await HarnessClock.AwaitAsync(_options.TimeProvider, task.CommitRecordAsync(record, metadata, cancellationToken).AsTask()).ConfigureAwait(false);
        }
    }

    /// <summary>Acknowledges every record of the running task not acknowledged yet; see <see cref="AcknowledgeAsync"/>.</summary>
    /// <param name="cancellationToken">Passed to the task.</param>
    /// <returns>A task that completes when the task has handled every acknowledgement.</returns>
    public AsyncTask AcknowledgeAllAsync(CancellationToken cancellationToken = default) =>
        AcknowledgeAsync(Unacknowledged, cancellationToken);

    /// <summary>Commits offsets as the runtime does at each flush interval: stores the committable offsets
    /// (<see cref="CommittableOffsets"/>) in <see cref="OffsetStore"/>, then calls <see cref="SourceTask.CommitAsync"/>.</summary>
    /// <param name="cancellationToken">Passed to the task.</param>
    /// <returns>The offsets stored, by source partition.</returns>
    /// <exception cref="InvalidOperationException">The harness has not been started.</exception>
    public async Task<IReadOnlyDictionary<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>> CommitAsync(
        CancellationToken cancellationToken = default)
    {
        var task = Task;
        var offsets = Locked(() => Committable(remove: true));
        if (offsets.Count > 0)
        {
            OffsetStore.SetAll(offsets);
        }

        await HarnessClock.AwaitAsync(_options.TimeProvider, task.CommitAsync(cancellationToken).AsTask()).ConfigureAwait(false);
        return offsets;
    }

    /// <summary>Stops the running task and starts a new instance with the same configuration, which reads the
    /// offsets in <see cref="OffsetStore"/>. Records polled and not acknowledged are forgotten, as Kafka never wrote
    /// them.</summary>
    /// <param name="commitOffsets">Whether to commit the acknowledged offsets first, as a graceful stop does;
    /// <see langword="false"/> simulates a task killed after its last commit.</param>
    /// <param name="cancellationToken">Cancels the restart.</param>
    /// <returns>A task that completes when the new instance has started.</returns>
    /// <exception cref="InvalidOperationException">The harness has not been started.</exception>
    public async AsyncTask RestartAsync(bool commitOffsets = true, CancellationToken cancellationToken = default)
    {
        var config = Config;
        await StopAsync(commitOffsets, cancellationToken).ConfigureAwait(false);
        await StartAsync(config, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the running task as the runtime does: cancels the poll token, commits offsets (when asked),
    /// then calls <see cref="SourceTask.Stop"/>. Does nothing when no task is running.</summary>
    /// <param name="commitOffsets">Whether to commit the acknowledged offsets before stopping.</param>
    /// <param name="cancellationToken">Passed to the task's commit.</param>
    /// <returns>A task that completes when the source task has stopped.</returns>
    public async AsyncTask StopAsync(bool commitOffsets = true, CancellationToken cancellationToken = default)
    {
        SourceTask? task;
        CancellationTokenSource? stopping;
        lock (_gate)
        {
            task = _task;
            stopping = _stopping;
        }

        if (task is null)
        {
            return;
        }

        await (stopping?.CancelAsync() ?? AsyncTask.CompletedTask).ConfigureAwait(false);
        try
        {
            if (commitOffsets)
            {
                await CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            lock (_gate)
            {
                _task = null;
                _stopping = null;
                _outstanding.Clear();
                _byPartition.Clear();
            }

            stopping?.Dispose();
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

    private async Task<IReadOnlyList<SourceRecord>> PollOnceAsync(CancellationToken cancellationToken, TimeSpan? limit)
    {
        SourceTask task;
        CancellationToken stoppingToken;
        lock (_gate)
        {
            task = _task ?? throw NotStarted();
            stoppingToken = _stopping!.Token;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, cancellationToken);
        IReadOnlyList<SourceRecord>? batch;
        try
        {
            Interlocked.Increment(ref _pollCount);
            batch = await HarnessClock.AwaitAsync(_options.TimeProvider, task.PollAsync(linked.Token).AsTask(), limit).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Stopped while polling: like the runtime, treat it as an empty poll.
            return [];
        }
        catch (RetriableException e)
        {
            lock (_gate)
            {
                _retriableErrors.Add(e);
            }

            return [];
        }

        if (batch is null || batch.Count == 0)
        {
            return [];
        }

        if (_options.ValidateRecords)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                Validate(batch[i], i, _pollCount);
            }
        }

        lock (_gate)
        {
            foreach (var record in batch)
            {
                var submitted = new Submitted(record, _polled.Count);
                _polled.Add(record);
                if (!_outstanding.TryGetValue(record, out var queue))
                {
                    queue = new Queue<Submitted>();
                    _outstanding[record] = queue;
                }

                queue.Enqueue(submitted);
                if (record.SourcePartition is { } partition)
                {
                    if (!_byPartition.TryGetValue(partition, out var list))
                    {
                        list = new LinkedList<Submitted>();
                        _byPartition[partition] = list;
                    }

                    list.AddLast(submitted);
                }
            }
        }

        return batch;
    }

    private static void Validate(SourceRecord? record, int index, int poll)
    {
        try
        {
            if (record is null)
            {
                throw new DataException("The record is null.");
            }

            record.KeySchema?.Validate(record.Key);
            record.ValueSchema?.Validate(record.Value);
            if (record.SourcePartition is { } partition)
            {
                InMemoryOffsetStore.Normalize(partition, "partition");
            }

            if (record.SourceOffset is { } offset)
            {
                InMemoryOffsetStore.Normalize(offset, "offset");
            }
        }
        catch (DataException e)
        {
            throw new DataException(
                string.Create(CultureInfo.InvariantCulture, $"Record {index} of poll {poll} is not valid, so the runtime would fail the task: {e.Message} Record: {record}"),
                e);
        }
    }

    // Called with the lock held.
    private Dictionary<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?> Committable(bool remove)
    {
        var offsets = new Dictionary<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>(SourcePartitionComparer.Instance);
        var emptied = new List<IReadOnlyDictionary<string, object?>>();
        foreach (var (partition, list) in _byPartition)
        {
            var node = list.First;
            var advanced = false;
            IReadOnlyDictionary<string, object?>? latest = null;
            while (node is { Value.Acknowledged: true })
            {
                latest = node.Value.Record.SourceOffset;
                advanced = true;
                var next = node.Next;
                if (remove)
                {
                    list.Remove(node);
                    Forget(node.Value);
                }

                node = next;
            }

            if (advanced)
            {
                offsets[partition] = latest;
            }

            if (remove && list.Count == 0)
            {
                emptied.Add(partition);
            }
        }

        foreach (var partition in emptied)
        {
            _byPartition.Remove(partition);
        }

        return offsets;
    }

    // Called with the lock held: drops a committed record from the outstanding records.
    private void Forget(Submitted submitted)
    {
        if (_outstanding.TryGetValue(submitted.Record, out var queue))
        {
            var kept = queue.Where(s => !ReferenceEquals(s, submitted)).ToList();
            if (kept.Count == 0)
            {
                _outstanding.Remove(submitted.Record);
            }
            else
            {
                _outstanding[submitted.Record] = new Queue<Submitted>(kept);
            }
        }
    }

    private T Locked<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }

    private static TimeoutException TimedOut(int expected, TimeSpan timeout, int received, int polls) =>
        new(string.Create(
            CultureInfo.InvariantCulture,
            $"Expected the task to return at least {expected} records within {timeout.TotalMilliseconds:0.###} ms, but it returned {received} in {polls} polls."));

    private static InvalidOperationException NotStarted() =>
        new("The harness has not been started; call StartAsync first.");

    private sealed class Submitted(SourceRecord record, int sequence)
    {
        public SourceRecord Record { get; } = record;

        public int Sequence { get; } = sequence;

        public bool Acknowledged { get; set; }
    }
}

/// <summary>A <see cref="SourceTaskHarness"/> for a task type with a parameterless constructor, with the running task
/// typed as <typeparamref name="TTask"/>.</summary>
/// <typeparam name="TTask">The source task type.</typeparam>
/// <example>
/// <code>
/// await using var harness = new SourceTaskHarness&lt;MyTask&gt;();
/// await harness.StartAsync(config);
/// var records = await harness.PollUntilAsync(10, TimeSpan.FromSeconds(5));
/// </code>
/// </example>
public class SourceTaskHarness<TTask> : SourceTaskHarness
    where TTask : SourceTask, new()
{
    /// <summary>Creates a harness that makes tasks with <c>new TTask()</c>.</summary>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    public SourceTaskHarness(SourceTaskHarnessOptions? options = null)
        : base(static () => new TTask(), options)
    {
    }

    /// <summary>Creates a harness that makes tasks with a factory, for example to give them a
    /// <see cref="ManualTimeProvider"/> or a fake client.</summary>
    /// <param name="taskFactory">Makes a new task instance; called on every start and restart.</param>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    public SourceTaskHarness(Func<TTask> taskFactory, SourceTaskHarnessOptions? options = null)
        : base(taskFactory, options)
    {
    }

    /// <summary>The running task instance.</summary>
    /// <exception cref="InvalidOperationException">The harness has not been started.</exception>
    public new TTask Task => (TTask)base.Task;
}
