using System.Collections.Concurrent;
using Connect.Sdk.Sink;

namespace Connect.Sdk.Runtime.Tasks;

/// <summary>
/// The runtime's <see cref="ISinkTaskContext"/>. Requests (offset resets, pause/resume, commits) are recorded here and
/// carried out by the task loop on the consumer's thread.
/// </summary>
internal sealed class SinkTaskContext : ISinkTaskContext
{
    private readonly ConcurrentDictionary<TopicPartition, long> _offsetResets = new();
    private readonly ConcurrentQueue<(bool Pause, TopicPartition[] Partitions)> _pauseRequests = new();
    private volatile IReadOnlyCollection<TopicPartition> _assignment = [];
    private long _timeoutMs = -1;
    private int _commitRequested;

    public SinkTaskContext(IReadOnlyDictionary<string, string> configs, IErrantRecordReporter? reporter)
    {
        Configs = configs;
        ErrantRecordReporter = reporter;
    }

    public IReadOnlyDictionary<string, string> Configs { get; }

    public IReadOnlyCollection<TopicPartition> Assignment => _assignment;

    public IErrantRecordReporter? ErrantRecordReporter { get; }

    /// <summary>The back-off the task asked for after a RetriableException, or null when none was set.</summary>
    public TimeSpan? RequestedTimeout => Interlocked.Read(ref _timeoutMs) is var ms && ms >= 0 ? TimeSpan.FromMilliseconds(ms) : null;

    public void Offset(IReadOnlyDictionary<TopicPartition, long> offsets)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        foreach (var (partition, offset) in offsets)
        {
            _offsetResets[partition] = offset;
        }
    }

    public void Offset(TopicPartition partition, long offset) => _offsetResets[partition] = offset;

    public void Timeout(TimeSpan timeout) => Interlocked.Exchange(ref _timeoutMs, (long)timeout.TotalMilliseconds);

    public void Pause(params TopicPartition[] partitions) => _pauseRequests.Enqueue((true, partitions));

    public void Resume(params TopicPartition[] partitions) => _pauseRequests.Enqueue((false, partitions));

    public void RequestCommit() => Interlocked.Exchange(ref _commitRequested, 1);

    internal void SetAssignment(IReadOnlyCollection<TopicPartition> assignment) => _assignment = assignment;

    internal bool TakeCommitRequest() => Interlocked.Exchange(ref _commitRequested, 0) == 1;

    internal IReadOnlyDictionary<TopicPartition, long> TakeOffsetResets()
    {
        var taken = new Dictionary<TopicPartition, long>();
        foreach (var partition in _offsetResets.Keys)
        {
            if (_offsetResets.TryRemove(partition, out var offset))
            {
                taken[partition] = offset;
            }
        }

        return taken;
    }

    internal IEnumerable<(bool Pause, TopicPartition[] Partitions)> TakePauseRequests()
    {
        while (_pauseRequests.TryDequeue(out var request))
        {
            yield return request;
        }
    }
}
