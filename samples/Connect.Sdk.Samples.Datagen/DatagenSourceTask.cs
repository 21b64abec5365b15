using Connect.Sdk.Errors;
using Connect.Sdk.Source;

namespace Connect.Sdk.Samples.Datagen;

/// <summary>
/// Generates orders with ids <c>sequence × task.count + task.id</c>. The source partition is <c>{"task": id}</c> and
/// the source offset <c>{"sequence": n}</c>, the sequence number of the record, so a restarted task continues at
/// <c>n + 1</c>. With <c>iterations</c> set, it stops producing once its sequence reaches that number.
/// </summary>
public sealed class DatagenSourceTask : SourceTask
{
    /// <summary>The source partition key that holds the task id.</summary>
    public const string TaskField = "task";

    /// <summary>The source offset key that holds the sequence number of the record.</summary>
    public const string SequenceField = "sequence";

    /// <summary>The most records one poll returns when <c>max.interval</c> is 0.</summary>
    internal const int MaxBatchSize = 100;

    private readonly CancellationTokenSource _stopping = new();
    private string _topic = string.Empty;
    private int _taskId;
    private int _taskCount = 1;
    private TimeSpan _maxInterval;
    private long _iterations;
    private OrderGenerator _generator = new(0);
    private IReadOnlyDictionary<string, object?>? _partition;
    private long _nextSequence;

    /// <inheritdoc />
    public override string Version => SampleVersion.Value;

    /// <summary>How long a poll waits before returning nothing once all iterations are done.</summary>
    internal TimeSpan IdleWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The clock for order times and pauses.</summary>
    internal TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Parses the configuration and reads the task's stored sequence, if any.</summary>
    /// <param name="config">The task configuration.</param>
    /// <exception cref="Config.ConfigException">The configuration is invalid.</exception>
    /// <exception cref="ConnectException">The stored offset is not a valid sequence.</exception>
    public override void Start(IReadOnlyDictionary<string, string> config)
    {
        var parsed = new DatagenTaskConfig(config);
        _topic = parsed.KafkaTopic;
        _taskId = parsed.TaskId;
        _taskCount = parsed.TaskCount;
        _maxInterval = parsed.MaxInterval;
        _iterations = parsed.Iterations;
        _generator = new OrderGenerator(parsed.RandomSeed ?? Random.Shared.NextInt64());

        // Offsets come back from the runtime with integers as long, so the partition uses a long too.
        _partition = new Dictionary<string, object?> { [TaskField] = (long)_taskId }.AsReadOnly();
        var offset = Context.OffsetStorageReader.Offset(_partition);
        _nextSequence = offset is null ? 0 : ReadSequence(offset) + 1;
    }

    /// <summary>Returns the next order after a random pause of up to <c>max.interval</c>, or up to 100 orders at once
    /// when it is 0. Once <c>iterations</c> orders exist it waits a second and returns <see langword="null"/>.</summary>
    /// <param name="cancellationToken">Cancelled when the task is stopping.</param>
    /// <returns>The records, or <see langword="null"/>.</returns>
    public override async ValueTask<IReadOnlyList<SourceRecord>?> PollAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_stopping.IsCancellationRequested)
        {
            return null;
        }

        var remaining = _iterations < 0 ? long.MaxValue : _iterations - _nextSequence;
        if (remaining <= 0)
        {
            await PauseAsync(IdleWait, cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (_maxInterval > TimeSpan.Zero)
        {
            var pause = TimeSpan.FromMilliseconds(Random.Shared.NextInt64((long)_maxInterval.TotalMilliseconds + 1));
            return await PauseAsync(pause, cancellationToken).ConfigureAwait(false) ? [NextRecord()] : null;
        }

        var count = (int)Math.Min(MaxBatchSize, remaining);
        var records = new SourceRecord[count];
        for (var i = 0; i < count; i++)
        {
            records[i] = NextRecord();
        }

        return records;
    }

    /// <summary>Wakes a waiting poll. May be called from another thread than the poll.</summary>
    public override void Stop() => _stopping.Cancel();

    private SourceRecord NextRecord()
    {
        var sequence = _nextSequence++;
        var orderId = checked((sequence * _taskCount) + _taskId);
        var millis = Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var (key, value) = _generator.Generate(orderId, DateTime.UnixEpoch.AddMilliseconds(millis));
        return new SourceRecord(
            _partition,
            new Dictionary<string, object?> { [SequenceField] = sequence }.AsReadOnly(),
            _topic,
            keySchema: OrderSchemas.OrderKey,
            key: key,
            valueSchema: OrderSchemas.Order,
            value: value,
            timestamp: millis);
    }

    /// <summary>Waits, and returns <see langword="false"/> when <see cref="Stop"/> cut the wait short.</summary>
    private async Task<bool> PauseAsync(TimeSpan pause, CancellationToken cancellationToken)
    {
        if (pause > TimeSpan.Zero)
        {
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
            await Task.WhenAny(Task.Delay(pause, Clock, wake.Token)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        return !_stopping.IsCancellationRequested;
    }

    private static long ReadSequence(IReadOnlyDictionary<string, object?> offset)
    {
        offset.TryGetValue(SequenceField, out var value);
        long? sequence = value switch
        {
            long l => l,
            int i => i,
            short s => s,
            sbyte b => b,
            byte b => b,
            ushort u => u,
            uint u => u,
            ulong u when u <= long.MaxValue => (long)u,
            _ => null,
        };

        return sequence is >= 0
            ? sequence.Value
            : throw new ConnectException(
                $"The stored offset {{{SequenceField}={value ?? "null"}}} is not valid: '{SequenceField}' must be an integer of at least 0.");
    }
}
