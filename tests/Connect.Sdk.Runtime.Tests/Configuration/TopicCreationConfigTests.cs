using Connect.Sdk.Config;
using Connect.Sdk.Runtime.Configuration;

namespace Connect.Sdk.Runtime.Tests.Configuration;

public class TopicCreationConfigTests
{
    [Fact]
    public void From_WithoutDefaultGroup_IsOff() =>
        TopicCreationConfig.From(new Dictionary<string, string> { ["topic.creation.default.partitions"] = "3" }).Should().BeNull();

    [Fact]
    public void SettingsFor_FirstMatchingGroupWins_OtherwiseDefault()
    {
        var config = TopicCreationConfig.From(new Dictionary<string, string>
        {
            ["topic.creation.default.replication.factor"] = "3",
            ["topic.creation.default.partitions"] = "5",
            ["topic.creation.groups"] = "compacted,big",
            ["topic.creation.compacted.include"] = "state-.*, config",
            ["topic.creation.compacted.exclude"] = "state-tmp",
            ["topic.creation.compacted.partitions"] = "1",
            ["topic.creation.compacted.cleanup.policy"] = "compact",
            ["topic.creation.big.include"] = ".*",
            ["topic.creation.big.partitions"] = "50",
        })!;

        config.SettingsFor("state-orders").Should().Be((1, (short)3, config.SettingsFor("config").Configs));
        config.SettingsFor("state-orders").Configs.Should().Equal(new Dictionary<string, string> { ["cleanup.policy"] = "compact" });
        config.SettingsFor("state-tmp").Partitions.Should().Be(50, "the exclude list skips the compacted group");
        config.SettingsFor("orders").Should().Match<(int Partitions, short ReplicationFactor, IReadOnlyDictionary<string, string> Configs)>(s => s.Partitions == 50 && s.ReplicationFactor == 3);
    }

    [Fact]
    public void From_GroupWithoutInclude_NamesTheKey()
    {
        var act = () => TopicCreationConfig.From(new Dictionary<string, string>
        {
            ["topic.creation.default.replication.factor"] = "1",
            ["topic.creation.default.partitions"] = "1",
            ["topic.creation.groups"] = "other",
        });

        act.Should().Throw<ConfigException>().WithMessage("*topic.creation.other.include*");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("many")]
    public void From_BadPartitions_NamesTheKey(string partitions)
    {
        var act = () => TopicCreationConfig.From(new Dictionary<string, string>
        {
            ["topic.creation.default.replication.factor"] = "1",
            ["topic.creation.default.partitions"] = partitions,
        });

        act.Should().Throw<ConfigException>().WithMessage($"Invalid value {partitions} for configuration topic.creation.default.partitions*");
    }

    [Fact]
    public void From_BadRegex_NamesTheKey()
    {
        var act = () => TopicCreationConfig.From(new Dictionary<string, string>
        {
            ["topic.creation.default.replication.factor"] = "1",
            ["topic.creation.default.partitions"] = "1",
            ["topic.creation.groups"] = "g",
            ["topic.creation.g.include"] = "([",
        });

        act.Should().Throw<ConfigException>().WithMessage("*topic.creation.g.include*regular expressions*");
    }
}
