using Connect.Sdk.Runtime.Tasks;

namespace Connect.Sdk.Runtime.Tests.Tasks;

public class TopicPatternSubscriptionTests
{
    [Theory]
    [InlineData("orders-\\d+", "orders-12", true)]
    [InlineData("orders-\\d+", "orders-x", false)]
    [InlineData("orders-\\d+", "old-orders-1", false)] // Pattern.matches(): the whole name, not a part of it
    [InlineData("orders-\\d+", "orders-1\n", false)]
    [InlineData("(?i)orders", "ORDERS", true)]
    [InlineData("orders-(?!test).*", "orders-test", false)]
    [InlineData("orders-(?!test).*", "orders-live", true)]
    [InlineData(".*", "__consumer_offsets", false)] // Kafka's consumers leave internal topics out of pattern subscriptions
    [InlineData(".*", "__transaction_state", false)]
    [InlineData(".*", "_schemas", true)]
    public void Matches_FollowsKafkasPatternRules(string pattern, string topic, bool expected) =>
        new TopicPatternSubscription(pattern, TimeSpan.FromMinutes(5), TimeProvider.System).Matches(topic).Should().Be(expected);

    [Fact]
    public void RefreshIntervalOf_ReadsKafkasOrLibrdkafkasKey_ElseFiveMinutes()
    {
        TopicPatternSubscription.RefreshIntervalOf(new Dictionary<string, string> { ["metadata.max.age.ms"] = "1500" })
            .Should().Be(TimeSpan.FromMilliseconds(1500));
        TopicPatternSubscription.RefreshIntervalOf(new Dictionary<string, string> { ["topic.metadata.refresh.interval.ms"] = "2000" })
            .Should().Be(TimeSpan.FromSeconds(2));
        TopicPatternSubscription.RefreshIntervalOf(new Dictionary<string, string>())
            .Should().Be(TimeSpan.FromMinutes(5));
        TopicPatternSubscription.RefreshIntervalOf(new Dictionary<string, string> { ["metadata.max.age.ms"] = "-1" })
            .Should().Be(TimeSpan.FromMinutes(5), "a value librdkafka would reject falls back to the default");
    }

    [Fact]
    public void Constructor_InvalidPattern_Throws()
    {
        var act = () => new TopicPatternSubscription("orders-(", TimeSpan.FromMinutes(5), TimeProvider.System);

        act.Should().Throw<ArgumentException>();
    }
}
