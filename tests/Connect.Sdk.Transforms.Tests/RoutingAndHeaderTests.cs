using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Source;

namespace Connect.Sdk.Transforms.Tests;

/// <summary>
/// RegexRouter, Filter, DropHeaders and InsertHeader. Expectations come from Kafka's RegexRouterTest, FilterTest,
/// DropHeadersTest and InsertHeaderTest unless a comment says otherwise.
/// </summary>
public class RoutingAndHeaderTests
{
    private static string Route(string regex, string replacement, string topic) =>
        new RegexRouter<SourceRecord>().Configured(("regex", regex), ("replacement", replacement))
            .ApplyOrFail(Records.Value(null, null, topic)).Topic;

    // RegexRouterTest.staticReplacement, doesntMatch, identity, addPrefix, addSuffix, slice
    [Theory]
    [InlineData("foo", "bar", "foo", "bar")]
    [InlineData("foo", "bar", "orig", "orig")]
    [InlineData("(.*)", "$1", "orig", "orig")]
    [InlineData("(.*)", "prefix-$1", "orig", "prefix-orig")]
    [InlineData("(.*)", "$1-suffix", "orig", "orig-suffix")]
    [InlineData("(.*)-(\\d\\d\\d\\d\\d\\d\\d\\d)", "$1", "index-20160117", "index")]
    public void RegexRouter_KafkaExamples(string regex, string replacement, string topic, string expected)
    {
        Route(regex, replacement, topic).Should().Be(expected);
    }

    // java.util.regex semantics: matches() needs the whole topic; named groups count in order of appearance; \$ is a
    // literal dollar; $12 means group 1 then "2" when there is no group 12; \Q…\E quotes.
    [Theory]
    [InlineData("foo", "bar", "foobar", "foobar")]
    [InlineData("(?<env>[a-z]+)-(\\w+)", "$2.${env}", "prod-orders", "orders.prod")]
    [InlineData("(?<env>[a-z]+)-(\\w+)", "$1/$2", "prod-orders", "prod/orders")]
    [InlineData("(.*)", "\\$$1", "orders", "$orders")]
    [InlineData("(.*)", "$12", "orders", "orders2")]
    [InlineData("\\Qa.b\\E(.*)", "x$1", "a.bc", "xc")]
    [InlineData("\\Qa.b\\E(.*)", "x$1", "axbc", "axbc")]
    [InlineData("a|ab", "X", "ab", "Xb")]
    public void RegexRouter_JavaSemantics(string regex, string replacement, string topic, string expected)
    {
        Route(regex, replacement, topic).Should().Be(expected);
    }

    // RegexRouter's RegexValidator: "Invalid value ( for configuration regex: Invalid regex: …".
    [Fact]
    public void RegexRouter_InvalidRegex_ThrowsNamingTheKey()
    {
        var act = () => new RegexRouter<SourceRecord>().Configured(("regex", "("), ("replacement", "x"));

        act.Should().Throw<ConfigException>().WithMessage("Invalid value ( for configuration regex: Invalid regex: *");
    }

    // Matcher.appendReplacement's checks, made at configure time.
    [Theory]
    [InlineData("$2", "No group 2")]
    [InlineData("${name}", "No group with name {name}")]
    [InlineData("x\\", "character to be escaped is missing")]
    [InlineData("$x", "Illegal group reference")]
    public void RegexRouter_InvalidReplacement_ThrowsNamingTheKey(string replacement, string reason)
    {
        var act = () => new RegexRouter<SourceRecord>().Configured(("regex", "(.*)"), ("replacement", replacement));

        act.Should().Throw<ConfigException>().WithMessage($"Invalid value {replacement} for configuration replacement: {reason}");
    }

    [Fact]
    public void RegexRouter_MissingKeys_Throw()
    {
        var act = () => new RegexRouter<SourceRecord>().Configured(("regex", "x"));

        act.Should().Throw<ConfigException>().WithMessage("Missing required configuration \"replacement\" which has no default value.");
    }

    [Fact]
    public void RegexRouter_KeepsEverythingButTheTopic()
    {
        var record = new SourceRecord(null, null, "prod-orders", 3, Schema.String, "k", Schema.Int32, 1, 42L, [new Header("h", null, "v")]);
        var transform = new RegexRouter<SourceRecord>().Configured(("regex", "prod-(.*)"), ("replacement", "$1"));

        var routed = transform.ApplyOrFail(record);
        var again = transform.ApplyOrFail(record);

        routed.Should().Be(record.WithTopic("orders"));
        routed.Headers.Should().Equal(record.Headers);
        again.Topic.Should().Be("orders");
    }

    // FilterTest
    [Fact]
    public void Filter_DropsEveryRecord()
    {
        var filter = new Filter<SourceRecord>().Configured();

        filter.Apply(Records.Value(null, "a")).Should().BeNull();
        filter.Apply(Records.Value(null, null)).Should().BeNull();
        filter.Config.ConfigKeys.Should().BeEmpty();
    }

