using Connect.Sdk.Sink;

namespace Connect.Sdk.Testing.Fakes;

/// <summary>
/// An <see cref="ISinkTaskContext"/> that records what the task asks of the runtime: offset resets, pauses and
/// resumes, the back-off after a <see cref="Errors.RetriableException"/>, commit requests, and errant records.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class FakeSinkTaskContext : ISinkTaskContext
{
    private readonly object _gate = new();
    private readonly List<OffsetReset> _offsetRequests = [];
    private readonly List<OffsetReset> _pendingOffsetResets = [];
    private readonly List<TopicPartition> _pauseRequests = [];
    private readonly List<TopicPartition> _resumeRequests = [];
    private readonly HashSet<TopicPartition> _paused = [];
    private IReadOnlyCollection<TopicPartition> _assignment = [];
    private TimeSpan? _requestedTimeout;
    private int _commitRequests;

    /// <summary>Creates a context.</summary>
    /// <param name="configs">The task configuration.</param>
    /// <param name="errantRecordReporter">The reporter the task sees; <see langword="null"/> uses a new
    /// <see cref="FakeErrantRecordReporter"/>. To test a task on a runtime without one, use
    /// <paramref name="withoutErrantRecordReporter"/>.</param>
    /// <param name="withoutErrantRecordReporter">Whether <see cref="ErrantRecordReporter"/> is <see langword="null"/>,
    /// as on runtimes that offer none.</param>
    public FakeSinkTaskContext(
        IReadOnlyDictionary<string, string> configs,
        IErrantRecordReporter? errantRecordReporter = null,
        bool withoutErrantRecordReporter = false)
    {
        ArgumentNullException.ThrowIfNull(configs);
        Configs = configs;
        ErrantRecordReporter = withoutErrantRecordReporter ? null : errantRecordReporter ?? new FakeErrantRecordReporter();
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Configs { get; }

    /// <inheritdoc />
    public IReadOnlyCollection<TopicPartition> Assignment
    {
        get
        {
            lock (_gate)
            {
                return _assignment;
            }
        }
    }

    /// <inheritdoc />
    public IErrantRecordReporter? ErrantRecordReporter { get; }

    /// <summary>The records the task reported through <see cref="ErrantRecordReporter"/>, when it is a
    /// <see cref="FakeErrantRecordReporter"/>; otherwise empty.</summary>
    public IReadOnlyList<ErrantRecord> ErrantRecords => (ErrantRecordReporter as FakeErrantRecordReporter)?.Reported ?? [];

    /// <summary>Every offset the task asked to consume from with <see cref="Offset(TopicPartition, long)"/>, in order.</summary>
    public IReadOnlyList<OffsetReset> OffsetRequests
    {
        get
        {
            lock (_gate)
            {
                return [.. _offsetRequests];
            }
        }
    }

    /// <summary>The back-off the task last asked for with <see cref="Timeout"/>, or <see langword="null"/> when it
    /// asked for none.</summary>
    public TimeSpan? RequestedTimeout
    {
        get
        {
            lock (_gate)
            {
                return _requestedTimeout;
            }
        }
    }

    /// <summary>The partitions the task has paused and not resumed since.</summary>
    public IReadOnlySet<TopicPartition> PausedPartitions
    {
        get
        {
            lock (_gate)
            {
                return new HashSet<TopicPartition>(_paused);
            }
        }
    }

    /// <summary>Every partition the task passed to <see cref="Pause"/>, in order.</summary>
    public IReadOnlyList<TopicPartition> PauseRequests
    {
        get
        {
            lock (_gate)
            {
                return [.. _pauseRequests];
            }
        }
    }

    /// <summary>Every partition the task passed to <see cref="Resume"/>, in order.</summary>
    public IReadOnlyList<TopicPartition> ResumeRequests
    {
        get
        {
            lock (_gate)
            {
                return [.. _resumeRequests];
            }
        }
    }

    /// <summary>How many times the task called <see cref="RequestCommit"/>.</summary>
    public int CommitRequests
    {
        get
        {
            lock (_gate)
            {
                return _commitRequests;
            }
        }
    }

    /// <inheritdoc />
    public void Offset(IReadOnlyDictionary<TopicPartition, long> offsets)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        foreach (var (partition, offset) in offsets)
        {
            Offset(partition, offset);
        }
    }

    /// <inheritdoc />
    public void Offset(TopicPartition partition, long offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var reset = new OffsetReset(partition, offset);
        lock (_gate)
        {
            _offsetRequests.Add(reset);
            _pendingOffsetResets.RemoveAll(r => r.Partition == partition);
            _pendingOffsetResets.Add(reset);
        }
    }

    /// <inheritdoc />
    public void Timeout(TimeSpan timeout)
    {
        lock (_gate)
        {
            _requestedTimeout = timeout;
        }
    }

    /// <inheritdoc />
    public void Pause(params TopicPartition[] partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        lock (_gate)
        {
            _pauseRequests.AddRange(partitions);
            _paused.UnionWith(partitions);
        }
    }

    /// <inheritdoc />
    public void Resume(params TopicPartition[] partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        lock (_gate)
        {
            _resumeRequests.AddRange(partitions);
            _paused.ExceptWith(partitions);
        }
    }

    /// <inheritdoc />
    public void RequestCommit()
    {
        lock (_gate)
        {
            _commitRequests++;
        }
    }

    /// <summary>Sets the partitions <see cref="Assignment"/> reports; partitions no longer assigned stop being paused,
    /// as a consumer forgets the pause of a revoked partition.</summary>
    /// <param name="partitions">The assigned partitions.</param>
    public void SetAssignment(IEnumerable<TopicPartition> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var assignment = partitions.Distinct().ToList().AsReadOnly();
        lock (_gate)
        {
            _assignment = assignment;
            _paused.IntersectWith(assignment);
        }
    }

    /// <summary>Takes the offset resets the task asked for since the last call, the latest per partition, as the
    /// runtime does before its next delivery.</summary>
    /// <returns>The pending resets, in the order they were asked for.</returns>
    public IReadOnlyList<OffsetReset> TakePendingOffsetResets() => TakePendingOffsetResets(static _ => true);

    /// <summary>Takes the pending offset resets of the partitions that match; the others stay pending.</summary>
    /// <param name="partitions">Which partitions to take.</param>
    /// <returns>The taken resets, in the order they were asked for.</returns>
    internal IReadOnlyList<OffsetReset> TakePendingOffsetResets(Func<TopicPartition, bool> partitions)
    {
        lock (_gate)
        {
            var taken = _pendingOffsetResets.Where(r => partitions(r.Partition)).ToList();
            _pendingOffsetResets.RemoveAll(r => partitions(r.Partition));
            return taken;
        }
    }
}

/// <summary>A request from a sink task to continue consuming a partition from an offset.</summary>
/// <param name="Partition">The partition.</param>
/// <param name="Offset">The offset of the next record to deliver.</param>
public sealed record OffsetReset(TopicPartition Partition, long Offset);
