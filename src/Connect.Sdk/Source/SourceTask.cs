namespace Connect.Sdk.Source;

/// <summary>
/// Reads data from a source system. The runtime calls <see cref="Start"/> once, then <see cref="PollAsync"/> in a loop
/// on the task's own thread, writes each returned record to Kafka, and calls <see cref="CommitRecordAsync"/> for each
/// record Kafka acknowledged and <see cref="CommitAsync"/> after offsets were committed. <see cref="Stop"/> is called
/// when the task is shut down, possibly while a poll is in progress; the poll's cancellation token is cancelled too.
/// </summary>
/// <remarks>
/// Throw <see cref="Errors.RetriableException"/> from <see cref="PollAsync"/> for a transient failure (the runtime
/// polls again) and <see cref="Errors.ConnectException"/> for a fatal one (the task fails with the error in its status).
/// </remarks>
public abstract class SourceTask
{
    private ISourceTaskContext? _context;

    /// <summary>The context the runtime gave the task.</summary>
    /// <exception cref="InvalidOperationException">The task has not been initialized.</exception>
    protected ISourceTaskContext Context =>
        _context ?? throw new InvalidOperationException("The task has not been initialized with a context.");

    /// <summary>The version of the task, usually the connector's version.</summary>
    public abstract string Version { get; }

    /// <summary>Gives the task its context; the runtime calls this before <see cref="Start"/>.</summary>
    /// <param name="context">The context.</param>
    public virtual void Initialize(ISourceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
    }

    /// <summary>Starts the task: parse the configuration, open connections, read the committed offsets to resume from.</summary>
    /// <param name="config">The task configuration.</param>
    public abstract void Start(IReadOnlyDictionary<string, string> config);

    /// <summary>Returns the next batch of records, or <see langword="null"/> or an empty list when there is none right now.
    /// It may wait a little for data but should return regularly so the task can be paused or stopped.</summary>
    /// <param name="cancellationToken">Cancelled when the task is stopping.</param>
    /// <returns>The records, or <see langword="null"/>.</returns>
    public abstract ValueTask<IReadOnlyList<SourceRecord>?> PollAsync(CancellationToken cancellationToken);

    /// <summary>Called after the runtime committed the offsets of the records polled so far.</summary>
    /// <param name="cancellationToken">Cancelled when the task is stopping.</param>
    /// <returns>A task that completes when the commit has been acknowledged in the source system.</returns>
    public virtual ValueTask CommitAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <summary>Called for each record once Kafka acknowledged it, or once a transform filtered it out.</summary>
    /// <param name="record">The record as polled, before transforms.</param>
    /// <param name="metadata">Where Kafka stored it, or <see langword="null"/> when a transform dropped it.</param>
    /// <param name="cancellationToken">Cancelled when the task is stopping.</param>
    /// <returns>A task that completes when the acknowledgement has been handled.</returns>
    public virtual ValueTask CommitRecordAsync(
        SourceRecord record,
        RecordMetadata? metadata,
        CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <summary>Stops the task and releases its resources. Called once, possibly from another thread than the poll loop.</summary>
    public abstract void Stop();
}
