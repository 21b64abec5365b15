using System.Collections.Concurrent;
using System.Diagnostics;
using Connect.Sdk.Source;

namespace Connect.Sdk.Benchmarks.EndToEnd;

/// <summary>What a <see cref="BenchSourceTask"/> polls from.</summary>
internal interface IRecordFeed
{
    /// <summary>The next batch, or <see langword="null"/> when there is none yet (after a short wait).</summary>
    ValueTask<IReadOnlyList<SourceRecord>?> NextAsync(CancellationToken cancellationToken);
}

/// <summary>A feed that wants to hear about each acknowledged record (from <see cref="AckingBenchSourceTask"/>).</summary>
internal interface IAckingFeed : IRecordFeed
{
    /// <summary>Called from the task's <c>CommitRecordAsync</c>: Kafka acknowledged the record.</summary>
    void Acknowledged(SourceRecord record);
}

/// <summary>
/// Hands feeds to source tasks, which the worker creates by reflection: a connector's <c>bench.feed</c> setting names
/// a registered feed factory, called with the task number.
/// </summary>
internal static class FeedRegistry
{
    public const string FeedConfig = "bench.feed";
    public const string TaskConfig = "bench.task";

    private static readonly ConcurrentDictionary<string, Func<int, IRecordFeed>> Feeds = new(StringComparer.Ordinal);
    private static int s_next;

    public static string Register(Func<int, IRecordFeed> factory)
    {
        var id = "feed-" + Interlocked.Increment(ref s_next);
        Feeds[id] = factory;
        return id;
    }

    public static IRecordFeed Open(string id, int task) =>
        Feeds.TryGetValue(id, out var factory) ? factory(task) : throw new InvalidOperationException($"No feed {id} is registered.");

    public static void Remove(string id) => Feeds.TryRemove(id, out _);
}

/// <summary>
/// A feed of prebuilt records, handed out in whole batches only when the harness releases them, so the harness decides
/// when measurement starts. The records are built once and cycled (a source task's own cost of building records is
/// not part of the framework's overhead, and the raw baseline does not build any either). Acknowledgements are
/// counted by the worker's own task metrics, so the task does not override <c>CommitRecordAsync</c>, as most
/// connectors do not.
/// </summary>
internal sealed class ReleasedFeed : IRecordFeed
{
    private readonly SourceRecord[][] _batches;
    private readonly SemaphoreSlim _released = new(0);
    private int _next;

    /// <param name="build">Builds record number i of the ring.</param>
    /// <param name="batchSize">Records per poll.</param>
    /// <param name="batches">Distinct batches in the ring.</param>
    public ReleasedFeed(Func<int, SourceRecord> build, int batchSize, int batches)
    {
        BatchSize = batchSize;
        _batches = new SourceRecord[batches][];
        for (var b = 0; b < batches; b++)
        {
            _batches[b] = new SourceRecord[batchSize];
            for (var i = 0; i < batchSize; i++)
            {
                _batches[b][i] = build((b * batchSize) + i);
            }
        }
    }

    public int BatchSize { get; }

    /// <summary>All records released so far.</summary>
    public long Released { get; private set; }

    /// <summary>Lets the task poll <paramref name="records"/> more records, rounded up to whole batches.</summary>
    /// <returns>The number of records released by this call.</returns>
    public long Release(long records)
    {
        var batches = (int)((records + BatchSize - 1) / BatchSize);
        Released += (long)batches * BatchSize;
        _released.Release(batches);
        return (long)batches * BatchSize;
    }

    public async ValueTask<IReadOnlyList<SourceRecord>?> NextAsync(CancellationToken cancellationToken)
    {
        if (!await _released.WaitAsync(100, cancellationToken))
        {
            return null;
        }

        var batch = _batches[_next];
        _next = (_next + 1) % _batches.Length;
        return batch;
    }
}

/// <summary>Says how many records are due at a fixed rate, waiting when none is; raw loops and tasks share it.</summary>
internal sealed class Pacer(double recordsPerSecond)
{
    private readonly long _start = Stopwatch.GetTimestamp();
    private long _emitted;

