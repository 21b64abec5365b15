using System.Text;
using Connect.Sdk.Converters;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Tests.Data;

namespace Connect.Sdk.Tests.Converters;

public class SimpleHeaderConverterTests
{
    private const string Topic = "topic";
    private const string Key = "key";
    private readonly SimpleHeaderConverter _converter = new();

    public SimpleHeaderConverterTests() => _converter.Configure(new Dictionary<string, string>());

    [Fact]
    public void ToConnectHeader_Null_GivesNullSchemaAndValue() =>
        _converter.ToConnectHeader(Topic, Key, null).Should().Be(SchemaAndValue.Null);

    [Fact]
    public void ToConnectHeader_Empty_GivesEmptyString() =>
        _converter.ToConnectHeader(Topic, Key, []).Should().Be(new SchemaAndValue(Schema.String, string.Empty));

    [Fact]
    public void ToConnectHeader_ValueForms_AreParsed()
    {
        Read("42").Should().Be(new SchemaAndValue(Schema.Int8, (sbyte)42));
        Read("1000").Should().Be(new SchemaAndValue(Schema.Int16, (short)1000));
        Read("true").Should().Be(new SchemaAndValue(Schema.Boolean, true));
        Read("1.5").Should().Be(new SchemaAndValue(Schema.Float32, 1.5f));
        Read("2019-08-23").Should().Be(new SchemaAndValue(ConnectDate.Schema, new DateTime(2019, 8, 23, 0, 0, 0, DateTimeKind.Utc)));
        Read("[1,2]").Should().Be(new SchemaAndValue(SchemaBuilder.Array(Schema.Int8).Build(), new List<object?> { (sbyte)1, (sbyte)2 }));
        Read("{\"a\":\"b\"}").Should().Be(new SchemaAndValue(
            SchemaBuilder.Map(Schema.String, Schema.String).Build(), new Dictionary<object, object?> { ["a"] = "b" }));
        Read("null").Should().Be(SchemaAndValue.Null);
    }

    [Theory]
    [InlineData("hello world")]
    [InlineData("[1,")]
    [InlineData("{\"a\":}")]
    [InlineData("héllo ✓")]
    public void ToConnectHeader_OtherText_GivesString(string text) =>
        Read(text).Should().Be(new SchemaAndValue(Schema.String, text));

    [Fact]
    public void ToConnectHeader_MalformedUtf8_ReplacesBadBytes() =>
        _converter.ToConnectHeader(Topic, Key, [0x61, 0xFF, 0x62]).Should().Be(new SchemaAndValue(Schema.String, "a\uFFFDb"));

    [Fact]
    public void ToConnectHeader_BytesOfJavaIteratorDoneCharacter_GivesString() =>
        _converter.ToConnectHeader(Topic, Key, [0xEF, 0xBF, 0xBF]).Should().Be(new SchemaAndValue(Schema.String, "\uFFFF"));

    [Fact]
    public void FromConnectHeader_Null_GivesNull() =>
        _converter.FromConnectHeader(Topic, Key, Schema.OptionalString, null).Should().BeNull();

    [Fact]
    public void FromConnectHeader_Values_WriteKafkaText()
    {
        Write(Schema.Float64, 1.0).Should().Be("1.0");
        Write(Schema.Float64, 1e10).Should().Be("1.0E10");
        Write(Schema.Boolean, true).Should().Be("true");
        Write(Schema.Int64, 42L).Should().Be("42");
        Write(Schema.String, "héllo").Should().Be("héllo");
        Write(null, new List<object?> { 1, "a" }).Should().Be("[1,\"a\"]");
        Write(null, new Dictionary<string, int> { ["a"] = 1 }).Should().Be("{\"a\":1}");
        Write(Schema.Bytes, new byte[] { 1, 2, 3 }).Should().Be("AQID");
        Write(ConnectTimestamp.Schema, new DateTime(2019, 8, 23, 14, 34, 54, 346, DateTimeKind.Utc)).Should().Be("2019-08-23T14:34:54.346Z");
        _converter.FromConnectHeader(Topic, Key, Schema.String, "é").Should().Equal(0xC3, 0xA9);
    }

    [Fact]
    public void FromConnectHeader_UnsupportedValue_Throws() =>
        FluentActions.Invoking(() => _converter.FromConnectHeader(Topic, Key, null, Guid.Empty)).Should().Throw<DataException>();

    public static TheoryData<object> RoundTripValues => new()
    {
        "text",
        true,
        (sbyte)-1,
        (short)1000,
        100000,
        10000000000L,
        0.5f,
        1e300,
        new DateTime(2019, 8, 23, 14, 34, 54, 346, DateTimeKind.Utc),
        new List<object?> { "x", "y" },
        new Dictionary<object, object?> { ["k"] = (sbyte)1 },
    };

    [Theory]
    [MemberData(nameof(RoundTripValues))]
    public void FromConnectHeader_ThenToConnectHeader_GivesTheValueBack(object value)
    {
        var bytes = _converter.FromConnectHeader(Topic, Key, Values.InferSchema(value), value);
        _converter.ToConnectHeader(Topic, Key, bytes).Value.ShouldBeValue(value);
    }

    [Fact]
    public void FromConnectHeader_ThenToConnectHeader_NarrowsTypesAsKafkaDoes()
    {
        _converter.ToConnectHeader(Topic, Key, _converter.FromConnectHeader(Topic, Key, ConnectDecimal.Schema(1), 1.5m))
            .Should().Be(new SchemaAndValue(Schema.Float32, 1.5f));
        _converter.ToConnectHeader(Topic, Key, _converter.FromConnectHeader(Topic, Key, Schema.Int64, 5L))
            .Should().Be(new SchemaAndValue(Schema.Int8, (sbyte)5));
        _converter.ToConnectHeader(Topic, Key, _converter.FromConnectHeader(Topic, Key, Schema.Float64, 2.0))
            .Should().Be(new SchemaAndValue(Schema.Int8, (sbyte)2));
    }

    [Fact]
    public void Dispose_CanBeCalled() => FluentActions.Invoking(() => _converter.Dispose()).Should().NotThrow();

    private SchemaAndValue Read(string text) => _converter.ToConnectHeader(Topic, Key, Encoding.UTF8.GetBytes(text));

    private string Write(Schema? schema, object value) =>
        Encoding.UTF8.GetString(_converter.FromConnectHeader(Topic, Key, schema, value)!);
}
