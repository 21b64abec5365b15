using Connect.Sdk.Storage;

namespace Connect.Sdk.Runtime.Tasks;

/// <summary>
/// Tracks the source records a task handed to the producer, per source partition in submission order, so that an
/// offset is committed only once Kafka acknowledged that record and every earlier record of its source partition.
/// </summary>
/// <remarks>
/// <para>Thread-safe: records are submitted on the task thread and acknowledged on the producer's thread.</para>
/// <para>An acknowledgement that completes the head of its partition's queue removes every acknowledged record at the
/// head right away and remembers the latest of their offsets, so memory holds only the records still in flight (and
/// those behind them), not everything written since the last offset commit.</para>
/// </remarks>
internal sealed class SubmittedRecords
{
    private readonly object _gate = new();
    private readonly Dictionary<IReadOnlyDictionary<string, object?>, PartitionQueue> _byPartition =
        new(SourcePartitionComparer.Instance);

    // Tasks usually give all records of a source partition the same map instance: remember the last one looked up,
    // which spares hashing the map's entries for each record.
    private IReadOnlyDictionary<string, object?>? _lastPartition;
    private PartitionQueue? _lastQueue;
    private int _inFlight;

    /// <summary>The number of records submitted and not yet acknowledged.</summary>
    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _inFlight;
            }
        }
    }

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
    /// <param name="record">The handle, not submitted before.</param>
    public void Submit(SubmittedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            record.Owner = this;
            _inFlight++;
            if (record.Partition is { } partition)
            {
                var queue = ReferenceEquals(partition, _lastPartition) ? _lastQueue! : QueueOf(partition);
                queue.Records.Enqueue(record);
                record.Queue = queue;
            }
        }
    }

    /// <summary>Returns, per source partition, the latest offset among the records acknowledged (with every earlier
    /// record of their partition) since the last call: the offsets that are now safe to commit.</summary>
    /// <returns>The committable offsets and how many records are still pending.</returns>
    public CommittableOffsets TakeCommittable()
    {
        lock (_gate)
        {
            var offsets = new Dictionary<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>(SourcePartitionComparer.Instance);
            List<IReadOnlyDictionary<string, object?>>? emptied = null;
            var pending = 0;
            foreach (var (partition, queue) in _byPartition)
            {
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

    private void Acknowledge(SubmittedRecord record)
    {
        lock (_gate)
        {
            if (record.Acknowledged)
            {
                return;
            }

            record.Acknowledged = true;
            _inFlight--;
            if (record.Queue is { } queue)
            {
                // Move the committable position past every acknowledged record at the head of the queue.
                while (queue.Records.TryPeek(out var head) && head.Acknowledged)
                {
                    queue.Latest = head.Offset;
                    queue.Advanced = true;
                    queue.Records.Dequeue().Queue = null;
                    head.OnSettled();
                }
            }
            else
            {
                record.OnSettled();
            }
        }
    }

    /// <summary>A record handed to the producer.</summary>
    internal class SubmittedRecord
    {
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

        public bool Acknowledged { get; set; }

        internal SubmittedRecords? Owner { get; set; }

        internal PartitionQueue? Queue { get; set; }

        /// <summary>Marks the record as written (or deliberately skipped) so its offset can be committed.</summary>
        public void Acknowledge() =>
            (Owner ?? throw new InvalidOperationException("The record was not submitted.")).Acknowledge(this);

        /// <summary>Called once the record is acknowledged and its offset taken into account (it left its partition's
        /// queue, or it had none): the tracker no longer refers to it, so a subclass may reuse the handle. Runs inside
        /// the tracker's lock.</summary>
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
            Acknowledged = false;
            Owner = null;
            Queue = null;
        }
    }

    /// <summary>The records of one source partition still waiting for the ones before them, in submission order, and
    /// the committable offset not yet taken.</summary>
    internal sealed class PartitionQueue
    {
        public Queue<SubmittedRecord> Records { get; } = new();

        public bool Advanced { get; set; }

        public IReadOnlyDictionary<string, object?>? Latest { get; set; }
    }
}

/// <summary>The offsets that can be committed now, and how many submitted records are still unacknowledged.</summary>
/// <param name="Offsets">The latest acknowledged contiguous offset per source partition.</param>
/// <param name="PendingRecords">The records still waiting for acknowledgement.</param>
internal sealed record CommittableOffsets(
    IReadOnlyDictionary<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?> Offsets,
    int PendingRecords);
