using Connect.Sdk.Samples.FileStream;
using Connect.Sdk.Testing.Unit;

namespace Connect.Sdk.Samples.Tests.FileStream;

public class FileStreamSinkConnectorTests
{
    [Fact]
    public async Task TaskConfigs_OneCopyOfTheConfigurationPerTask()
    {
        await using var harness = new ConnectorHarness<FileStreamSinkConnector>();
        var config = new Dictionary<string, string> { ["file"] = "/tmp/out.txt", ["topics"] = "lines" };
        await harness.StartAsync(config);

        var tasks = harness.TaskConfigs(3);

        tasks.Should().HaveCount(3).And.AllSatisfy(t => t.Should().BeEquivalentTo(config));
        harness.AssertTaskConfigsHonourMaxTasks(4);
        harness.Connector.TaskType.Should().Be<FileStreamSinkTask>();
        harness.Connector.Config.ConfigKeys.Keys.Should().Equal("file");
    }

    [Fact]
    public void Validate_NoFile_IsValidAndWritesToStandardOutput()
    {
        var result = new ConnectorHarness<FileStreamSinkConnector>().Validate(new Dictionary<string, string> { ["topics"] = "lines" });

        result.IsValid.Should().BeTrue();
    }
}
