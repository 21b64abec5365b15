using System.Collections.Concurrent;
using System.Globalization;
using Connect.Sdk.Config;
using Connect.Sdk.Data;
using Connect.Sdk.Source;

namespace Connect.Sdk.Runtime.Tests.TestConnectors;

/// <summary>
/// A source connector that counts: each source partition <c>p</c> emits the values <c>p-0</c>, <c>p-1</c>, … with the
/// offset <c>{"seq": n}</c>, and a restarted task resumes after the stored offset. Source partitions are spread over
/// up to <c>tasks.max</c> tasks.
/// </summary>
public sealed class CountingSourceConnector : SourceConnector
{
    public const string TopicConfig = "topic";
    public const string TotalRecordsConfig = "total.records";
    public const string BatchSizeConfig = "batch.size";
    public const string SourcePartitionsConfig = "source.partitions";
    public const string PollDelayConfig = "poll.delay.ms";
    public const string StartErrorConfig = "start.error";
    public const string StopBlockConfig = "stop.block.ms";
    public const string PollRetriableFailuresConfig = "poll.retriable.failures";
    public const string PollFatalErrorConfig = "poll.fatal.error";
    public const string TaskPartitionsConfig = "task.partitions";

    public static ConfigDef Definition { get; } = new ConfigDef()
        .Define(TopicConfig, ConfigType.String, Importance.High, "The topic to write to.")
        .Define(TotalRecordsConfig, ConfigType.Long, 100L, Importance.High, "Records per source partition; -1 for no end.")
        .Define(BatchSizeConfig, ConfigType.Int, 10, Importance.Medium, "Records per poll.")
        .Define(SourcePartitionsConfig, ConfigType.Int, 1, Importance.Medium, "The number of source partitions.")
        .Define(PollDelayConfig, ConfigType.Int, 0, Importance.Low, "A pause before each poll, in milliseconds.")
        .Define(StartErrorConfig, ConfigType.String, "", Importance.Low, "When set, Start throws an exception with this message.")
        .Define(StopBlockConfig, ConfigType.Int, 0, Importance.Low, "How long the task's Stop blocks, in milliseconds (a stuck task).")
        .Define(PollRetriableFailuresConfig, ConfigType.Int, 0, Importance.Low, "How many polls throw a RetriableException first.")
        .Define(PollFatalErrorConfig, ConfigType.String, "", Importance.Low, "When set, the first poll throws an exception with this message.");

    private IReadOnlyDictionary<string, string> _config = new Dictionary<string, string>();
    private int _partitions = 1;

    public override string Version => "1.0.0";

    public override Type TaskType => typeof(CountingSourceTask);

    public override ConfigDef Config => Definition;

    public override void Start(IReadOnlyDictionary<string, string> config)
    {
        var parsed = new SimpleConfig(Definition, config);
        if (parsed.GetString(StartErrorConfig) is { Length: > 0 } error)
        {
            throw new InvalidOperationException(error);
        }

        _config = config;
        _partitions = parsed.GetInt(SourcePartitionsConfig);
    }

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks)
    {
        var tasks = Math.Min(maxTasks, _partitions);
        return Enumerable.Range(0, tasks)
            .Select(t => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(_config)
            {
                [TaskPartitionsConfig] = string.Join(',', Enumerable.Range(0, _partitions).Where(p => p % tasks == t)),
            })
            .ToList();
    }

    public override void Stop()
    {
    }

    /// <summary>The source partition map of partition <paramref name="partition"/>.</summary>
    public static IReadOnlyDictionary<string, object?> SourcePartition(int partition) =>
        new Dictionary<string, object?> { ["counter"] = "test", ["partition"] = partition };

    /// <summary>The value of record <paramref name="seq"/> of partition <paramref name="partition"/>.</summary>
    public static string ValueOf(int partition, long seq) => string.Create(CultureInfo.InvariantCulture, $"{partition}-{seq}");
}

/// <summary>The task of <see cref="CountingSourceConnector"/>.</summary>
public sealed class CountingSourceTask : SourceTask
{
    private readonly List<(int Partition, long Next)> _positions = [];
    private string _topic = string.Empty;
    private long _total;
    private int _batchSize;
    private int _pollDelay;
    private int _stopBlock;
    private int _retriableFailures;
    private string _fatalError = string.Empty;
    private int _cursor;
    private SourceProgress _progress = new();

    public override string Version => "1.0.0";

