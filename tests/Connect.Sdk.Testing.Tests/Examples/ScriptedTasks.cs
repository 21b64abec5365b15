using Connect.Sdk.Data;
using Connect.Sdk.Sink;
using Connect.Sdk.Source;

namespace Connect.Sdk.Testing.Tests.Examples;

/// <summary>A source task whose polls are scripted by the test and which records what the runtime calls.</summary>
public sealed class ScriptedSourceTask : SourceTask
{
    public Func<CancellationToken, ValueTask<IReadOnlyList<SourceRecord>?>> OnPoll { get; set; } =
        _ => ValueTask.FromResult<IReadOnlyList<SourceRecord>?>(null);

    public List<(SourceRecord Record, RecordMetadata? Metadata)> CommittedRecords { get; } = [];

    public int Commits { get; private set; }

    public bool Stopped { get; private set; }

    public IReadOnlyDictionary<string, string>? StartedWith { get; private set; }

    public new ISourceTaskContext Context => base.Context;

    public override string Version => "1.0.0";

    public override void Start(IReadOnlyDictionary<string, string> config) => StartedWith = config;

    public override ValueTask<IReadOnlyList<SourceRecord>?> PollAsync(CancellationToken cancellationToken) => OnPoll(cancellationToken);

    public override ValueTask CommitAsync(CancellationToken cancellationToken = default)
    {
        Commits++;
        return ValueTask.CompletedTask;
    }

    public override ValueTask CommitRecordAsync(SourceRecord record, RecordMetadata? metadata, CancellationToken cancellationToken = default)
    {
        CommittedRecords.Add((record, metadata));
        return ValueTask.CompletedTask;
    }

    public override void Stop() => Stopped = true;

    public static SourceRecord Record(string file, long position) => new(
        new Dictionary<string, object?> { ["file"] = file },
        new Dictionary<string, object?> { ["position"] = position },
        "lines",
        valueSchema: Schema.Int64,
        value: position);
}

/// <summary>Emits one tick per interval of its clock, waiting inside PollAsync as many real tasks do.</summary>
public sealed class TickerSourceTask(TimeProvider time) : SourceTask
{
    private long _ticks;

    public TickerSourceTask()
        : this(TimeProvider.System)
    {
    }

    public override string Version => "1.0.0";

    public override void Start(IReadOnlyDictionary<string, string> config)
    {
    }

    public override async ValueTask<IReadOnlyList<SourceRecord>?> PollAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromMinutes(1), time, cancellationToken);
        _ticks++;
        return [new SourceRecord(null, null, "ticks", valueSchema: Schema.Int64, value: _ticks, timestamp: time.GetUtcNow().ToUnixTimeMilliseconds())];
    }

    public override void Stop()
    {
    }
}

/// <summary>A sink task whose puts are scripted by the test and which records what the runtime calls.</summary>
public sealed class RecordingSinkTask : SinkTask
{
    public Func<IReadOnlyCollection<SinkRecord>, ISinkTaskContext, ValueTask> OnPut { get; set; } = (_, _) => ValueTask.CompletedTask;

    public List<IReadOnlyList<SinkRecord>> Puts { get; } = [];

    public List<TopicPartition> Opened { get; } = [];

    public List<TopicPartition> Closed { get; } = [];

    public List<IReadOnlyDictionary<TopicPartition, OffsetAndMetadata>> Flushes { get; } = [];

    public List<string> Calls { get; } = [];

    public bool Stopped { get; private set; }

    public new ISinkTaskContext Context => base.Context;

    /// <summary>What <see cref="KeepsRecordsAfterPut"/> says; the task keeps its records in <see cref="Puts"/> either way.</summary>
    public bool SaysItKeepsRecords { get; set; } = true;

    public override bool KeepsRecordsAfterPut => SaysItKeepsRecords;

    public override string Version => "1.0.0";

    public override void Start(IReadOnlyDictionary<string, string> config) => Calls.Add("Start");

    public override async ValueTask PutAsync(IReadOnlyCollection<SinkRecord> records, CancellationToken cancellationToken)
    {
        Calls.Add("Put");
        await OnPut(records, Context);
        Puts.Add([.. records]);
    }

    public override ValueTask FlushAsync(IReadOnlyDictionary<TopicPartition, OffsetAndMetadata> currentOffsets, CancellationToken cancellationToken)
    {
        Calls.Add("Flush");
        Flushes.Add(new Dictionary<TopicPartition, OffsetAndMetadata>(currentOffsets));
        return ValueTask.CompletedTask;
    }

    public override void Open(IReadOnlyCollection<TopicPartition> partitions)
    {
        Calls.Add("Open");
        Opened.AddRange(partitions);
    }

    public override void Close(IReadOnlyCollection<TopicPartition> partitions)
    {
        Calls.Add("Close");
        Closed.AddRange(partitions);
    }

    public override void Stop()
    {
        Calls.Add("Stop");
        Stopped = true;
    }
}