    public long Emitted => _emitted;

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_start);

    /// <summary>Waits until at least one record is due, then returns how many are (at most <paramref name="max"/>).</summary>
    public async ValueTask<int> WaitDueAsync(int max, CancellationToken cancellationToken)
    {
        while (true)
        {
            var elapsed = Elapsed.TotalSeconds;
            var due = (long)(elapsed * recordsPerSecond) - _emitted;
            if (due > 0)
            {
                var count = (int)Math.Min(due, max);
                _emitted += count;
                return count;
            }

            var wait = ((_emitted + 1) / recordsPerSecond) - elapsed;
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(wait, 0.001)), cancellationToken);
        }
    }
}

/// <summary>
/// A feed at a fixed rate that time-stamps each record when the poll returns it and measures the time until the
/// acknowledgement reaches the task: the latency case (fresh records with a sequence number in the source offset).
/// </summary>
internal sealed class LatencyFeed(double rate, byte[] payload, string topic, int capacity) : IAckingFeed
{
    private static readonly Dictionary<string, object?> Partition = new() { ["generator"] = "latency" };
    private readonly long[] _sentAt = new long[capacity];
    private readonly long[] _latency = new long[capacity];
    private Pacer? _pacer;
    private int _next;
    private int _acked;
    private volatile bool _stopped;

    public int Sent => Volatile.Read(ref _next);

    public int Acked => Volatile.Read(ref _acked);

    public TimeSpan Elapsed => _pacer?.Elapsed ?? TimeSpan.Zero;

    public void Stop() => _stopped = true;

    /// <summary>The latencies of the acknowledged records numbered <paramref name="from"/> and up.</summary>
    public IReadOnlyList<long> Latencies(int from) => _latency.Skip(from).Take(Sent - from).Where(l => l > 0).ToList();

    public async ValueTask<IReadOnlyList<SourceRecord>?> NextAsync(CancellationToken cancellationToken)
    {
        if (_stopped || _next >= capacity)
        {
            await Task.Delay(50, cancellationToken);
            return null;
        }

        _pacer ??= new Pacer(rate);
        var count = Math.Min(await _pacer.WaitDueAsync(1_000, cancellationToken), capacity - _next);
        var batch = new SourceRecord[count];
        for (var i = 0; i < count; i++)
        {
            var offset = new Dictionary<string, object?> { ["seq"] = (long)(_next + i) };
            batch[i] = new SourceRecord(Partition, offset, topic, value: payload);
        }

        var now = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            _sentAt[_next + i] = now;
        }

        Volatile.Write(ref _next, _next + count);
        return batch;
    }

    public void Acknowledged(SourceRecord record)
    {
        var seq = (int)(long)record.SourceOffset!["seq"]!;
        _latency[seq] = Stopwatch.GetTimestamp() - _sentAt[seq];
        Interlocked.Increment(ref _acked);
    }
}

/// <summary>A feed at a fixed rate that cycles prebuilt records: the memory case's tasks (acknowledgements are counted
/// by the worker's task metrics).</summary>
internal sealed class PacedRingFeed : IRecordFeed
{
    private const int BatchLimit = 1_000;
    private readonly SourceRecord[] _ring;
    private readonly double _rate;
    private Pacer? _pacer;
    private int _position;

    public PacedRingFeed(double rate, Func<int, SourceRecord> build, int ringSize)
    {
        _rate = rate;
        _ring = Enumerable.Range(0, ringSize).Select(build).ToArray();
    }

    public async ValueTask<IReadOnlyList<SourceRecord>?> NextAsync(CancellationToken cancellationToken)
    {
        _pacer ??= new Pacer(_rate);
        var count = await _pacer.WaitDueAsync(BatchLimit, cancellationToken);
        var batch = new SourceRecord[count];
        for (var i = 0; i < count; i++)
        {
            batch[i] = _ring[_position];
            _position = (_position + 1) % _ring.Length;
        }

        return batch;
    }
}
