using Connect.Sdk.Storage;

namespace Connect.Sdk.Runtime.Tasks;

/// <summary>
/// Tracks the source records a task handed to the producer, per source partition in submission order, so that an
/// offset is committed only once Kafka acknowledged that record and every earlier record of its source partition.
/// </summary>
/// <remarks>
/// <para>Threading: <see cref="Submit(SubmittedRecord)"/> and <see cref="TakeCommittable"/> are called by the task's
/// loop, one call at a time; <see cref="SubmittedRecord.Acknowledge"/> may be called from any thread (the producer's
/// delivery thread) and takes no lock, so it never contends with the task's loop. The queues belong to the loop: an
/// acknowledgement only flags its record, and the loop moves each queue past its acknowledged head records every few
/// submissions to that queue and when it takes the committable offsets.</para>
/// <para>So memory holds only the records still in flight and those behind them, not everything written since the
/// last offset commit.</para>
/// </remarks>
internal sealed class SubmittedRecords
{
    /// <summary>A queue is moved past its acknowledged head records every this many submissions to it: looking at
    /// records the producer's thread just wrote costs a cache miss each, and a batch of them overlaps those misses.</summary>
    private const int AdvanceEvery = 32;

    private readonly Dictionary<IReadOnlyDictionary<string, object?>, PartitionQueue> _byPartition =
        new(SourcePartitionComparer.Instance);

    // Records without a source partition: never committed, queued only so that the loop settles them.
    private readonly PartitionQueue _unpartitioned = new();

    // Tasks usually give all records of a source partition the same map instance: remember the last one looked up,
    // which spares hashing the map's entries for each record.
    private IReadOnlyDictionary<string, object?>? _lastPartition;
    private PartitionQueue? _lastQueue;

    // Counted apart, so that the loop and the acknowledging thread do not write the same memory for every record:
    // submissions only by the loop, acknowledgements in an object of their own.
    private long _submittedCount;
    private readonly AcknowledgementCount _acknowledgedCount = new();

    /// <summary>The number of records submitted and not yet acknowledged.</summary>
    public int InFlight => (int)(Volatile.Read(ref _submittedCount) - Interlocked.Read(ref _acknowledgedCount.Value));

    /// <summary>Registers a record about to be sent.</summary>
    /// <param name="partition">Its source partition, or null when it carries none (never committed).</param>
    /// <param name="offset">Its source offset.</param>
    /// <returns>The handle to acknowledge.</returns>
    public SubmittedRecord Submit(IReadOnlyDictionary<string, object?>? partition, IReadOnlyDictionary<string, object?>? offset)
    {
        var record = new SubmittedRecord(partition, offset);
        Submit(record);
        return record;
    }

    /// <summary>Registers a record about to be sent, as a handle of the caller's own (a subclass can carry what the
    /// producer's delivery callback needs, so one object serves both).</summary>
    /// <param name="record">The handle, not submitted before (or settled and reused).</param>
    public void Submit(SubmittedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var queue = record.Partition is not { } partition ? _unpartitioned
            : ReferenceEquals(partition, _lastPartition) ? _lastQueue!
            : QueueOf(partition);
        if (++queue.SubmitsSinceAdvance >= AdvanceEvery)
        {
            Advance(queue);
        }

        record.Owner = this;
        Volatile.Write(ref _submittedCount, _submittedCount + 1);
        queue.Records.Enqueue(record);
    }

    /// <summary>Returns, per source partition, the latest offset among the records acknowledged (with every earlier
    /// record of their partition) since the last call: the offsets that are now safe to commit.</summary>
    /// <returns>The committable offsets and how many records are still pending.</returns>
    public CommittableOffsets TakeCommittable()
    {
        var offsets = new Dictionary<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>(SourcePartitionComparer.Instance);
        List<IReadOnlyDictionary<string, object?>>? emptied = null;
        var pending = 0;
        Advance(_unpartitioned);
        foreach (var (partition, queue) in _byPartition)
        {
            Advance(queue);
            if (queue.Advanced)
            {
                offsets[partition] = queue.Latest;
                queue.Advanced = false;
                queue.Latest = null;
            }

            pending += queue.Records.Count;
            if (queue.Records.Count == 0)
            {
                (emptied ??= []).Add(partition);
            }
        }

        foreach (var partition in emptied ?? [])
        {
            _byPartition.Remove(partition);
        }

        if (emptied is not null)
        {
            _lastPartition = null;
            _lastQueue = null;
        }

        return new CommittableOffsets(offsets, pending);
    }

