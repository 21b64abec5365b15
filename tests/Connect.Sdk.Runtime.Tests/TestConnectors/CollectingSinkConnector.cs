using System.Collections.Concurrent;
using Connect.Sdk.Config;
using Connect.Sdk.Errors;
using Connect.Sdk.Sink;

namespace Connect.Sdk.Runtime.Tests.TestConnectors;

/// <summary>
/// A sink connector that records what its tasks receive in <see cref="SinkLog"/> (one log per connector name), with
/// switches to misbehave: RetriableException from the first puts, a fatal exception on a value, flushes held back
/// until the test allows them, failed flushes, and errant records reported through the ErrantRecordReporter (in their
/// own put or a later one). With <c>collect.keeps.records=false</c> its tasks say they keep no records
/// (<see cref="SinkTask.KeepsRecordsAfterPut"/>), and the log notes which record objects and collections they were given.
/// </summary>
public sealed class CollectingSinkConnector : SinkConnector
{
    public const string RetriableFailuresConfig = "collect.retriable.failures";
    public const string RetryTimeoutConfig = "collect.retry.timeout.ms";
    public const string FatalValueConfig = "collect.fatal.value";
    public const string HoldFlushConfig = "collect.hold.flush";
    public const string ErrantValueConfig = "collect.errant.value";
    public const string PreCommitFailuresConfig = "collect.precommit.failures";
    public const string ErrantInNextPutConfig = "collect.errant.in.next.put";
    public const string KeepsRecordsConfig = "collect.keeps.records";

    public static ConfigDef Definition { get; } = new ConfigDef()
        .Define(RetriableFailuresConfig, ConfigType.Int, 0, Importance.Low, "How many puts (with records) throw a RetriableException first.")
        .Define(RetryTimeoutConfig, ConfigType.Long, -1L, Importance.Low, "When >= 0, the back-off the task asks for with context.Timeout before throwing a RetriableException.")
        .Define(FatalValueConfig, ConfigType.String, "", Importance.Low, "A value whose arrival makes put throw a non-retriable exception.")
        .Define(HoldFlushConfig, ConfigType.Boolean, false, Importance.Low, "Whether records are flushed only when the test asks (SinkLog.RequestFlush).")
        .Define(ErrantValueConfig, ConfigType.String, "", Importance.Low, "A value the task reports through the ErrantRecordReporter instead of writing it.")
        .Define(ErrantInNextPutConfig, ConfigType.Boolean, false, Importance.Low, "Whether errant records are reported during the next put (of a later batch) instead of their own.")
        .Define(KeepsRecordsConfig, ConfigType.Boolean, true, Importance.Low, "What the task's KeepsRecordsAfterPut says (it copies what it needs either way).")
        .Define(PreCommitFailuresConfig, ConfigType.Int, 0, Importance.Low, "How many pre-commits (with offsets) fail first, as a flush to the target system would, losing what was put since the last one.");

    private IReadOnlyDictionary<string, string> _config = new Dictionary<string, string>();

    public override string Version => "1.0.0";

    public override Type TaskType => typeof(CollectingSinkTask);

    public override ConfigDef Config => Definition;

    public override void Start(IReadOnlyDictionary<string, string> config) => _config = config;

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) =>
        Enumerable.Range(0, maxTasks).Select(_ => _config).ToList();

    public override void Stop()
    {
    }
}

/// <summary>The task of <see cref="CollectingSinkConnector"/>.</summary>
public sealed class CollectingSinkTask : SinkTask
{
    private readonly Dictionary<TopicPartition, long> _flushed = [];
    private readonly List<ReceivedRecord> _buffer = [];
    private readonly HashSet<TopicPartition> _open = [];
    private readonly List<SinkRecord> _errantLater = [];
    private SinkLog _log = new();
    private int _retriableFailures;
    private int _preCommitFailures;
    private long _retryTimeout;
    private string _fatalValue = string.Empty;
    private string _errantValue = string.Empty;
    private bool _holdFlush;
    private bool _reportErrantLater;
    private bool _keepsRecords = true;

    public override string Version => "1.0.0";

    public override bool KeepsRecordsAfterPut => _keepsRecords;

    public override void Start(IReadOnlyDictionary<string, string> config)
    {
        var parsed = new SimpleConfig(CollectingSinkConnector.Definition, config);
        _retriableFailures = parsed.GetInt(CollectingSinkConnector.RetriableFailuresConfig);
        _preCommitFailures = parsed.GetInt(CollectingSinkConnector.PreCommitFailuresConfig);
        _retryTimeout = parsed.GetLong(CollectingSinkConnector.RetryTimeoutConfig);
        _fatalValue = parsed.GetString(CollectingSinkConnector.FatalValueConfig) ?? string.Empty;
        _errantValue = parsed.GetString(CollectingSinkConnector.ErrantValueConfig) ?? string.Empty;
        _holdFlush = parsed.GetBoolean(CollectingSinkConnector.HoldFlushConfig);
        _reportErrantLater = parsed.GetBoolean(CollectingSinkConnector.ErrantInNextPutConfig);
        _keepsRecords = parsed.GetBoolean(CollectingSinkConnector.KeepsRecordsConfig);
        _log = SinkLog.For(config["name"]);
        _log.RecordStart();
    }