    public override void Start(IReadOnlyDictionary<string, string> config)
    {
        var parsed = new SimpleConfig(CountingSourceConnector.Definition, config);
        _topic = parsed.GetString(CountingSourceConnector.TopicConfig)!;
        _total = parsed.GetLong(CountingSourceConnector.TotalRecordsConfig);
        _batchSize = parsed.GetInt(CountingSourceConnector.BatchSizeConfig);
        _pollDelay = parsed.GetInt(CountingSourceConnector.PollDelayConfig);
        _stopBlock = parsed.GetInt(CountingSourceConnector.StopBlockConfig);
        _retriableFailures = parsed.GetInt(CountingSourceConnector.PollRetriableFailuresConfig);
        _fatalError = parsed.GetString(CountingSourceConnector.PollFatalErrorConfig) ?? string.Empty;
        _progress = SourceProgress.For(config["name"]);
        var partitions = config[CountingSourceConnector.TaskPartitionsConfig]
            .Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => int.Parse(p, CultureInfo.InvariantCulture))
            .ToList();
        var stored = Context.OffsetStorageReader.Offsets(partitions.Select(CountingSourceConnector.SourcePartition));
        foreach (var partition in partitions)
        {
            var next = stored.TryGetValue(CountingSourceConnector.SourcePartition(partition), out var offset) && offset["seq"] is long seq
                ? seq + 1
                : 0;
            _positions.Add((partition, next));
            _progress.ResumedFrom[partition] = next;
        }

        _progress.RecordStart();
    }

    public override async ValueTask<IReadOnlyList<SourceRecord>?> PollAsync(CancellationToken cancellationToken)
    {
        if (_pollDelay > 0)
        {
            await Task.Delay(_pollDelay, cancellationToken);
        }

        if (_fatalError.Length > 0)
        {
            throw new InvalidOperationException(_fatalError);
        }

        if (_retriableFailures > 0)
        {
            _retriableFailures--;
            _progress.RecordRetriableFailure();
            throw new Connect.Sdk.Errors.RetriableException("Simulated retriable poll failure");
        }

        var batch = new List<SourceRecord>(_batchSize);
        for (var attempts = 0; batch.Count < _batchSize && attempts < _positions.Count; attempts++)
        {
            var index = _cursor++ % _positions.Count;
            var (partition, next) = _positions[index];
            while (batch.Count < _batchSize && (_total < 0 || next < _total))
            {
                batch.Add(new SourceRecord(
                    CountingSourceConnector.SourcePartition(partition),
                    new Dictionary<string, object?> { ["seq"] = next },
                    _topic,
                    kafkaPartition: null,
                    keySchema: Schema.OptionalString,
                    key: partition.ToString(CultureInfo.InvariantCulture),
                    valueSchema: Schema.OptionalString,
                    value: CountingSourceConnector.ValueOf(partition, next)));
                next++;
            }

            _positions[index] = (partition, next);
        }

        if (batch.Count == 0)
        {
            // Everything was produced: idle without spinning.
            await Task.Delay(50, cancellationToken);
            return null;
        }

        _progress.RecordPolled(batch.Count);
        return batch;
    }

    public override ValueTask CommitRecordAsync(SourceRecord record, RecordMetadata? metadata, CancellationToken cancellationToken = default)
    {
        _progress.RecordCommitted(metadata);
        return ValueTask.CompletedTask;
    }

    public override void Stop()
    {
        _progress.RecordStopping();
        if (_stopBlock > 0)
        {
            Thread.Sleep(_stopBlock);
        }

        _progress.RecordStop();
    }
}

/// <summary>What the counting source tasks of one connector did, shared with the test.</summary>
public sealed class SourceProgress
{
    private static readonly ConcurrentDictionary<string, SourceProgress> ByConnector = new(StringComparer.Ordinal);
    private long _polled;
    private long _committed;
    private int _starts;
    private int _stops;
    private int _stopping;
    private int _retriableFailures;

    /// <summary>The first sequence number each source partition produced after the latest start.</summary>
    public ConcurrentDictionary<int, long> ResumedFrom { get; } = new();

    public long Polled => Interlocked.Read(ref _polled);

    /// <summary>Records for which commitRecord was called (acknowledged by Kafka or skipped).</summary>
    public long CommittedRecords => Interlocked.Read(ref _committed);

    public int Starts => Volatile.Read(ref _starts);

    public int Stops => Volatile.Read(ref _stops);

    public int RetriableFailures => Volatile.Read(ref _retriableFailures);

    /// <summary>Tasks inside Stop right now.</summary>
    public int StopsInProgress => Volatile.Read(ref _stopping);

    public static SourceProgress For(string connector) => ByConnector.GetOrAdd(connector, _ => new SourceProgress());

    internal void RecordPolled(int count) => Interlocked.Add(ref _polled, count);

    /// <summary>What commitRecord was given for each record, in order; null for a record that was not written.</summary>
    public ConcurrentQueue<RecordMetadata?> CommittedMetadata { get; } = new();

    internal void RecordCommitted(RecordMetadata? metadata)
    {
        CommittedMetadata.Enqueue(metadata);
        Interlocked.Increment(ref _committed);
    }

    internal void RecordStart() => Interlocked.Increment(ref _starts);

    internal void RecordRetriableFailure() => Interlocked.Increment(ref _retriableFailures);

    internal void RecordStopping() => Interlocked.Increment(ref _stopping);

    internal void RecordStop()
    {
        Interlocked.Increment(ref _stops);
        Interlocked.Decrement(ref _stopping);
    }
}
