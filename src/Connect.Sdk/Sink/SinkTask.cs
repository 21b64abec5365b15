namespace Connect.Sdk.Sink;

/// <summary>
/// Writes records from Kafka to a sink system. The runtime calls <see cref="Start"/> once, <see cref="Open"/> when
/// partitions are assigned, <see cref="PutAsync"/> with each batch, <see cref="PreCommitAsync"/> before committing
/// consumer offsets (only the offsets it returns are committed), <see cref="Close"/> when partitions are revoked, and
/// <see cref="Stop"/> at shutdown.
/// </summary>
/// <remarks>
/// Throw <see cref="Errors.RetriableException"/> from <see cref="PutAsync"/> when the sink is temporarily unavailable:
/// the runtime waits (see <see cref="ISinkTaskContext.Timeout"/>) and delivers the same records again, so writes
/// should be idempotent. Any other exception fails the task.
/// </remarks>
public abstract class SinkTask
{
    /// <summary>The configuration key that lists the topics to consume.</summary>
    public const string TopicsConfig = "topics";

    /// <summary>The configuration key with a regular expression of topics to consume.</summary>
    public const string TopicsRegexConfig = "topics.regex";

    private ISinkTaskContext? _context;

    /// <summary>The context the runtime gave the task.</summary>
    /// <exception cref="InvalidOperationException">The task has not been initialized.</exception>
    protected ISinkTaskContext Context =>
        _context ?? throw new InvalidOperationException("The task has not been initialized with a context.");

    /// <summary>The version of the task, usually the connector's version.</summary>
    public abstract string Version { get; }

    /// <summary>Gives the task its context; the runtime calls this before <see cref="Start"/>.</summary>
    /// <param name="context">The context.</param>
    public virtual void Initialize(ISinkTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
    }

    /// <summary>Starts the task: parse the configuration and open connections.</summary>
    /// <param name="config">The task configuration.</param>
    public abstract void Start(IReadOnlyDictionary<string, string> config);

    /// <summary>
    /// Whether the task may hold on to the <see cref="SinkRecord"/> objects, or the collection, given to
    /// <see cref="PutAsync"/> after that call has completed: buffering the records until <see cref="FlushAsync"/>, say.
    /// <see langword="true"/> unless overridden, since Kafka Connect's tasks may. Read once, after <see cref="Start"/>,
    /// so it may depend on the configuration (a buffering mode, say).
    /// </summary>
    /// <remarks>
    /// A task that takes what it needs from each record during <see cref="PutAsync"/> (most do: they write records, or
    /// turn them into rows, documents or requests, before the call completes) can return <see langword="false"/>. The
    /// worker then overwrites those record objects, and the collection, with later messages instead of making new ones:
    /// about 100 bytes less garbage per message. What a record holds (key, value, schemas, headers) is never reused and
    /// may be kept either way. The worker reuses records only for connectors without transforms, and not the records of
    /// a batch during which the task reported a record to the errant record reporter. The unit-test harness
    /// (<c>SinkTaskHarness</c>) overwrites the records it gave such a task once <see cref="PutAsync"/> returns, so a task
    /// that keeps them anyway fails its tests.
    /// </remarks>
    public virtual bool KeepsRecordsAfterPut => true;

    /// <summary>Writes, or buffers for writing, a batch of records.</summary>
    /// <param name="records">The records, possibly empty.</param>
    /// <param name="cancellationToken">Cancelled when the task is stopping.</param>
    /// <returns>A task that completes when the batch has been accepted.</returns>
    public abstract ValueTask PutAsync(IReadOnlyCollection<SinkRecord> records, CancellationToken cancellationToken);

    /// <summary>Makes everything given to <see cref="PutAsync"/> so far durable in the sink system.</summary>
    /// <param name="currentOffsets">The offset after the last record delivered, per partition.</param>
    /// <param name="cancellationToken">Cancelled when the task is stopping.</param>
    /// <returns>A task that completes when the data is durable.</returns>
    public virtual ValueTask FlushAsync(
        IReadOnlyDictionary<TopicPartition, OffsetAndMetadata> currentOffsets,
        CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Called before consumer offsets are committed; returns the offsets that are safe to commit.
    /// The default flushes and returns <paramref name="currentOffsets"/>.</summary>
    /// <param name="currentOffsets">The offset after the last record delivered, per partition.</param>
    /// <param name="cancellationToken">Cancelled when the task is stopping.</param>
    /// <returns>The offsets to commit; partitions left out are not committed.</returns>
    public virtual async ValueTask<IReadOnlyDictionary<TopicPartition, OffsetAndMetadata>> PreCommitAsync(
        IReadOnlyDictionary<TopicPartition, OffsetAndMetadata> currentOffsets,
        CancellationToken cancellationToken)
    {
        await FlushAsync(currentOffsets, cancellationToken).ConfigureAwait(false);
        return currentOffsets;
    }

    /// <summary>Called when partitions are assigned to the task, before records from them are delivered.</summary>
    /// <param name="partitions">The newly assigned partitions.</param>
    public virtual void Open(IReadOnlyCollection<TopicPartition> partitions)
    {
    }

    /// <summary>Called when partitions are taken away from the task; release what was kept for them.</summary>
    /// <param name="partitions">The revoked partitions.</param>
    public virtual void Close(IReadOnlyCollection<TopicPartition> partitions)
    {
    }

    /// <summary>Stops the task and releases its resources.</summary>
    public abstract void Stop();
}
