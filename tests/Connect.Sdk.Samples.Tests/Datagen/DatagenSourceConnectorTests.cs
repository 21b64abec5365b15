using Connect.Sdk.Config;
using Connect.Sdk.Samples.Datagen;
using Connect.Sdk.Testing.Unit;

namespace Connect.Sdk.Samples.Tests.Datagen;

public class DatagenSourceConnectorTests
{
    private static Dictionary<string, string> Config(params (string Key, string Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value);

    [Fact]
    public void Start_MissingTopic_ThrowsNamingTheKey()
    {
        var start = () => new DatagenSourceConnector().Start(Config(("quickstart", "orders")));

        start.Should().Throw<ConfigException>()
            .WithMessage("Missing required configuration \"kafka.topic\" which has no default value.");
    }

    [Theory]
    [InlineData("users")]
    [InlineData("Orders")]
    [InlineData("")]
    public void Start_UnknownQuickstart_ThrowsNamingTheKeyAndTheChoices(string quickstart)
    {
        var start = () => new DatagenSourceConnector().Start(Config(("kafka.topic", "orders"), ("quickstart", quickstart)));

        start.Should().Throw<ConfigException>()
            .WithMessage($"Invalid value {quickstart} for configuration quickstart: String must be one of: orders");
    }

    [Theory]
    [InlineData("max.interval", "-1", "Invalid value -1 for configuration max.interval: Value must be at least 0")]
    [InlineData("max.interval", "soon", "Invalid value soon for configuration max.interval: Not a number of type LONG")]
    [InlineData("iterations", "-2", "Invalid value -2 for configuration iterations: Value must be at least -1")]
    [InlineData("random.seed", "x", "Invalid value x for configuration random.seed: Not a number of type LONG")]
    [InlineData("kafka.topic", "a,b", "Invalid value a,b for configuration kafka.topic: Must be a single topic name*")]
    public void Start_InvalidValue_ThrowsNamingTheKey(string key, string value, string message)
    {
        var config = Config(("kafka.topic", "orders"));
        config[key] = value;

        var start = () => new DatagenSourceConnector().Start(config);

        start.Should().Throw<ConfigException>().WithMessage(message);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEachOnItsKey()
    {
        var values = new DatagenSourceConnector().Validate(Config(("quickstart", "users"), ("iterations", "-7")))
            .ToDictionary(v => v.Name);

        values["kafka.topic"].ErrorMessages.Should().ContainSingle().Which.Should().Contain("\"kafka.topic\"");
        values["quickstart"].ErrorMessages.Should().ContainSingle().Which.Should().Contain("quickstart");
        values["iterations"].ErrorMessages.Should().ContainSingle().Which.Should().Contain("iterations");
        values["max.interval"].ErrorMessages.Should().BeEmpty();
    }

    [Fact]
    public void Config_DocumentsEveryKeyWithItsDefault()
    {
        var keys = new DatagenSourceConnector().Config.ConfigKeys;

        keys.Keys.Should().Equal("kafka.topic", "quickstart", "max.interval", "iterations", "random.seed");
        keys.Values.Should().AllSatisfy(k => k.Documentation.Should().NotBeNullOrWhiteSpace());
        keys["kafka.topic"].HasDefault.Should().BeFalse();
        keys["quickstart"].DefaultValue.Should().Be("orders");
        keys["max.interval"].DefaultValue.Should().Be(100L);
        keys["iterations"].DefaultValue.Should().Be(-1L);
        keys["random.seed"].DefaultValue.Should().BeNull();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void TaskConfigs_MaxTasks_GivesEachTaskItsIdAndTheCount(int maxTasks)
    {
        var connector = new DatagenSourceConnector();
        connector.Start(Config(("kafka.topic", "orders")));

        var tasks = connector.TaskConfigs(maxTasks);

        tasks.Should().HaveCount(maxTasks);
        tasks.Select(t => t["task.id"]).Should().Equal(Enumerable.Range(0, maxTasks).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        tasks.Should().AllSatisfy(t =>
        {
            t["task.count"].Should().Be(maxTasks.ToString(System.Globalization.CultureInfo.InvariantCulture));
            t["kafka.topic"].Should().Be("orders");
        });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task TaskConfigs_MaxTasks_TasksGenerateDisjointIdsThatTogetherLeaveNoGaps(int maxTasks)
    {
        const int perTask = 30;
        await using var connector = new ConnectorHarness<DatagenSourceConnector>();
        await connector.StartAsync(Config(("kafka.topic", "orders"), ("max.interval", "0"), ("iterations", perTask.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        var ids = new List<long>();
        foreach (var config in connector.TaskConfigs(maxTasks))
        {
            await using var task = new SourceTaskHarness<DatagenSourceTask>();
            await task.StartAsync(config);
            var records = await task.PollAsync();
            ids.AddRange(records.Select(r => (long)((Sdk.Data.Struct)r.Key!).Get("order_id")!));
        }

        ids.Should().OnlyHaveUniqueItems();
        ids.Should().BeEquivalentTo(Enumerable.Range(0, perTask * maxTasks).Select(i => (long)i));
    }

    [Fact]
    public void TaskConfig_TaskIdNotBelowTaskCount_ThrowsNamingTheKey()
    {
        var create = () => new DatagenTaskConfig(Config(("kafka.topic", "orders"), ("task.id", "2"), ("task.count", "2")));

        create.Should().Throw<ConfigException>()
            .WithMessage("Invalid value 2 for configuration task.id: Value must be less than task.count (2)");
    }

    [Fact]
    public void TaskConfigs_BeforeStart_Throws()
    {
        var taskConfigs = () => new DatagenSourceConnector().TaskConfigs(1);

        taskConfigs.Should().Throw<InvalidOperationException>();
    }
}
