using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Source;
using Connect.Sdk.Transforms.Predicates;

namespace Connect.Sdk.Transforms.Tests;

/// <summary>Expectations come from Kafka's TopicNameMatchesTest, HasHeaderKeyTest and RecordIsTombstoneTest.</summary>
public class PredicateTests
{
    private static TopicNameMatches<SourceRecord> TopicMatches(string pattern)
    {
        var predicate = new TopicNameMatches<SourceRecord>();
        predicate.Configure(Props.Of(("pattern", pattern)));
        return predicate;
    }

    // TopicNameMatchesTest.testTest
    [Theory]
    [InlineData("my-prefix-", true)]
    [InlineData("my-prefix-foo", true)]
    [InlineData("x-my-prefix-", false)]
    [InlineData("x-my-prefix-foo", false)]
    [InlineData("your-prefix-", false)]
    [InlineData("your-prefix-foo", false)]
    public void TopicNameMatches_MatchesTheWholeTopic(string topic, bool expected)
    {
        var predicate = TopicMatches("my-prefix-.*");

        predicate.Test(Records.Value(null, null, topic)).Should().Be(expected);
        predicate.Test(Records.Value(null, null, topic)).Should().Be(expected, "the cached answer is the same");
    }

    // TopicNameMatchesTest.testPatternRequired, testPatternMayNotBeEmpty, testPatternIsValidRegex
    [Theory]
    [InlineData(null, "Missing required configuration \"pattern\" which has no default value.")]
    [InlineData("", "Invalid value  for configuration pattern: String must be non-empty")]
    [InlineData("[", "Invalid value [ for configuration pattern: Invalid regex: *")]
    public void TopicNameMatches_InvalidPattern_Throws(string? pattern, string message)
    {
        var props = pattern is null ? Props.Empty : Props.Of(("pattern", pattern));

        var act = () => new TopicNameMatches<SourceRecord>().Configure(props);

        act.Should().Throw<ConfigException>().WithMessage(message);
    }

    // TopicNameMatchesTest.testConfig: validation reports the bad pattern without throwing.
    [Fact]
    public void TopicNameMatches_Validate_ReportsInvalidPattern()
    {
        var results = new TopicNameMatches<SourceRecord>().Config.Validate(Props.Of(("pattern", "[")));

        results.Single(v => v.Name == "pattern").ErrorMessages.Should().ContainSingle().Which.Should().StartWith("Invalid value [ for configuration pattern: Invalid regex:");
    }

    // HasHeaderKeyTest.testTest
    [Fact]
    public void HasHeaderKey_IsTrueWhenAHeaderHasTheName()
    {
        var predicate = new HasHeaderKey<SourceRecord>();
        predicate.Configure(Props.Of(("name", "foo")));

        SourceRecord With(params string[] names) => new(null, null, "topic", 0, null, null, null, null, null, names.Select(n => new Header(n, null, null)));

        predicate.Test(With("foo")).Should().BeTrue();
        predicate.Test(With("foo", "bar")).Should().BeTrue();
        predicate.Test(With("bar", "foo", "bar", "foo")).Should().BeTrue();
        predicate.Test(With("bar")).Should().BeFalse();
        predicate.Test(With()).Should().BeFalse();
    }

    // HasHeaderKeyTest.testNameRequiredInConfig, testNameMayNotBeEmptyInConfig
    [Fact]
    public void HasHeaderKey_InvalidName_Throws()
    {
        var missing = () => new HasHeaderKey<SourceRecord>().Configure(Props.Empty);
        missing.Should().Throw<ConfigException>().WithMessage("Missing required configuration \"name\" which has no default value.");

        var empty = () => new HasHeaderKey<SourceRecord>().Configure(Props.Of(("name", "")));
        empty.Should().Throw<ConfigException>().WithMessage("Invalid value  for configuration name: String must be non-empty");
    }

    // RecordIsTombstoneTest
    [Fact]
    public void RecordIsTombstone_IsTrueForNullValues()
    {
        var predicate = new RecordIsTombstone<SourceRecord>();
        predicate.Configure(Props.Empty);

        predicate.Test(Records.Value(null, null)).Should().BeTrue();
        predicate.Test(Records.Value(Connect.Sdk.Data.Schema.OptionalString, null)).Should().BeTrue();
        predicate.Test(Records.Value(null, "x")).Should().BeFalse();
        predicate.Test(Records.Key(null, "key-only")).Should().BeTrue();
        predicate.Config.ConfigKeys.Should().BeEmpty();
    }
}
