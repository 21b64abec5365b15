using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Source;

namespace Connect.Sdk.Tests.Docs;

// The example of docs/connector-api.md: a source connector that emits a counter per "stream".
// The regions below are copied into the page; DocSnippetTests fails when they drift apart.

#region connector
/// <summary>Emits an increasing counter for each configured stream.</summary>
public sealed class CounterSourceConnector : SourceConnector
{
    public const string TopicConfig = "topic";
    public const string StreamsConfig = "streams";
    public const string ApiKeyConfig = "api.key";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(TopicConfig, ConfigType.String, ConfigDef.NoDefaultValue, NonEmptyString.Instance, Importance.High,
            "The topic to write counters to.")
        .Define(StreamsConfig, ConfigType.List, ConfigDef.NoDefaultValue, Importance.High,
            "The streams to count; each task takes a share of them.")
        .Define(ApiKeyConfig, ConfigType.Password, "", Importance.Medium,
            "A secret, to show how passwords stay hidden.");

    private IReadOnlyDictionary<string, string> _config = new Dictionary<string, string>();

    public override string Version => "1.0.0";

    public override Type TaskType => typeof(CounterSourceTask);

    public override ConfigDef Config => Definition;

    public override void Start(IReadOnlyDictionary<string, string> config)
    {
        Definition.Parse(config); // throws ConfigException naming the bad key
        _config = config;
    }

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks)
    {
        var streams = (IReadOnlyList<string>)Definition.Parse(_config)[StreamsConfig]!;
        return streams
            .Select((stream, i) => (stream, task: i % maxTasks))
            .GroupBy(s => s.task)
            .Select(g => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(_config)
            {
                [StreamsConfig] = string.Join(",", g.Select(s => s.stream)),
            })
            .ToList();
    }

    public override void Stop()
    {
    }
}
#endregion

#region task
/// <summary>Emits one record per stream per poll, resuming from the committed offsets.</summary>
public sealed class CounterSourceTask : SourceTask
{
    public static readonly Schema KeySchema = SchemaBuilder.Struct()
        .Name("com.example.counter.CounterKey")
        .Doc("Identifies the stream a counter belongs to.")
        .Field("stream", Schema.String)
        .Build();

    public static readonly Schema ValueSchema = SchemaBuilder.Struct()
        .Name("com.example.counter.Counter")
        .Doc("A counter value.")
        .Field("stream", Schema.String)
        .Field("count", Schema.Int64)
        .Field("at", ConnectTimestamp.Schema)
        .Build();

    private readonly Dictionary<string, long> _next = [];
    private string _topic = "";

    public override string Version => "1.0.0";

    public override void Start(IReadOnlyDictionary<string, string> config)
    {
        _topic = config[CounterSourceConnector.TopicConfig];
        foreach (var stream in config[CounterSourceConnector.StreamsConfig].Split(','))
        {
            // Resume after the last committed count of this stream (source partition).
            var offset = Context.OffsetStorageReader.Offset(Partition(stream));
            _next[stream] = offset is null ? 0 : (long)offset["count"]! + 1;
        }
    }

    public override ValueTask<IReadOnlyList<SourceRecord>?> PollAsync(CancellationToken cancellationToken)
    {
        if (_next.Count == 0)
        {
            throw new ConnectException("No streams configured."); // fatal: the task fails
        }

        var records = new List<SourceRecord>();
        foreach (var (stream, count) in _next)
        {
            var key = new Struct(KeySchema).Put("stream", stream);
            var value = new Struct(ValueSchema)
                .Put("stream", stream)
                .Put("count", count)
                .Put("at", DateTime.UnixEpoch.AddSeconds(count));
            records.Add(new SourceRecord(
                Partition(stream),
                new Dictionary<string, object?> { ["count"] = count },
                _topic,
                keySchema: KeySchema,
                key: key,
                valueSchema: ValueSchema,
                value: value));
            _next[stream] = count + 1;
        }

        return ValueTask.FromResult<IReadOnlyList<SourceRecord>?>(records);
    }

    public override void Stop()
    {
    }

    private static Dictionary<string, object?> Partition(string stream) => new() { ["stream"] = stream };
}
#endregion
