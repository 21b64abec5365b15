using Connect.Sdk.Testing.Assertions;
using Connect.Sdk.Testing.Fakes;
using Connect.Sdk.Testing.Unit;

namespace Connect.Sdk.Testing.Tests.Unit;

public class ConnectorHarnessTests
{
    private static Dictionary<string, string> ValidConfig() => new() { ["system"] = "s1", ["topic"] = "items" };

    [Fact]
    public void Validate_MissingRequiredKey_ReportsErrorPerKey()
    {
        var harness = new ConnectorHarness<ItemSourceConnector>();

        var result = harness.Validate(new Dictionary<string, string> { ["topic"] = "items", ["batch.size"] = "0" });

        result.IsValid.Should().BeFalse();
        result.Keys.Should().BeEquivalentTo("system", "batch.size");
        result["system"].Should().Equal("Missing required configuration \"system\" which has no default value.");
        result.ErrorsFor("topic").Should().BeEmpty();
        result.HasErrorFor("batch.size", "AT LEAST 1").Should().BeTrue();
        result.ValueOf("topic").Should().Be("items");
        result.Should().HaveErrorFor("system", "missing required").And.NotHaveErrorFor("topic");
    }

    [Fact]
    public void Validate_ValidConfig_IsValid()
    {
        var result = new ConnectorHarness<ItemSourceConnector>().Validate(ValidConfig());

        result.Should().BeValid();
        result.ToString().Should().Be("no errors");
        result.Values.Select(v => v.Name).Should().Equal("system", "topic", "batch.size");
    }

    [Fact]
    public async Task StartAsync_SourceConnector_GetsSourceContextOverTheOffsetStore()
    {
        var store = new InMemoryOffsetStore();
        await using var harness = new ConnectorHarness<ItemSourceConnector>(store);

        await harness.StartAsync(ValidConfig());

        harness.Context.Should().BeOfType<FakeSourceConnectorContext>().Which.OffsetStorageReader.Should().BeSameAs(store);
        harness.TaskConfigs(2).Should().ContainSingle().Which.Should().Equal(ValidConfig());
    }

    [Fact]
    public async Task StartAsync_SinkConnector_GetsSinkContext()
    {
        await using var harness = new ConnectorHarness<ItemSinkConnector>();

        await harness.StartAsync(new Dictionary<string, string> { ["system"] = "s" });

        harness.Context.Should().BeOfType<FakeSinkConnectorContext>();
        harness.TaskConfigs(3).Should().HaveCount(3);
    }

    [Fact]
    public async Task AssertTaskConfigsHonourMaxTasks_WellBehaved_Passes()
    {
        await using var harness = new ConnectorHarness<ItemSinkConnector>();
        await harness.StartAsync(new Dictionary<string, string> { ["system"] = "s" });

        harness.AssertTaskConfigsHonourMaxTasks(6);
    }

    [Fact]
    public async Task AssertTaskConfigsHonourMaxTasks_IgnoringMaxTasks_ThrowsListingEachViolation()
    {
        await using var harness = new ConnectorHarness<GreedySourceConnector>();
        await harness.StartAsync(ValidConfig());

        harness.Invoking(h => h.AssertTaskConfigsHonourMaxTasks(3)).Should().Throw<ConnectorContractException>().WithMessage(
            "TaskConfigs_HonoursMaxTasks: expected GreedySourceConnector.TaskConfigs(maxTasks) to return between 1 and maxTasks configurations for maxTasks 1 to 3, but maxTasks=1 gave 3 task configurations; maxTasks=2 gave 3 task configurations.");
    }

    [Fact]
    public void TaskConfigs_NotStarted_Throws()
    {
        new ConnectorHarness<ItemSourceConnector>().Invoking(h => h.TaskConfigs(1)).Should().Throw<InvalidOperationException>()
            .WithMessage("The connector is not running; call StartAsync first.");
    }

    [Fact]
    public async Task Context_RecordsReconfigurationRequestsAndErrors()
    {
        await using var harness = new ConnectorHarness<ItemSourceConnector>();
        await harness.StartAsync(ValidConfig());

        harness.Context.RequestTaskReconfiguration();
        harness.Context.RaiseError(new InvalidOperationException("lost the source"));

        harness.Context.ReconfigurationRequests.Should().Be(1);
        harness.Context.RaisedErrors.Should().ContainSingle().Which.Message.Should().Be("lost the source");
    }

    [Fact]
    public async Task StopAsync_ThenStart_Works()
    {
        await using var harness = new ConnectorHarness<ItemSourceConnector>();
        await harness.StartAsync(ValidConfig());
        await harness.StopAsync();

        harness.IsRunning.Should().BeFalse();
        await harness.StartAsync(ValidConfig());
        harness.IsRunning.Should().BeTrue();
    }
}
