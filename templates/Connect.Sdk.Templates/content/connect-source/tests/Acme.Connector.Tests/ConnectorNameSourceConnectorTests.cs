using System.Reflection;
using Connect.Sdk.Testing.Assertions;
using Connect.Sdk.Testing.Unit;

namespace Acme.Connector.Tests;

/// <summary>Unit tests of the connector and its configuration with <see cref="ConnectorHarness{TConnector}"/>.</summary>
public class ConnectorNameSourceConnectorTests
{
    private static readonly Dictionary<string, string> ValidConfig = new()
    {
        [ConnectorNameSourceConfig.TopicConfig] = "messages",
        [ConnectorNameSourceConfig.StreamsConfig] = "a,b,c",
        [ConnectorNameSourceConfig.ApiKeyConfig] = "s3cret",
    };

    [Fact]
    public void Validate_WithoutTheRequiredKeys_ReportsEachOne()
    {
        var harness = new ConnectorHarness<ConnectorNameSourceConnector>();

        var result = harness.Validate(new Dictionary<string, string>());

        result.Should().HaveErrorFor(ConnectorNameSourceConfig.TopicConfig, "Missing required configuration")
            .And.HaveErrorFor(ConnectorNameSourceConfig.StreamsConfig)
            .And.HaveErrorFor(ConnectorNameSourceConfig.ApiKeyConfig);
        harness.Validate(ValidConfig).IsValid.Should().BeTrue();
    }

    [Fact]
    public async Task TaskConfigs_SpreadTheStreamsOverTheTasks()
    {
        await using var harness = new ConnectorHarness<ConnectorNameSourceConnector>();
        await harness.StartAsync(ValidConfig);

        harness.TaskConfigs(2).Select(c => c[ConnectorNameSourceConfig.StreamsConfig]).Should().Equal("a,c", "b");
        harness.TaskConfigs(5).Should().HaveCount(3, "there is no work for more tasks than streams");
        harness.AssertTaskConfigsHonourMaxTasks(4);
    }

    [Fact]
    public void ApiKey_IsAPassword_ThatIsNeverPrinted()
    {
        var config = new ConnectorNameSourceConfig(ValidConfig);

        config.ApiKey.Value.Should().Be("s3cret");
        config.ToString().Should().Contain($"{ConnectorNameSourceConfig.ApiKeyConfig} = [hidden]").And.NotContain("s3cret");
    }

    [Fact]
    public void Version_IsTheProjectVersion()
    {
        var informational = typeof(ConnectorNameSourceConnector).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        new ConnectorNameSourceConnector().Version.Should().Be(ConnectorVersion.Value);
        informational.Split('+')[0].Should().Be(ConnectorVersion.Value, "ConnectorVersion.Value and <Version> in the project go together");
    }
}
