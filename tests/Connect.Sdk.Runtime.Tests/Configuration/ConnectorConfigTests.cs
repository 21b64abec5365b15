using Connect.Sdk.Config;
using Connect.Sdk.Runtime.Configuration;

namespace Connect.Sdk.Runtime.Tests.Configuration;

public class ConnectorConfigTests
{
    [Fact]
    public void Defaults_AreKafkaConnects()
    {
        var config = new ConnectorConfig(ConnectorConfig.SinkDefinition, Props());

        config.TasksMax.Should().Be(1);
        config.ToleratesAllErrors.Should().BeFalse();
        config.ErrorRetryTimeout.Should().Be(TimeSpan.Zero);
        config.ErrorRetryMaxDelay.Should().Be(TimeSpan.FromMinutes(1));
        config.ErrorsLogEnabled.Should().BeFalse();
        config.DeadLetterQueueTopic.Should().BeEmpty();
        config.DeadLetterQueueContextHeaders.Should().BeFalse();
    }

    [Fact]
    public void ErrorSettings_AreParsed()
    {
        var config = new ConnectorConfig(ConnectorConfig.SinkDefinition, Props(
            ("errors.tolerance", "ALL"),
            ("errors.retry.timeout", "-1"),
            ("errors.retry.delay.max.ms", "2500"),
            ("errors.log.enable", "true"),
            ("errors.log.include.messages", "true"),
            ("errors.deadletterqueue.topic.name", "dlq"),
            ("errors.deadletterqueue.context.headers.enable", "true")));

        config.ToleratesAllErrors.Should().BeTrue("errors.tolerance is case-insensitive");
        config.ErrorRetryTimeout.Should().Be(Timeout.InfiniteTimeSpan);
        config.ErrorRetryMaxDelay.Should().Be(TimeSpan.FromMilliseconds(2500));
        config.ErrorsLogEnabled.Should().BeTrue();
        config.ErrorsLogIncludeMessages.Should().BeTrue();
        config.DeadLetterQueueTopic.Should().Be("dlq");
        config.DeadLetterQueueContextHeaders.Should().BeTrue();
    }

    [Fact]
    public void SourceDefinition_HasNoDeadLetterQueue()
    {
        var config = new ConnectorConfig(ConnectorConfig.CommonDefinition, Props(("errors.deadletterqueue.topic.name", "dlq")));

        config.DeadLetterQueueTopic.Should().BeEmpty("Kafka Connect has a dead letter queue for sink connectors only");
        config.DeadLetterQueueContextHeaders.Should().BeFalse();
    }

    [Theory]
    [InlineData("tasks.max", "0", "Invalid value 0 for configuration tasks.max: Value must be at least 1")]
    [InlineData("tasks.max", "many", "Invalid value many for configuration tasks.max: *")]
    [InlineData("errors.tolerance", "some", "Invalid value some for configuration errors.tolerance: String must be one of (case insensitive): none, all")]
    [InlineData("errors.retry.timeout", "1.5", "Invalid value 1.5 for configuration errors.retry.timeout: *")]
    [InlineData("topics.regex", "orders-(", "Invalid value orders-( for configuration topics.regex: Must be a valid regular expression: *")]
    [InlineData("transforms", "a,b,a", "Invalid value a,b,a for configuration transforms: Duplicate alias provided.")]
    public void InvalidValue_ThrowsConfigExceptionNamingTheKey(string key, string value, string message)
    {
        var act = () => new ConnectorConfig(ConnectorConfig.SinkDefinition, Props((key, value)));

        act.Should().Throw<ConfigException>().WithMessage(message).Which.Name.Should().Be(key);
    }

    [Fact]
    public void MissingConnectorClass_IsAnError()
    {
        var act = () => new ConnectorConfig(ConnectorConfig.CommonDefinition, new Dictionary<string, string> { ["name"] = "x" });

        act.Should().Throw<ConfigException>().WithMessage("Missing required configuration \"connector.class\" which has no default value.");
    }

    [Fact]
    public void NameWithControlCharacters_IsAnError()
    {
        var act = () => new ConnectorConfig(ConnectorConfig.CommonDefinition, Props(("name", "bad\nname")));

        act.Should().Throw<ConfigException>().Which.Name.Should().Be("name");
    }

    private static Dictionary<string, string> Props(params (string Key, string Value)[] extra)
    {
        var props = new Dictionary<string, string> { ["name"] = "c", ["connector.class"] = "Whatever" };
        foreach (var (key, value) in extra)
        {
            props[key] = value;
        }

        return props;
    }
}
