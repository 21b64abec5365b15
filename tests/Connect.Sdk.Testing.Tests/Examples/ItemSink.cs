using Connect.Sdk.Config;
using Connect.Sdk.Errors;
using Connect.Sdk.Sink;

namespace Connect.Sdk.Testing.Tests.Examples;

/// <summary>A well-behaved sink connector: upserts each record's value under its key in an <see cref="ItemStore"/>.</summary>
public class ItemSinkConnector : SinkConnector
{
    public const string SystemConfig = "system";
    public const string ModeConfig = "write.mode";

    public static readonly ConfigDef Definition = new ConfigDef()
        .Define(SystemConfig, ConfigType.String, ConfigDef.NoDefaultValue, NonEmptyString.Instance, Importance.High, "The id of the item store to write.")
        .Define(ModeConfig, ConfigType.String, "upsert", ValidString.In("upsert", "append"), Importance.Medium, "upsert writes each key once; append adds a row per record.");

    private IReadOnlyDictionary<string, string> _config = new Dictionary<string, string>();

    public override string Version => "1.0.0";

    public override Type TaskType => typeof(ItemSinkTask);

    public override ConfigDef Config => Definition;

    public override void Start(IReadOnlyDictionary<string, string> config)
    {
        Definition.Parse(config);
        _config = config;
    }

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) =>
        [.. Enumerable.Repeat(_config, maxTasks)];

    public override void Stop()
    {
    }
}

public class ItemSinkTask : SinkTask
{
    private ItemStore _store = null!;
    private bool _append;

    protected ItemStore Store => _store;

    public override string Version => "1.0.0";

    public override void Start(IReadOnlyDictionary<string, string> config)
    {
        var parsed = new SimpleConfig(ItemSinkConnector.Definition, config);
        _store = ItemStore.Get(parsed.GetString(ItemSinkConnector.SystemConfig)!);
        _append = parsed.GetString(ItemSinkConnector.ModeConfig) == "append";
    }

    public override ValueTask PutAsync(IReadOnlyCollection<SinkRecord> records, CancellationToken cancellationToken)
    {
        if (_store.Unavailable)
        {
            throw new RetriableException("The item store is unavailable.");
        }

        foreach (var record in records)
        {
            Write(record);
        }

        return ValueTask.CompletedTask;
    }

    public override void Stop()
    {
    }

    protected void Write(SinkRecord record)
    {
        var value = record.Value?.ToString() ?? "<null>";
        if (_append)
        {
            _store.AppendRow(value);
        }
        else
        {
            _store.Upsert(record.Key?.ToString() ?? "", value);
        }
    }
}

/// <summary>Broken: buffers in put, never fails, and approves offsets in pre-commit even when the buffer could not be
/// written; the buffer is dropped on failure.</summary>
public sealed class BufferingSinkConnector : ItemSinkConnector
{
    public override Type TaskType => typeof(BufferingSinkTask);
}

public sealed class BufferingSinkTask : ItemSinkTask
{
    private readonly List<SinkRecord> _buffer = [];

    public override ValueTask PutAsync(IReadOnlyCollection<SinkRecord> records, CancellationToken cancellationToken)
    {
        _buffer.AddRange(records);
        return ValueTask.CompletedTask;
    }

    public override ValueTask FlushAsync(IReadOnlyDictionary<TopicPartition, OffsetAndMetadata> currentOffsets, CancellationToken cancellationToken)
    {
        if (!Store.Unavailable)
        {
            _buffer.ForEach(Write);
        }

        _buffer.Clear();
        return ValueTask.CompletedTask;
    }
}