    public override async ValueTask PutAsync(IReadOnlyCollection<SinkRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }

        foreach (var errant in _errantLater)
        {
            // A record of an earlier batch, which the worker no longer holds the consumed bytes of.
            await Context.ErrantRecordReporter!.ReportAsync(errant, new ArgumentException($"Cannot write value {errant.Value} after all"), cancellationToken);
            _log.RecordErrant(ReceivedRecord.From(errant));
        }

        _errantLater.Clear();
        _log.RecordObjects(records);
        var received = records.Select(ReceivedRecord.From).ToList();
        var attempt = _log.RecordAttempt(received);
        if (attempt <= _retriableFailures)
        {
            if (_retryTimeout >= 0)
            {
                Context.Timeout(TimeSpan.FromMilliseconds(_retryTimeout));
            }

            throw new RetriableException($"Simulated retriable failure of put #{attempt}");
        }

        if (_fatalValue.Length > 0 && received.Any(r => Equals(r.Value, _fatalValue)))
        {
            throw new InvalidOperationException($"Simulated fatal failure: cannot write value {_fatalValue}");
        }

        var written = new List<ReceivedRecord>(received.Count);
        foreach (var (record, original) in received.Zip(records))
        {
            if (_errantValue.Length > 0 && Equals(record.Value, _errantValue) && _reportErrantLater)
            {
                _errantLater.Add(original);
                continue;
            }

            if (_errantValue.Length > 0 && Equals(record.Value, _errantValue))
            {
                await Context.ErrantRecordReporter!.ReportAsync(original, new ArgumentException($"Cannot write value {_errantValue}"), cancellationToken);
                _log.RecordErrant(record, original);
                continue;
            }

            written.Add(record);
        }

        _buffer.AddRange(written);
        _log.RecordDelivered(written);
    }

    public override ValueTask<IReadOnlyDictionary<TopicPartition, OffsetAndMetadata>> PreCommitAsync(
        IReadOnlyDictionary<TopicPartition, OffsetAndMetadata> currentOffsets,
        CancellationToken cancellationToken)
    {

        foreach (var partition in currentOffsets.Keys.Where(p => !_open.Contains(p)))
        {
            _log.RecordViolation($"PreCommitAsync for {partition}, which is not open");
        }

        if (_preCommitFailures > 0 && currentOffsets.Count > 0)
        {
            _preCommitFailures--;
            _buffer.Clear();
            _log.RecordFailedPreCommit();
            throw new InvalidOperationException("Simulated flush failure: the target system rejected the batch");
        }

        IReadOnlyDictionary<TopicPartition, OffsetAndMetadata> result;
        if (!_holdFlush)
        {
            result = currentOffsets;
        }
        else
        {
            if (_log.TakeFlushRequest())
            {
                // "Write" the buffered records durably; only their offsets may be committed.
                foreach (var record in _buffer)
                {
                    var partition = new TopicPartition(record.Topic, record.Partition);
                    _flushed[partition] = Math.Max(_flushed.GetValueOrDefault(partition), record.Offset + 1);
                }

                _log.RecordFlushed(_buffer);
                _buffer.Clear();
            }

            result = _flushed.Where(f => currentOffsets.ContainsKey(f.Key)).ToDictionary(f => f.Key, f => new OffsetAndMetadata(f.Value));
        }

        _log.RecordPreCommit(result);
        return ValueTask.FromResult(result);
    }

    public override void Open(IReadOnlyCollection<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            if (!_open.Add(partition))
            {
                _log.RecordViolation($"Open of {partition}, which is already open");
            }
        }

        _log.RecordOpen(partitions);
    }

    public override void Close(IReadOnlyCollection<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            if (!_open.Remove(partition))
            {
                _log.RecordViolation($"Close of {partition}, which is not open");
            }
        }

        _log.RecordClose(partitions);
    }

    public override void Stop() => _log.RecordStop();
}

/// <summary>A record as a sink task received it.</summary>
public sealed record ReceivedRecord(string Topic, int Partition, long Offset, object? Key, object? Value)
{
    public static ReceivedRecord From(SinkRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.Topic, record.KafkaPartition ?? -1, record.KafkaOffset, record.Key, record.Value);
    }
}

