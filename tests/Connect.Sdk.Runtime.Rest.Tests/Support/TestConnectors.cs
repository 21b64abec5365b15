using Connect.Sdk.Config;
using Connect.Sdk.Errors;
using Connect.Sdk.Sink;
using Connect.Sdk.Source;

namespace Connect.Sdk.Runtime.Rest.Tests.Support;

/// <summary>A source that writes a counter to <c>topic</c>, one record per poll, with the count as offset. It has a
/// password key, and handles offset changes (so Kafka's plain "altered successfully" message applies).</summary>
public sealed class RestTestSourceConnector : SourceConnector
{
    public const string TopicConfig = "topic";
    public const string SecretConfig = "secret";

    public static readonly ConfigDef Definition = new ConfigDef()
        .Define(TopicConfig, ConfigType.String, ConfigDef.NoDefaultValue, NonEmptyString.Instance, Importance.High,
            "The topic to write to.", "Source", 1, Width.Long, "Topic")
        .Define(SecretConfig, ConfigType.Password, "", Importance.Medium,
            "A secret the API must never show.", "Source", 2, Width.Medium, "Secret");

    private IReadOnlyDictionary<string, string> _config = new Dictionary<string, string>();

    public override string Version => "2.1.0";

    public override Type TaskType => typeof(RestTestSourceTask);

    public override ConfigDef Config => Definition;

    public override void Start(IReadOnlyDictionary<string, string> config)
    {
        Definition.Parse(config);
        _config = config;
    }

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) =>
        Enumerable.Range(0, maxTasks)
            .Select(i => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(_config) { ["task.index"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            .ToList();

    public override void Stop()
    {
    }

    public override bool AlterOffsets(IReadOnlyDictionary<string, string> config, IReadOnlyList<SourcePartitionOffset> offsets) => true;
}

public sealed class RestTestSourceTask : SourceTask
{
    private string _topic = "";
    private string _stream = "";
    private long _next;

    public override string Version => "2.1.0";

    public override void Start(IReadOnlyDictionary<string, string> config)
    {
        _topic = config[RestTestSourceConnector.TopicConfig];
        _stream = "stream-" + config.GetValueOrDefault("task.index", "0");
        var offset = Context.OffsetStorageReader.Offset(Partition());
        _next = offset is null ? 0 : Convert.ToInt64(offset["count"], System.Globalization.CultureInfo.InvariantCulture) + 1;
    }

    public override async ValueTask<IReadOnlyList<SourceRecord>?> PollAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(50, cancellationToken);
        var count = _next++;
        return [new SourceRecord(Partition(), new Dictionary<string, object?> { ["count"] = count }, _topic, value: $"{_stream}:{count}")];
    }

    public override void Stop()
    {
    }

    private Dictionary<string, object?> Partition() => new() { ["stream"] = _stream };
}

/// <summary>A sink that keeps nothing.</summary>
public sealed class RestTestSinkConnector : SinkConnector
{
    private IReadOnlyDictionary<string, string> _config = new Dictionary<string, string>();

    public override string Version => "3.0.1";

    public override Type TaskType => typeof(RestTestSinkTask);

    public override ConfigDef Config { get; } = new ConfigDef()
        .Define("batch.label", ConfigType.String, "default", Importance.Low, "A label.");

    public override void Start(IReadOnlyDictionary<string, string> config) => _config = config;

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) => [new Dictionary<string, string>(_config)];

    public override void Stop()
    {
    }
}

public sealed class RestTestSinkTask : SinkTask
{
    public override string Version => "3.0.1";

    public override void Start(IReadOnlyDictionary<string, string> config)
    {
    }

    public override ValueTask PutAsync(IReadOnlyCollection<SinkRecord> records, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public override void Stop()
    {
    }
}

/// <summary>A source whose task fails on its first poll, so its status carries a trace.</summary>
public sealed class FailingTaskSourceConnector : SourceConnector
{
    public override string Version => "1.0.0";

    public override Type TaskType => typeof(FailingSourceTask);

    public override ConfigDef Config { get; } = new();

    public override void Start(IReadOnlyDictionary<string, string> config)
    {
    }

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) => [new Dictionary<string, string>()];

    public override void Stop()
    {
    }
}

public sealed class FailingSourceTask : SourceTask
{
    public override string Version => "1.0.0";

    public override void Start(IReadOnlyDictionary<string, string> config)
    {
    }

    public override ValueTask<IReadOnlyList<SourceRecord>?> PollAsync(CancellationToken cancellationToken) =>
        throw new ConnectException("The upstream system refused the connection.");

    public override void Stop()
    {
    }
}

/// <summary>A source whose connector Start blocks until <see cref="Release"/> is called.</summary>
public sealed class HangingSourceConnector : SourceConnector
{
    private static readonly ManualResetEventSlim Gate = new(false);

    public static void Release() => Gate.Set();

    public override string Version => "1.0.0";

    public override Type TaskType => typeof(RestTestSourceTask);

    public override ConfigDef Config { get; } = new();

    public override void Start(IReadOnlyDictionary<string, string> config) => Gate.Wait(TimeSpan.FromMinutes(2));

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) => [];

    public override void Stop()
    {
    }
}
