using Connect.Sdk.Runtime.Configuration;
using Connect.Sdk.Runtime.Herder;
using Connect.Sdk.Runtime.Plugins;
using Connect.Sdk.Runtime.Tests.TestConnectors;

namespace Connect.Sdk.Runtime.Tests.Herder;

public class ConnectorConfigValidatorTests
{
    private static readonly PluginRegistry Plugins = PluginRegistry.FromApplication();

    [Fact]
    public void Validate_ValidSourceConfig_HasNoErrorsAndListsCommonAndConnectorKeys()
    {
        var result = Validate(("connector.class", "CountingSource"), ("topic", "counts"));

        result.ErrorCount.Should().Be(0);
        result.Name.Should().Be(typeof(CountingSourceConnector).FullName);
        result.Configs.Select(c => c.Definition.Name).Should().Contain(["name", "connector.class", "tasks.max", "errors.tolerance", "topic", "total.records"])
            .And.NotContain("topics", "source connectors have no topics key");
        result.Groups.Should().Contain(["Common", "Error Handling"]);
    }

    [Fact]
    public void Validate_MissingConnectorClass_ReportsIt()
    {
        var result = ConnectorConfigValidator.Validate(new Dictionary<string, string> { ["name"] = "x" }, Plugins, ConfigTransformer.None);

        result.Name.Should().Be("null");
        result.ErrorCount.Should().Be(1);
        Errors(result, "connector.class").Should().Equal("Missing required configuration \"connector.class\" which has no default value.");
    }

    [Fact]
    public void Validate_UnknownConnectorClass_ReportsItOnConnectorClass()
    {
        var result = Validate(("connector.class", "com.example.MissingConnector"));

        result.ErrorCount.Should().Be(1);
        Errors(result, "connector.class").Should().ContainSingle()
            .Which.Should().StartWith("Failed to find any class that implements Connector and which name matches com.example.MissingConnector, available Connectors are: ");
    }

    [Fact]
    public void Validate_SinkWithoutTopicsOrRegex_ReportsBoth()
    {
        var result = Validate(("connector.class", "CollectingSink"));

        result.ErrorCount.Should().Be(2);
        Errors(result, "topics").Should().Equal("Must configure one of topics or topics.regex");
        Errors(result, "topics.regex").Should().Equal("Must configure one of topics or topics.regex");
    }

    [Fact]
    public void Validate_SinkWithTopicsAndRegex_ReportsBoth()
    {
        var result = Validate(("connector.class", "CollectingSink"), ("topics", "a"), ("topics.regex", "a.*"));

        Errors(result, "topics").Should().Equal("topics and topics.regex are mutually exclusive options, but both are set.");
        Errors(result, "topics.regex").Should().Equal("topics and topics.regex are mutually exclusive options, but both are set.");
    }

    [Fact]
    public void Validate_SinkWithRegexOnly_IsValid() =>
        Validate(("connector.class", "CollectingSink"), ("topics.regex", "orders-.*")).ErrorCount.Should().Be(0);

    [Fact]
    public void Validate_SinkInvalidRegex_ReportsIt()
    {
        var result = Validate(("connector.class", "CollectingSink"), ("topics.regex", "orders-("));

        Errors(result, "topics.regex").Should().ContainSingle().Which.Should().StartWith("Invalid value orders-( for configuration topics.regex: Must be a valid regular expression");
    }

    [Fact]
    public void Validate_DeadLetterQueueAmongTheTopics_IsAnError()
    {
        var result = Validate(("connector.class", "CollectingSink"), ("topics", "orders, orders-dlq"), ("errors.deadletterqueue.topic.name", "orders-dlq"));

        Errors(result, "errors.deadletterqueue.topic.name").Should().Equal(
            "The DLQ topic 'orders-dlq' may not be included in the list of topics ('topics=...') consumed by the connector");
    }

    [Fact]
    public void Validate_ConnectorsOwnConfigDefErrors_AreMergedAndCounted()
    {
        var result = Validate(("connector.class", "CountingSource"), ("batch.size", "lots"), ("tasks.max", "0"));

        result.ErrorCount.Should().Be(3);
        Errors(result, "topic").Should().Equal("Missing required configuration \"topic\" which has no default value.");
        Errors(result, "batch.size").Should().ContainSingle().Which.Should().StartWith("Invalid value lots for configuration batch.size");
        Errors(result, "tasks.max").Should().Equal("Invalid value 0 for configuration tasks.max: Value must be at least 1");
        result.Configs.Should().ContainSingle(c => c.Definition.Name == "topic").Which.Definition.Required.Should().BeTrue();
    }

    [Fact]
    public void Validate_UnknownConverter_IsReportedOnItsKey()
    {
        var result = Validate(("connector.class", "CountingSource"), ("topic", "t"), ("value.converter", "io.confluent.connect.avro.AvroConverter"));

        Errors(result, "value.converter").Should().ContainSingle()
            .Which.Should().StartWith("Invalid value io.confluent.connect.avro.AvroConverter for configuration value.converter: Failed to find any class that implements Converter");
    }

    [Fact]
    public void Validate_UnresolvablePlaceholder_IsAnError()
    {
        var transformer = ConfigTransformer.FromWorkerConfig(new Dictionary<string, string> { ["config.providers"] = "env" });
        var config = new Dictionary<string, string> { ["name"] = "c", ["connector.class"] = "CountingSource", ["topic"] = "${env:CONNECT_SDK_SURELY_UNSET_VARIABLE}" };

        var result = ConnectorConfigValidator.Validate(config, Plugins, transformer);

        result.ErrorCount.Should().Be(1);
        result.Configs.SelectMany(c => c.Value.Errors).Should().ContainSingle().Which.Should().Contain("CONNECT_SDK_SURELY_UNSET_VARIABLE");
    }

    [Fact]
    public void InvalidConnectorConfigException_ListsEveryError()
    {
        var result = Validate(("connector.class", "CollectingSink"));

        var exception = new InvalidConnectorConfigException(result);

        exception.Message.Should().Be(
            "Connector configuration is invalid and contains the following 2 error(s):\nMust configure one of topics or topics.regex\nMust configure one of topics or topics.regex\n"
            + "You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`");
    }

    private static ConfigInfos Validate(params (string Key, string Value)[] settings)
    {
        var config = new Dictionary<string, string> { ["name"] = "validated" };
        foreach (var (key, value) in settings)
        {
            config[key] = value;
        }

        return ConnectorConfigValidator.Validate(config, Plugins, ConfigTransformer.None);
    }

    private static IReadOnlyList<string> Errors(ConfigInfos result, string key) =>
        result.Configs.Single(c => c.Definition.Name == key).Value.Errors;
}
