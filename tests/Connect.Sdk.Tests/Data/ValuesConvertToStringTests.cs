using Connect.Sdk.Data;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Tests.Data;

public class ValuesConvertToStringTests
{
    public static TheoryData<object, string> Primitives => new()
    {
        { "simple", "simple" },
        { "three\"blind\\\"mice", "three\"blind\\\"mice" },
        { true, "true" },
        { false, "false" },
        { (sbyte)-5, "-5" },
        { short.MinValue, "-32768" },
        { int.MaxValue, "2147483647" },
        { long.MinValue, "-9223372036854775808" },
        { 1.0, "1.0" },
        { 0.1, "0.1" },
        { 1e7, "1.0E7" },
        { 1.0E-4, "1.0E-4" },
        { double.NaN, "NaN" },
        { double.PositiveInfinity, "Infinity" },
        { -0.0, "-0.0" },
        { 1.0f, "1.0" },
        { 0.1f, "0.1" },
        { 1.50m, "1.50" },
        { 0.0000001m, "1E-7" },
        { new byte[] { 1, 2, 3 }, "AQID" },
        { new ReadOnlyMemory<byte>([0xFF, 0xFE]), "//4=" },
        { Array.Empty<byte>(), string.Empty },
    };

    [Theory]
    [MemberData(nameof(Primitives))]
    public void ConvertToString_Primitive_WritesJavaText(object value, string expected) =>
        Values.ConvertToString(null, value).Should().Be(expected);

    [Fact]
    public void ConvertToString_Null_GivesNull() => Values.ConvertToString(Schema.OptionalString, null).Should().BeNull();

