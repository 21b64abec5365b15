using Connect.Sdk.Storage;

namespace Connect.Sdk.Runtime.Tasks;

/// <summary>
/// Tracks the source records a task handed to the producer, per source partition in submission order, so that an
/// offset is committed only once Kafka acknowledged that record and every earlier record of its source partition.
/// </summary>
/// <remarks>Thread-safe: records are submitted on the task thread and acknowledged on the producer's thread.</remarks>
internal sealed class SubmittedRecords
{
    private readonly object _gate = new();
    private readonly Dictionary<IReadOnlyDictionary<string, object?>, LinkedList<SubmittedRecord>> _byPartition =
        new(SourcePartitionComparer.Instance);

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
        var record = new SubmittedRecord(this, partition, offset);
        lock (_gate)
        {
            _inFlight++;
            if (partition is not null)
            {
                if (!_byPartition.TryGetValue(partition, out var queue))
                {
                    queue = new LinkedList<SubmittedRecord>();
                    _byPartition[partition] = queue;
                }

                record.Node = queue.AddLast(record);
            }
        }

        return record;
    }

    /// <summary>Removes every acknowledged record at the head of each partition's queue and returns the latest offset
    /// among them per partition: the offsets that are now safe to commit.</summary>
    /// <returns>The committable offsets and how many records are still pending.</returns>
    public CommittableOffsets TakeCommittable()
    {
        lock (_gate)
        {
            var offsets = new Dictionary<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>(SourcePartitionComparer.Instance);
            var emptied = new List<IReadOnlyDictionary<string, object?>>();
            var pending = 0;
            foreach (var (partition, queue) in _byPartition)
            {
                var advanced = false;
                IReadOnlyDictionary<string, object?>? latest = null;
                while (queue.First is { Value.Acknowledged: true } head)
                {
                    latest = head.Value.Offset;
                    advanced = true;
                    queue.RemoveFirst();
                }

                if (advanced)
                {
                    offsets[partition] = latest;
                }

                pending += queue.Count;
                if (queue.Count == 0)
                {
                    emptied.Add(partition);
                }
            }

            foreach (var partition in emptied)
            {
                _byPartition.Remove(partition);
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
        }
    }

    /// <summary>A record handed to the producer.</summary>
    internal sealed class SubmittedRecord
    {
        private readonly SubmittedRecords _owner;

        public SubmittedRecord(SubmittedRecords owner, IReadOnlyDictionary<string, object?>? partition, IReadOnlyDictionary<string, object?>? offset)
        {
            _owner = owner;
            Partition = partition;
            Offset = offset;
        }

        public IReadOnlyDictionary<string, object?>? Partition { get; }

        public IReadOnlyDictionary<string, object?>? Offset { get; }

        public bool Acknowledged { get; set; }

        public LinkedListNode<SubmittedRecord>? Node { get; set; }

        /// <summary>Marks the record as written (or deliberately skipped) so its offset can be committed.</summary>
        public void Acknowledge() => _owner.Acknowledge(this);
    }
}

/// <summary>The offsets that can be committed now, and how many submitted records are still unacknowledged.</summary>
/// <param name="Offsets">The latest acknowledged contiguous offset per source partition.</param>
/// <param name="PendingRecords">The records still waiting for acknowledgement.</param>
internal sealed record CommittableOffsets(
    IReadOnlyDictionary<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?> Offsets,
    int PendingRecords);