/// <summary>What the collecting sink tasks of one connector received, shared with the test.</summary>
public sealed class SinkLog
{
    private static readonly ConcurrentDictionary<string, SinkLog> ByConnector = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private readonly List<ReceivedRecord> _delivered = [];
    private readonly List<ReceivedRecord> _flushed = [];
    private readonly List<ReceivedRecord> _errant = [];
    private readonly List<SinkRecord> _errantObjects = [];
    private readonly HashSet<SinkRecord> _recordObjects = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<object> _collections = new(ReferenceEqualityComparer.Instance);
    private readonly List<IReadOnlyList<ReceivedRecord>> _attempts = [];
    private readonly List<IReadOnlyDictionary<TopicPartition, OffsetAndMetadata>> _preCommits = [];
    private readonly List<TopicPartition> _opened = [];
    private readonly List<TopicPartition> _closed = [];
    private readonly List<string> _violations = [];
    private bool _flushRequested;
    private int _failedPreCommits;
    private int _starts;
    private int _stops;

    public static SinkLog For(string connector) => ByConnector.GetOrAdd(connector, _ => new SinkLog());

    /// <summary>Records written by successful puts, in order.</summary>
    public IReadOnlyList<ReceivedRecord> Delivered => Locked(() => _delivered.ToList());

    /// <summary>Records moved to "durable storage" by a flush the test allowed.</summary>
    public IReadOnlyList<ReceivedRecord> Flushed => Locked(() => _flushed.ToList());

    /// <summary>Records reported through the ErrantRecordReporter.</summary>
    public IReadOnlyList<ReceivedRecord> Errant => Locked(() => _errant.ToList());

    /// <summary>The reported records themselves, as the task was given them.</summary>
    public IReadOnlyList<SinkRecord> ErrantObjects => Locked(() => _errantObjects.ToList());

    /// <summary>How many distinct record objects the tasks were given.</summary>
    public int RecordObjectCount => Locked(() => _recordObjects.Count);

    /// <summary>How many distinct collections the tasks were given.</summary>
    public int CollectionCount => Locked(() => _collections.Count);

    /// <summary>Every put with records, failed ones included, in order.</summary>
    public IReadOnlyList<IReadOnlyList<ReceivedRecord>> Attempts => Locked(() => _attempts.ToList());

    /// <summary>What each PreCommitAsync call returned.</summary>
    public IReadOnlyList<IReadOnlyDictionary<TopicPartition, OffsetAndMetadata>> PreCommits => Locked(() => _preCommits.ToList());

    public int PreCommitCount => Locked(() => _preCommits.Count);

    /// <summary>How many pre-commits failed on purpose (<c>collect.precommit.failures</c>).</summary>
    public int FailedPreCommits => Locked(() => _failedPreCommits);

    /// <summary>Every partition passed to Open, in order.</summary>
    public IReadOnlyList<TopicPartition> Opened => Locked(() => _opened.ToList());

    /// <summary>Every partition passed to Close, in order.</summary>
    public IReadOnlyList<TopicPartition> Closed => Locked(() => _closed.ToList());

    /// <summary>Calls the SinkTask contract forbids: a partition closed twice, a commit for a closed partition, ….</summary>
    public IReadOnlyList<string> Violations => Locked(() => _violations.ToList());

    public int Starts => Locked(() => _starts);

    public int Stops => Locked(() => _stops);

    /// <summary>Lets the task flush its buffered records at its next PreCommitAsync.</summary>
    public void RequestFlush() => Locked(() => _flushRequested = true);

    internal bool TakeFlushRequest() => Locked(() =>
    {
        var requested = _flushRequested;
        _flushRequested = false;
        return requested;
    });

    internal int RecordAttempt(IReadOnlyList<ReceivedRecord> records) => Locked(() =>
    {
        _attempts.Add(records);
        return _attempts.Count;
    });

    internal void RecordDelivered(IEnumerable<ReceivedRecord> records) => Locked(() => _delivered.AddRange(records));

    internal void RecordFlushed(IEnumerable<ReceivedRecord> records) => Locked(() => _flushed.AddRange(records));

    internal void RecordErrant(ReceivedRecord record, SinkRecord? given = null) => Locked(() =>
    {
        _errant.Add(record);
        if (given is not null)
        {
            _errantObjects.Add(given);
        }
    });

    internal void RecordObjects(IReadOnlyCollection<SinkRecord> records) => Locked(() =>
    {
        _collections.Add(records);
        _recordObjects.UnionWith(records);
    });

    internal void RecordFailedPreCommit() => Locked(() => _failedPreCommits++);

    internal void RecordPreCommit(IReadOnlyDictionary<TopicPartition, OffsetAndMetadata> result) => Locked(() => _preCommits.Add(result));

    internal void RecordOpen(IEnumerable<TopicPartition> partitions) => Locked(() => _opened.AddRange(partitions));

    internal void RecordClose(IEnumerable<TopicPartition> partitions) => Locked(() => _closed.AddRange(partitions));

    internal void RecordViolation(string violation) => Locked(() => _violations.Add(violation));

    internal void RecordStart() => Locked(() => ++_starts);

    internal void RecordStop() => Locked(() => ++_stops);

    private T Locked<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }

    private void Locked(Action action)
    {
        lock (_gate)
        {
            action();
        }
    }
}
