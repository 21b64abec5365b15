using Connect.Sdk.Config;
using Connect.Sdk.Source;
using Connect.Sdk.Storage;

namespace Connect.Sdk.Tests.Docs;

public class ApiModelExampleTests
{
    private static readonly Dictionary<string, string> Config = new()
    {
        ["topic"] = "counters",
        ["streams"] = "a,b,c",
        ["api.key"] = "s3cret",
    };

    [Fact]
    public void TaskConfigs_SplitsStreamsOverTasks()
    {
        var connector = new CounterSourceConnector();
        connector.Start(Config);

        var tasks = connector.TaskConfigs(2);

        tasks.Select(t => t["streams"]).Should().Equal("a,c", "b");
    }

    [Fact]
    public void Validate_MissingTopic_ReportsTheKey()
    {
        var values = new CounterSourceConnector().Validate(new Dictionary<string, string> { ["streams"] = "a" });

        values.Single(v => v.Name == "topic").ErrorMessages.Should().ContainSingle()
            .Which.Should().Be("Missing required configuration \"topic\" which has no default value.");
    }

    [Fact]
    public async Task Task_ResumesFromCommittedOffset()
    {
        var task = new CounterSourceTask();
        task.Initialize(new Context(new Dictionary<string, object?> { ["count"] = 41L }));
        task.Start(new Dictionary<string, string>(Config) { ["streams"] = "a" });

        var records = await task.PollAsync(CancellationToken.None);

        var value = (Connect.Sdk.Data.Struct)records!.Single().Value!;
        value.GetInt64("count").Should().Be(42);
        value.Validate();
        records!.Single().SourcePartition.Should().Equal(new Dictionary<string, object?> { ["stream"] = "a" });
    }

    [Fact]
    public void Password_IsHiddenWhenParsed()
    {
        var parsed = new CounterSourceConnector().Config.Parse(Config);

        parsed["api.key"]!.ToString().Should().Be("[hidden]");
        ((Password)parsed["api.key"]!).Value.Should().Be("s3cret");
    }

    private sealed class Context(IReadOnlyDictionary<string, object?> offset) : ISourceTaskContext, IOffsetStorageReader
    {
        public IReadOnlyDictionary<string, string> Configs => Config;

        public IOffsetStorageReader OffsetStorageReader => this;

        public ITransactionContext? TransactionContext => null;

        public IReadOnlyDictionary<string, object?>? Offset(IReadOnlyDictionary<string, object?> partition) => offset;

        public IReadOnlyDictionary<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>> Offsets(
            IEnumerable<IReadOnlyDictionary<string, object?>> partitions) =>
            partitions.ToDictionary(p => p, _ => offset, SourcePartitionComparer.Instance);
    }
}
