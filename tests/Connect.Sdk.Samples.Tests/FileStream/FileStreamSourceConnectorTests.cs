using Connect.Sdk.Config;
using Connect.Sdk.Errors;
using Connect.Sdk.Samples.FileStream;
using Connect.Sdk.Source;

namespace Connect.Sdk.Samples.Tests.FileStream;

public class FileStreamSourceConnectorTests
{
    private static Dictionary<string, string> Config(params (string Key, string Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value);

    [Fact]
    public void Start_MissingTopic_ThrowsNamingTheKey()
    {
        var connector = new FileStreamSourceConnector();

        var start = () => connector.Start(Config(("file", "/tmp/in.txt")));

        start.Should().Throw<ConfigException>()
            .WithMessage("Missing required configuration \"topic\" which has no default value.");
    }

    [Fact]
    public void Validate_MissingTopic_ReportsErrorOnTopic()
    {
        var values = new FileStreamSourceConnector().Validate(Config(("file", "/tmp/in.txt")));

        values.Single(v => v.Name == "topic").ErrorMessages
            .Should().Equal("Missing required configuration \"topic\" which has no default value.");
        values.Where(v => v.Name != "topic").SelectMany(v => v.ErrorMessages).Should().BeEmpty();
    }

    [Theory]
    [InlineData("abc", "Invalid value abc for configuration batch.size: Not a number of type INT")]
    [InlineData("0", "Invalid value 0 for configuration batch.size: Value must be at least 1")]
    [InlineData("-5", "Invalid value -5 for configuration batch.size: Value must be at least 1")]
    public void Start_BadBatchSize_ThrowsNamingTheKey(string batchSize, string message)
    {
        var start = () => new FileStreamSourceConnector().Start(Config(("topic", "lines"), ("batch.size", batchSize)));

        start.Should().Throw<ConfigException>().WithMessage(message);
    }

    [Theory]
    [InlineData("a,b")]
    [InlineData("two words")]
    [InlineData("")]
    public void Start_TopicThatIsNotOneTopicName_Throws(string topic)
    {
        var start = () => new FileStreamSourceConnector().Start(Config(("topic", topic)));

        start.Should().Throw<ConfigException>().WithMessage($"Invalid value {topic} for configuration topic: *");
    }

    [Fact]
    public void Config_DefinesKafkasKeysAndDefaults()
    {
        var keys = new FileStreamSourceConnector().Config.ConfigKeys;

        keys.Keys.Should().Equal("file", "topic", "batch.size");
        keys["file"].DefaultValue.Should().BeNull();
        keys["topic"].HasDefault.Should().BeFalse();
        keys["batch.size"].DefaultValue.Should().Be(2000);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void TaskConfigs_AnyMaxTasks_ReturnsOneTaskWithTheConnectorConfig(int maxTasks)
    {
        var connector = new FileStreamSourceConnector();
        var config = Config(("file", "/tmp/in.txt"), ("topic", "lines"));
        connector.Start(config);

        var tasks = connector.TaskConfigs(maxTasks);

        tasks.Should().ContainSingle().Which.Should().BeEquivalentTo(config);
        connector.TaskType.Should().Be<FileStreamSourceTask>();
    }

    [Fact]
    public void ExactlyOnceSupport_FileIsSupported_StandardInputIsNot()
    {
        var connector = new FileStreamSourceConnector();

        connector.ExactlyOnceSupport(Config(("file", "/tmp/in.txt"), ("topic", "lines"))).Should().Be(ExactlyOnceSupport.Supported);
        connector.ExactlyOnceSupport(Config(("topic", "lines"))).Should().Be(ExactlyOnceSupport.Unsupported);
    }

    [Fact]
    public void AlterOffsets_PositionOfTheConfiguredFile_IsAccepted()
    {
        var accepted = new FileStreamSourceConnector().AlterOffsets(
            Config(("file", "/tmp/in.txt"), ("topic", "lines")),
            [
                new SourcePartitionOffset(Partition("/tmp/in.txt"), new Dictionary<string, object?> { ["position"] = 42L }),
            ]);

        accepted.Should().BeTrue();
    }

    [Fact]
    public void AlterOffsets_Reset_IsAccepted()
    {
        var accepted = new FileStreamSourceConnector().AlterOffsets(
            Config(("file", "/tmp/in.txt"), ("topic", "lines")),
            [new SourcePartitionOffset(Partition("/tmp/in.txt"), null)]);

        accepted.Should().BeTrue();
    }

    [Fact]
    public void AlterOffsets_OtherFile_Throws()
    {
        var alter = () => new FileStreamSourceConnector().AlterOffsets(
            Config(("file", "/tmp/in.txt"), ("topic", "lines")),
            [new SourcePartitionOffset(Partition("/tmp/other.txt"), new Dictionary<string, object?> { ["position"] = 1L })]);

        alter.Should().Throw<ConnectException>().WithMessage("*(/tmp/other.txt)*(/tmp/in.txt)*");
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData("12")]
    public void AlterOffsets_InvalidPosition_Throws(object position)
    {
        var alter = () => new FileStreamSourceConnector().AlterOffsets(
            Config(("file", "/tmp/in.txt"), ("topic", "lines")),
            [new SourcePartitionOffset(Partition("/tmp/in.txt"), new Dictionary<string, object?> { ["position"] = position })]);

        alter.Should().Throw<ConnectException>().WithMessage("*'position'*");
    }

    [Fact]
    public void AlterOffsets_StandardInput_Throws()
    {
        var alter = () => new FileStreamSourceConnector().AlterOffsets(Config(("topic", "lines")), []);

        alter.Should().Throw<ConnectException>().WithMessage("*'file'*standard input*");
    }

    private static Dictionary<string, object?> Partition(string file) => new() { ["filename"] = file };
}
