using System.Reflection;
using Connect.Sdk.Testing.Assertions;
using Connect.Sdk.Testing.Unit;

namespace Acme.Connector.Tests;

/// <summary>Unit tests of the connector and its configuration with <see cref="ConnectorHarness{TConnector}"/>.</summary>
public class ConnectorNameSinkConnectorTests
{
    private static readonly Dictionary<string, string> ValidConfig = new()
    {
        ["topics"] = "orders",
        [ConnectorNameSinkConfig.OutputDirectoryConfig] = "out",
    };

    [Fact]
    public void Validate_ChecksTheKeys()
    {
        var harness = new ConnectorHarness<ConnectorNameSinkConnector>();

        harness.Validate(new Dictionary<string, string>()).Should()
            .HaveErrorFor(ConnectorNameSinkConfig.OutputDirectoryConfig, "Missing required configuration");
        harness.Validate(new Dictionary<string, string>(ValidConfig) { [ConnectorNameSinkConfig.IncludeKeyConfig] = "maybe" }).Should()
            .HaveErrorFor(ConnectorNameSinkConfig.IncludeKeyConfig);
        harness.Validate(ValidConfig).IsValid.Should().BeTrue();
    }

    [Fact]
    public async Task TaskConfigs_GiveEveryTaskTheConfiguration()
    {
        await using var harness = new ConnectorHarness<ConnectorNameSinkConnector>();
        await harness.StartAsync(ValidConfig);

        harness.TaskConfigs(3).Should().HaveCount(3).And.AllSatisfy(c => c.Should().Contain(ValidConfig));
        harness.AssertTaskConfigsHonourMaxTasks(4);
    }

    [Fact]
    public void Version_IsTheProjectVersion()
    {
        var informational = typeof(ConnectorNameSinkConnector).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        new ConnectorNameSinkConnector().Version.Should().Be(ConnectorVersion.Value);
        informational.Split('+')[0].Should().Be(ConnectorVersion.Value, "ConnectorVersion.Value and <Version> in the project go together");
    }
}