    [Fact]
    public void ConvertToString_Collections_WriteCompactQuotedForm()
    {
        Values.ConvertToString(null, new List<int> { 1, 2 }).Should().Be("[1,2]");
        Values.ConvertToString(null, new List<object?> { "a", null, true, 1.5, new byte[] { 1 } }).Should().Be("[\"a\",null,true,1.5,\"AQ==\"]");
        Values.ConvertToString(null, new List<object?>()).Should().Be("[]");
        Values.ConvertToString(null, new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 }).Should().Be("{\"a\":1,\"b\":2}");
        Values.ConvertToString(null, new Dictionary<object, object?> { [1] = null }).Should().Be("{1:null}");
        Values.ConvertToString(null, new Dictionary<string, object?> { ["a"] = new List<object?> { 1, new Dictionary<string, bool> { ["b"] = true } } })
            .Should().Be("{\"a\":[1,{\"b\":true}]}");
    }

    [Fact]
    public void ConvertToString_EmbeddedStrings_EscapeQuotesAndBackslashes()
    {
        Values.Escape("three\"blind\\\"mice").Should().Be("three\\\"blind\\\\\\\"mice");
        Values.ConvertToString(null, new List<string> { "a\"b", "c\\d", "e,f:g" }).Should().Be("[\"a\\\"b\",\"c\\\\d\",\"e,f:g\"]");
    }

    [Fact]
    public void ConvertToString_Struct_WritesFieldsWithDefaults()
    {
        var schema = SchemaBuilder.Struct()
            .Field("id", Schema.Int64)
            .Field("name", Schema.OptionalString)
            .Field("score", SchemaBuilder.Float64().DefaultValue(1.0).Build())
            .Field("tags", SchemaBuilder.Array(Schema.String).Optional().Build())
            .Build();
        var value = new Struct(schema).Put("id", 7L).Put("tags", new List<object?> { "x" });
        Values.ConvertToString(schema, value).Should().Be("{\"id\":7,\"name\":null,\"score\":1.0,\"tags\":[\"x\"]}");
    }

    [Theory]
    [InlineData(1970, 1, 1, 0, 0, 0, 0, "00:00:00.000Z")]
    [InlineData(1970, 1, 1, 14, 34, 54, 346, "14:34:54.346Z")]
    [InlineData(1970, 1, 1, 23, 59, 59, 999, "23:59:59.999Z")]
    [InlineData(1970, 1, 2, 0, 0, 0, 0, "1970-01-02")]
    [InlineData(2019, 8, 23, 0, 0, 0, 0, "2019-08-23")]
    [InlineData(2019, 8, 23, 14, 34, 54, 346, "2019-08-23T14:34:54.346Z")]
    [InlineData(1970, 1, 2, 0, 0, 0, 1, "1970-01-02T00:00:00.001Z")]
    [InlineData(9999, 12, 31, 23, 59, 59, 999, "9999-12-31T23:59:59.999Z")]
    [InlineData(1, 1, 1, 0, 0, 0, 0, "00:00:00.000Z")]
    [InlineData(1969, 12, 31, 12, 0, 0, 0, "12:00:00.000Z")]
    public void ConvertToString_DateTime_ChoosesFormatByValueAsKafkaDoes(
        int year, int month, int day, int hour, int minute, int second, int millisecond, string expected) =>
        Values.ConvertToString(null, new DateTime(year, month, day, hour, minute, second, millisecond, DateTimeKind.Utc))
            .Should().Be(expected);

    [Fact]
    public void ConvertToString_DateTime_DropsSubMillisecondsAndTakesUnspecifiedAsUtc()
    {
        var instant = new DateTime(2019, 8, 23, 14, 34, 54, 346, DateTimeKind.Unspecified).AddTicks(9999);
        Values.ConvertToString(ConnectTimestamp.Schema, instant).Should().Be("2019-08-23T14:34:54.346Z");
    }

    [Fact]
    public void ConvertToString_UnsupportedValue_Throws()
    {
        FluentActions.Invoking(() => Values.ConvertToString(null, Guid.Empty)).Should().Throw<DataException>()
            .Which.Message.Should().Be("Failed to serialize unexpected value type System.Guid: 00000000-0000-0000-0000-000000000000");
        FluentActions.Invoking(() => Values.ConvertToString(null, new List<object?> { new object() })).Should().Throw<DataException>();
    }

    public static TheoryData<object> RoundTripValues => new()
    {
        "simple",
        "",
        true,
        (sbyte)-128,
        (short)32767,
        int.MinValue,
        long.MaxValue,
        1.5f,
        float.MaxValue,
        1e40,
        double.MaxValue,
        new DateTime(2019, 8, 23, 0, 0, 0, DateTimeKind.Utc),
        new DateTime(1970, 1, 1, 14, 34, 54, 346, DateTimeKind.Utc),
        new DateTime(2019, 8, 23, 14, 34, 54, 346, DateTimeKind.Utc),
        new List<object?> { (short)12345, (short)0, (short)-4321 },
        new List<object?> { "foo", "bar" },
        new Dictionary<object, object?> { ["foo"] = "123", ["bar"] = "baz" },
        new Dictionary<object, object?> { ["foo"] = 1234567890, ["bar"] = 0, ["baz"] = -987654321 },
        new List<object?> { new List<object?> { true }, new List<object?> { false } },
    };

    [Theory]
    [MemberData(nameof(RoundTripValues))]
    public void ConvertToString_ThenParseString_GivesTheValueBack(object value)
    {
        var text = Values.ConvertToString(null, value);
        var parsed = Values.ParseString(text);
        parsed.Value.ShouldBeValue(value);
        if (parsed.Schema is not null && value is not DateTime)
        {
            parsed.Schema.Should().Be(Values.InferSchema(value));
        }
    }

    [Fact]
    public void ConvertToString_ThenParseString_NarrowsNumbersToSmallestType()
    {
        Values.ParseString(Values.ConvertToString(null, 5L)).Should().Be(new SchemaAndValue(Schema.Int8, (sbyte)5));
        Values.ParseString(Values.ConvertToString(null, 1.0)).Should().Be(new SchemaAndValue(Schema.Int8, (sbyte)1));
        Values.ParseString(Values.ConvertToString(null, 0.1)).Should().Be(new SchemaAndValue(Schema.Float32, 0.1f));
    }
}