    /// <summary>Waits until every submitted record has been acknowledged or the timeout passes.</summary>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Whether all records were acknowledged.</returns>
    public async Task<bool> AwaitAllAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (InFlight > 0)
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Moves the committable position past every acknowledged record at the head of a queue and settles them.</summary>
    private static void Advance(PartitionQueue queue)
    {
        queue.SubmitsSinceAdvance = 0;
        while (queue.Records.TryPeek(out var head) && head.Acknowledged)
        {
            queue.Latest = head.Offset;
            queue.Advanced = true;
            queue.Records.Dequeue();
            head.OnSettled();
        }
    }

    private PartitionQueue QueueOf(IReadOnlyDictionary<string, object?> partition)
    {
        if (!_byPartition.TryGetValue(partition, out var queue))
        {
            queue = new PartitionQueue();
            _byPartition[partition] = queue;
        }

        _lastPartition = partition;
        _lastQueue = queue;
        return queue;
    }

    /// <summary>A record handed to the producer.</summary>
    internal class SubmittedRecord
    {
        private int _claimed;
        private volatile bool _acknowledged;

        /// <summary>Creates a handle; <see cref="Submit(SubmittedRecord)"/> registers it.</summary>
        /// <param name="partition">The source partition, or null when it carries none (never committed).</param>
        /// <param name="offset">The source offset.</param>
        public SubmittedRecord(IReadOnlyDictionary<string, object?>? partition, IReadOnlyDictionary<string, object?>? offset)
        {
            Partition = partition;
            Offset = offset;
        }

        public IReadOnlyDictionary<string, object?>? Partition { get; private set; }

        public IReadOnlyDictionary<string, object?>? Offset { get; private set; }

        /// <summary>Whether the record was acknowledged.</summary>
        public bool Acknowledged => _acknowledged;

        internal SubmittedRecords? Owner { get; set; }

        /// <summary>Marks the record as written (or deliberately skipped) so its offset can be committed; a second call
        /// does nothing. Any thread; no lock. Once it returns, the handle may already serve another record.</summary>
        public void Acknowledge()
        {
            var owner = Owner ?? throw new InvalidOperationException("The record was not submitted.");
            if (Interlocked.Exchange(ref _claimed, 1) != 0)
            {
                return;
            }

            Interlocked.Increment(ref owner._acknowledgedCount.Value);

            // Published last: from here on the task's loop may settle and reuse this handle.
            _acknowledged = true;
        }

        /// <summary>Called by the task's loop once the record is acknowledged and its offset taken into account (it
        /// left its partition's queue): the tracker no longer refers to it, so a subclass may reuse the handle.</summary>
        protected internal virtual void OnSettled()
        {
        }

        /// <summary>Prepares a settled handle for another record.</summary>
        /// <param name="partition">The source partition, or null.</param>
        /// <param name="offset">The source offset.</param>
        protected void Reuse(IReadOnlyDictionary<string, object?>? partition, IReadOnlyDictionary<string, object?>? offset)
        {
            Partition = partition;
            Offset = offset;
            Owner = null;
            _acknowledged = false;
            Volatile.Write(ref _claimed, 0);
        }
    }

    /// <summary>The number of acknowledgements, in an object of its own (not on the loop's cache line).</summary>
    private sealed class AcknowledgementCount
    {
        public long Value;
    }

    /// <summary>The records of one source partition still waiting for the ones before them, in submission order, and
    /// the committable offset not yet taken.</summary>
    internal sealed class PartitionQueue
    {
        public Queue<SubmittedRecord> Records { get; } = new();

        public bool Advanced { get; set; }

        public IReadOnlyDictionary<string, object?>? Latest { get; set; }

        public int SubmitsSinceAdvance { get; set; }
    }
}

/// <summary>The offsets that can be committed now, and how many submitted records are still unacknowledged.</summary>
/// <param name="Offsets">The latest acknowledged contiguous offset per source partition.</param>
/// <param name="PendingRecords">The records still waiting for acknowledgement.</param>
internal sealed record CommittableOffsets(
    IReadOnlyDictionary<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?> Offsets,
    int PendingRecords);
