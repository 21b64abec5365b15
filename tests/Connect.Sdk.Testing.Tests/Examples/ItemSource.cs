using Connect.Sdk.Config;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Source;

namespace Connect.Sdk.Testing.Tests.Examples;

/// <summary>A well-behaved source connector: reads the items of an <see cref="ItemStore"/> in order.</summary>
public class ItemSourceConnector : SourceConnector
{
    public const string SystemConfig = "system";
    public const string TopicConfig = "topic";
    public const string BatchSizeConfig = "batch.size";

    public static readonly ConfigDef Definition = new ConfigDef()
        .Define(SystemConfig, ConfigType.String, ConfigDef.NoDefaultValue, NonEmptyString.Instance, Importance.High, "The id of the item store to read.")
        .Define(TopicConfig, ConfigType.String, ConfigDef.NoDefaultValue, NonEmptyString.Instance, Importance.High, "The topic to write items to.")
        .Define(BatchSizeConfig, ConfigType.Int, 4, RangeValidator.AtLeast(1), Importance.Medium, "The most items one poll returns.");

    private IReadOnlyDictionary<string, string> _config = new Dictionary<string, string>();

    public override string Version => "1.0.0";

    public override Type TaskType => typeof(ItemSourceTask);

    public override ConfigDef Config => Definition;

    public override void Start(IReadOnlyDictionary<string, string> config)
    {
        Definition.Parse(config);
        _config = config;
    }

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) => [_config];

    public override void Stop()
    {
    }
}

/// <summary>Reads items from the position after the committed offset; each record's offset is the position after it.</summary>
public class ItemSourceTask : SourceTask
{
    public static readonly Schema ValueSchema = SchemaBuilder.Struct().Name("example.Item")
        .Field("position", Schema.Int64)
        .Field("text", Schema.String)
        .Build();

    private ItemStore _store = null!;
    private string _system = "";
    private string _topic = "";
    private int _batchSize;

    protected long Position { get; set; }

    protected IReadOnlyDictionary<string, object?> Partition => new Dictionary<string, object?> { ["system"] = _system };

    public override string Version => "1.0.0";

    public override void Start(IReadOnlyDictionary<string, string> config)
    {
        var parsed = new SimpleConfig(ItemSourceConnector.Definition, config);
        _system = parsed.GetString(ItemSourceConnector.SystemConfig)!;
        _topic = parsed.GetString(ItemSourceConnector.TopicConfig)!;
        _batchSize = parsed.GetInt(ItemSourceConnector.BatchSizeConfig);
        _store = ItemStore.Get(_system);
        Position = ResumePosition();
    }

    public override ValueTask<IReadOnlyList<SourceRecord>?> PollAsync(CancellationToken cancellationToken)
    {
        if (_store.Unavailable)
        {
            throw new RetriableException("The item store is unavailable.");
        }

        var items = _store.Read(Position, _batchSize);
        var records = new List<SourceRecord>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var position = Position + i;
            var value = new Struct(ValueSchema).Put("position", position).Put("text", items[i]);
            records.Add(new SourceRecord(Partition, OffsetFor(position, Position + items.Count), _topic, keySchema: Schema.String, key: items[i], valueSchema: ValueSchema, value: value));
        }

        Position += items.Count;
        return ValueTask.FromResult<IReadOnlyList<SourceRecord>?>(records);
    }

    public override void Stop()
    {
    }

    protected virtual long ResumePosition() =>
        Context.OffsetStorageReader.Offset(Partition)?["position"] is long position ? position : 0;

    protected virtual IReadOnlyDictionary<string, object?> OffsetFor(long position, long batchEnd) =>
        new Dictionary<string, object?> { ["position"] = position + 1 };
}

/// <summary>Broken: ignores its committed offsets and reads from the start after every restart.</summary>
public sealed class ReplayingSourceConnector : ItemSourceConnector
{
    public override Type TaskType => typeof(ReplayingSourceTask);
}

public sealed class ReplayingSourceTask : ItemSourceTask
{
    protected override long ResumePosition() => 0;
}

/// <summary>Broken: gives every record of a batch the offset of the batch's end, so a partial commit skips records.</summary>
public sealed class BatchOffsetSourceConnector : ItemSourceConnector
{
    public override Type TaskType => typeof(BatchOffsetSourceTask);
}

public sealed class BatchOffsetSourceTask : ItemSourceTask
{
    protected override IReadOnlyDictionary<string, object?> OffsetFor(long position, long batchEnd) =>
        new Dictionary<string, object?> { ["position"] = batchEnd };
}

/// <summary>Broken: throws IOException instead of RetriableException while the store is down.</summary>
public sealed class FragileSourceConnector : ItemSourceConnector
{
    public override Type TaskType => typeof(FragileSourceTask);
}

public sealed class FragileSourceTask : ItemSourceTask
{
    private ItemStore _store = null!;

    public override void Start(IReadOnlyDictionary<string, string> config)
    {
        base.Start(config);
        _store = ItemStore.Get(config[ItemSourceConnector.SystemConfig]);
    }

    public override ValueTask<IReadOnlyList<SourceRecord>?> PollAsync(CancellationToken cancellationToken) =>
        _store.Unavailable ? throw new IOException("connection refused") : base.PollAsync(cancellationToken);
}

/// <summary>Broken: returns three task configurations whatever tasks.max says.</summary>
public sealed class GreedySourceConnector : ItemSourceConnector
{
    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks)
    {
        var config = base.TaskConfigs(maxTasks)[0];
        return [config, config, config];
    }
}

/// <summary>Broken: a key without documentation.</summary>
public sealed class UndocumentedKeySourceConnector : ItemSourceConnector
{
    private static readonly ConfigDef WithUndocumented = new ConfigDef(Definition)
        .Define("poll.interval.ms", ConfigType.Long, 1000L, Importance.Low, "");

    public override ConfigDef Config => WithUndocumented;
}

/// <summary>Broken: reads a key its ConfigDef does not define.</summary>
public sealed class HiddenKeySourceConnector : ItemSourceConnector
{
    public override void Start(IReadOnlyDictionary<string, string> config)
    {
        base.Start(config);
        _ = config.TryGetValue("secret.mode", out _);
    }
}

/// <summary>Broken: Validate reports nothing, so missing required keys go unnoticed.</summary>
public sealed class LenientSourceConnector : ItemSourceConnector
{
    public override IReadOnlyList<ConfigValue> Validate(IReadOnlyDictionary<string, string> config) =>
        [.. Definition.Names.Select(n => new ConfigValue(n))];
}

/// <summary>Broken: starts a refresh timer per stream in Start and never stops them.</summary>
public sealed class LeakySourceConnector : ItemSourceConnector
{
    private static readonly List<Timer> Leaked = [];

    public override void Start(IReadOnlyDictionary<string, string> config)
    {
        base.Start(config);
        lock (Leaked)
        {
            for (var stream = 0; stream < 3; stream++)
            {
                Leaked.Add(new Timer(_ => { }, null, TimeSpan.FromHours(1), TimeSpan.FromHours(1)));
            }
        }
    }
}

/// <summary>Broken: a second Start on the same instance fails because Stop does not reset its state.</summary>
public sealed class OneShotSourceConnector : ItemSourceConnector
{
    private bool _started;

    public override void Start(IReadOnlyDictionary<string, string> config)
    {
        if (_started)
        {
            throw new InvalidOperationException("already started");
        }

        _started = true;
        base.Start(config);
    }
}
