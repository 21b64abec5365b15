using System.Collections.Concurrent;
using Connect.Sdk.Config;
using Connect.Sdk.Sink;
using Connect.Sdk.Source;

namespace Connect.Sdk.Benchmarks.EndToEnd;

/// <summary>A source connector whose tasks poll the in-memory feed named by <c>bench.feed</c>.</summary>
public sealed class BenchSourceConnector : SourceConnector
{
    private IReadOnlyDictionary<string, string> _config = new Dictionary<string, string>();

    public override string Version => "1.0";

    public override Type TaskType => typeof(BenchSourceTask);

    public override ConfigDef Config => new();

    public override void Start(IReadOnlyDictionary<string, string> config) => _config = config;

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) =>
        Enumerable.Range(0, maxTasks)
            .Select(i => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(_config) { [FeedRegistry.TaskConfig] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            .ToList();

    public override void Stop()
    {
    }
}

/// <summary>A source task that returns what its feed gives. Like most connectors' tasks it does not override
/// <c>CommitRecordAsync</c>.</summary>
public class BenchSourceTask : SourceTask
{
    private protected IRecordFeed? Feed { get; private set; }

    public override string Version => "1.0";

    public override void Start(IReadOnlyDictionary<string, string> config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Feed = FeedRegistry.Open(config[FeedRegistry.FeedConfig], int.Parse(config[FeedRegistry.TaskConfig], System.Globalization.CultureInfo.InvariantCulture));
    }

    public override ValueTask<IReadOnlyList<SourceRecord>?> PollAsync(CancellationToken cancellationToken) => Feed!.NextAsync(cancellationToken);

    public override void Stop()
    {
    }
}

/// <summary>A source connector whose tasks also report each acknowledged record to their feed (the latency case).</summary>
public sealed class AckingBenchSourceConnector : SourceConnector
{
    private readonly BenchSourceConnector _inner = new();

    public override string Version => "1.0";

    public override Type TaskType => typeof(AckingBenchSourceTask);

    public override ConfigDef Config => new();

    public override void Start(IReadOnlyDictionary<string, string> config) => _inner.Start(config);

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) => _inner.TaskConfigs(maxTasks);

    public override void Stop()
    {
    }
}

/// <summary>A <see cref="BenchSourceTask"/> whose <c>CommitRecordAsync</c> tells the feed about each acknowledged record.</summary>
public sealed class AckingBenchSourceTask : BenchSourceTask
{
    public override ValueTask CommitRecordAsync(SourceRecord record, RecordMetadata? metadata, CancellationToken cancellationToken = default)
    {
        ((IAckingFeed)Feed!).Acknowledged(record);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Counts what a <see cref="NullSinkTask"/> is given; the harness waits on it.</summary>
internal sealed class SinkProbe(long target)
{
    public const string ProbeConfig = "bench.probe";

    private static readonly ConcurrentDictionary<string, SinkProbe> Probes = new(StringComparer.Ordinal);
    private static int s_next;
    private readonly TaskCompletionSource<Snapshot> _assigned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<Snapshot> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _received;

    /// <summary>Completes with a snapshot when the task is first given partitions (measurement starts).</summary>
    public Task<Snapshot> Assigned => _assigned.Task;

    /// <summary>Completes with a snapshot once <c>target</c> records were put.</summary>
    public Task<Snapshot> Done => _done.Task;

    public long Received => Interlocked.Read(ref _received);

    public static string Register(SinkProbe probe)
    {
        var id = "probe-" + Interlocked.Increment(ref s_next);
        Probes[id] = probe;
        return id;
    }

    public static SinkProbe Find(string id) => Probes[id];

    public static void Remove(string id) => Probes.TryRemove(id, out _);

    public void OnAssigned() => _assigned.TrySetResult(Snapshot.Take());

    public void OnPut(int count)
    {
        if (Interlocked.Add(ref _received, count) >= target && !_done.Task.IsCompleted)
        {
            _done.TrySetResult(Snapshot.Take());
        }
    }
}

/// <summary>A sink connector whose tasks drop every record, counting them on the probe named by <c>bench.probe</c>.</summary>
public class NullSinkConnector : SinkConnector
{
    private IReadOnlyDictionary<string, string> _config = new Dictionary<string, string>();

    public override string Version => "1.0";

    public override Type TaskType => typeof(NullSinkTask);

    public override ConfigDef Config => new();

    public override void Start(IReadOnlyDictionary<string, string> config) => _config = config;

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) => [_config];

    public override void Stop()
    {
    }
}

/// <summary>A sink task that does nothing with its records but count them. It keeps none, so the worker reuses them.</summary>
public class NullSinkTask : SinkTask
{
    private SinkProbe? _probe;

    public override string Version => "1.0";

    public override bool KeepsRecordsAfterPut => false;

    public override void Start(IReadOnlyDictionary<string, string> config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _probe = SinkProbe.Find(config[SinkProbe.ProbeConfig]);
    }

    public override void Open(IReadOnlyCollection<TopicPartition> partitions) => _probe!.OnAssigned();

    public override ValueTask PutAsync(IReadOnlyCollection<SinkRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        _probe!.OnPut(records.Count);
        return ValueTask.CompletedTask;
    }

    public override void Stop()
    {
    }
}

/// <summary>A <see cref="NullSinkConnector"/> whose tasks say they keep records, as a task that does not override
/// <see cref="SinkTask.KeepsRecordsAfterPut"/> does: the worker makes a record per message for them.</summary>
public sealed class RecordKeepingNullSinkConnector : NullSinkConnector
{
    public override Type TaskType => typeof(RecordKeepingNullSinkTask);
}

/// <summary>A <see cref="NullSinkTask"/> with <see cref="SinkTask.KeepsRecordsAfterPut"/> left at its default.</summary>
public sealed class RecordKeepingNullSinkTask : NullSinkTask
{
    public override bool KeepsRecordsAfterPut => true;
}