    private static SourceRecord WithHeaders(params (string Key, object? Value)[] headers) =>
        new(null, null, "topic", 0, Schema.String, "key", Schema.String, "value", 0L, headers.Select(h => new Header(h.Key, Schema.String, h.Value)));

    // DropHeadersTest.dropExistingHeader, dropExistingHeaderWithMultipleValues, dropNonExistingHeader
    [Fact]
    public void DropHeaders_RemovesEveryHeaderWithTheName()
    {
        var transform = new DropHeaders<SourceRecord>().Configured(("headers", "dummy"));

        var dropped = transform.ApplyOrFail(WithHeaders(("dummy", "x"), ("keep", "y"), ("dummy", "z")));
        dropped.Headers.Select(h => h.Key).Should().Equal("keep");

        var untouched = transform.ApplyOrFail(WithHeaders(("keep", "y")));
        untouched.Headers.Select(h => h.Key).Should().Equal("keep");
        untouched.Value.Should().Be("value");
    }

    // DropHeadersTest.configRejectsEmptyList
    [Fact]
    public void DropHeaders_EmptyList_Throws()
    {
        var act = () => new DropHeaders<SourceRecord>().Configured(("headers", ""));

        act.Should().Throw<ConfigException>().WithMessage("Invalid value [] for configuration headers: Empty list");
    }

    // InsertHeaderTest.insertionWithExistingOtherHeader, insertionWithExistingSameHeader
    [Fact]
    public void InsertHeader_AddsAfterExistingHeaders()
    {
        var transform = new InsertHeader<SourceRecord>().Configured(("header", "inserted"), ("value.literal", "inserted-value"));
        var original = WithHeaders(("a", "b"), ("inserted", "existing-value"));

        var transformed = transform.ApplyOrFail(original);

        transformed.Headers.Select(h => (h.Key, h.Value)).Should().Equal(("a", "b"), ("inserted", "existing-value"), ("inserted", "inserted-value"));
        transformed.Headers.LastWithName("inserted")!.Schema.Should().Be(Schema.String);
        original.Headers.Should().HaveCount(2, "the input record is not changed");
    }

    // InsertHeaderTest.insertionWithByteHeader and Values.parseString's type inference
    [Theory]
    [InlineData("1", SchemaType.Int8, (sbyte)1)]
    [InlineData("1000", SchemaType.Int16, (short)1000)]
    [InlineData("100000", SchemaType.Int32, 100000)]
    [InlineData("10000000000", SchemaType.Int64, 10000000000L)]
    [InlineData("1.5", SchemaType.Float32, 1.5f)]
    [InlineData("true", SchemaType.Boolean, true)]
    [InlineData("hello world", SchemaType.String, "hello world")]
    public void InsertHeader_InfersTheLiteralType(string literal, SchemaType type, object expected)
    {
        var transform = new InsertHeader<SourceRecord>().Configured(("header", "h"), ("value.literal", literal));

        var header = transform.ApplyOrFail(WithHeaders()).Headers.LastWithName("h")!;

        header.Schema!.Type.Should().Be(type);
        header.Value.Should().Be(expected);
    }

    [Fact]
    public void InsertHeader_TemporalAndCompositeLiterals()
    {
        Header Insert(string literal) =>
            new InsertHeader<SourceRecord>().Configured(("header", "h"), ("value.literal", literal)).ApplyOrFail(WithHeaders()).Headers.LastWithName("h")!;

        Insert("2024-01-31").Should().Be(new Header("h", ConnectDate.Schema, new DateTime(2024, 1, 31, 0, 0, 0, DateTimeKind.Utc)));
        Insert("2024-01-31T12:30:00.000Z").Should().Be(new Header("h", ConnectTimestamp.Schema, new DateTime(2024, 1, 31, 12, 30, 0, DateTimeKind.Utc)));
        Insert("12:30:00.000Z").Should().Be(new Header("h", ConnectTime.Schema, new DateTime(1970, 1, 1, 12, 30, 0, DateTimeKind.Utc)));
        Insert("[1,2,3]").Should().Be(new Header("h", SchemaBuilder.Array(Schema.Int8).Build(), new List<object?> { (sbyte)1, (sbyte)2, (sbyte)3 }));
        var map = Insert("{\"a\":1,\"b\":2}");
        map.Schema.Should().Be(SchemaBuilder.Map(Schema.String, Schema.Int8).Build());
        map.Value.Should().BeEquivalentTo(new Dictionary<object, object?> { ["a"] = (sbyte)1, ["b"] = (sbyte)2 });
    }

    // InsertHeaderTest.configRejectsNullHeaderKey, configRejectsNullHeaderValue
    [Fact]
    public void InsertHeader_MissingKeys_Throw()
    {
        var noHeader = () => new InsertHeader<SourceRecord>().Configured(("value.literal", "x"));
        noHeader.Should().Throw<ConfigException>().WithMessage("Missing required configuration \"header\" which has no default value.");

        var noValue = () => new InsertHeader<SourceRecord>().Configured(("header", "x"));
        noValue.Should().Throw<ConfigException>().WithMessage("Missing required configuration \"value.literal\" which has no default value.");
    }
}
