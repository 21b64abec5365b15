using System.Collections;
using Connect.Sdk.Data;

namespace Connect.Sdk.Tests.Data;

public class ValuesParseStringTests
{
    private const string Whitespace = "\n \t \t\n";

    [Fact]
    public void ParseString_Null_GivesNullSchemaAndValue() =>
        Values.ParseString(null).Should().Be(SchemaAndValue.Null);

    [Fact]
    public void ParseString_Empty_GivesEmptyString() =>
        Values.ParseString(string.Empty).Should().Be(new SchemaAndValue(Schema.String, string.Empty));

    [Theory]
    [InlineData("null")]
    [InlineData(Whitespace + "null" + Whitespace)]
    public void ParseString_NullLiteral_GivesNullSchemaAndValue(string text) =>
        Values.ParseString(text).Should().Be(SchemaAndValue.Null);

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData(Whitespace + "true" + Whitespace, true)]
    [InlineData(Whitespace + "false" + Whitespace, false)]
    public void ParseString_BooleanLiteral_GivesBoolean(string text, bool expected) =>
        Values.ParseString(text).Should().Be(new SchemaAndValue(Schema.Boolean, expected));

    [Theory]
    [InlineData("  ")]
    [InlineData("simple")]
    [InlineData("simple string")]
    [InlineData("  padded  ")]
    [InlineData("null=")]
    [InlineData("true}")]
    [InlineData("false]")]
    [InlineData("TRUE")]
    [InlineData("{foo: 3}")]
    [InlineData("{3: foo}")]
    [InlineData("[foo]")]
    [InlineData("{null: 3}")]
    [InlineData("{6:9 4:20}")]
    [InlineData("[0 1 2]")]
    [InlineData("[1, 2, 3,,,]")]
    [InlineData("[,1]")]
    [InlineData("[1,,]")]
    [InlineData("[1, 2")]
    [InlineData("[[1, 2]")]
    [InlineData("{\"a\": 1")]
    [InlineData("{\"a\" 1}")]
    [InlineData("{\"a\": 1,, \"b\": 2}")]
    [InlineData("{ ,,  , , }")]
    [InlineData("]")]
    [InlineData("}{")]
    [InlineData("\"quoted\"")]
    [InlineData(".5")]
    [InlineData("1e")]
    [InlineData("0x10")]
    [InlineData("42abc")]
    [InlineData("42 43")]
    [InlineData("1_000")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("0000-01-01")]
    [InlineData("2019-08-23 14:34")]
    [InlineData("si\\:mple")]
    [InlineData("string with delimiters: <>?,./\\=+-!@#$%^&*(){}[]|;':")]
    public void ParseString_NotAValueForm_GivesOriginalString(string text) =>
        Values.ParseString(text).Should().Be(new SchemaAndValue(Schema.String, text));

    [Fact]
    public void ParseString_CharacterThatJavaIteratorsTreatAsDone_GivesString()
    {
        // U+FFFF is CharacterIterator.DONE in Java and once made Kafka's parser loop forever (KAFKA-10574).
        var text = "\uffff";
        Values.ParseString(text).Should().Be(new SchemaAndValue(Schema.String, text));
    }

    [Theory]
    [InlineData("0", (sbyte)0)]
    [InlineData("-0", (sbyte)0)]
    [InlineData("+5", (sbyte)5)]
    [InlineData("127", sbyte.MaxValue)]
    [InlineData("-128", sbyte.MinValue)]
    [InlineData(" 42 ", (sbyte)42)]
    [InlineData("1.0", (sbyte)1)]
    [InlineData("1.", (sbyte)1)]
    [InlineData("-0.0", (sbyte)0)]
    [InlineData("1e2", (sbyte)100)]
    [InlineData("1200e-1", (sbyte)120)]
    public void ParseString_SmallWholeNumber_GivesInt8(string text, sbyte expected) =>
        Values.ParseString(text).Should().Be(new SchemaAndValue(Schema.Int8, expected));

    [Theory]
    [InlineData("128", (short)128)]
    [InlineData("-129", (short)-129)]
    [InlineData("32767", short.MaxValue)]
    [InlineData("-32768", short.MinValue)]
    public void ParseString_WholeNumberBeyondInt8_GivesInt16(string text, short expected) =>
        Values.ParseString(text).Should().Be(new SchemaAndValue(Schema.Int16, expected));

    [Theory]
    [InlineData("32768", 32768)]
    [InlineData("-32769", -32769)]
    [InlineData("2147483647", int.MaxValue)]
    [InlineData("-2147483648", int.MinValue)]
    public void ParseString_WholeNumberBeyondInt16_GivesInt32(string text, int expected) =>
        Values.ParseString(text).Should().Be(new SchemaAndValue(Schema.Int32, expected));

    [Theory]
    [InlineData("2147483648", 2147483648L)]
    [InlineData("-2147483649", -2147483649L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("9.223372036854775807E18", long.MaxValue)]
    public void ParseString_WholeNumberBeyondInt32_GivesInt64(string text, long expected) =>
        Values.ParseString(text).Should().Be(new SchemaAndValue(Schema.Int64, expected));

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("100000000000000000000")]
    [InlineData("79228162514264337593543950335")]
    public void ParseString_WholeNumberBeyondInt64_GivesDecimalWithZeroScale(string text) =>
        Values.ParseString(text).Should().Be(new SchemaAndValue(
            ConnectDecimal.Schema(0), decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("79228162514264337593543950336")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    public void ParseString_NumberThatDecimalCannotHold_GivesString(string text) =>
        Values.ParseString(text).Should().Be(new SchemaAndValue(Schema.String, text));

    [Theory]
    [InlineData("1.5", 1.5f)]
    [InlineData("-1.5", -1.5f)]
    [InlineData("0.1", 0.1f)]
    [InlineData("+.5", 0.5f)]
    [InlineData("1e20", 1e20f)]
    [InlineData("1.0E-4", 1.0E-4f)]
    [InlineData("3.4028235E38", float.MaxValue)]
    [InlineData("-3.4028235E38", float.MinValue)]
    [InlineData("1.23456789012345678901234567890", 1.2345679f)]
    [InlineData("1e-999999999", 0.0f)]
    public void ParseString_FractionOrExponentWithinFloatRange_GivesFloat32(string text, float expected) =>
        Values.ParseString(text).Should().Be(new SchemaAndValue(Schema.Float32, expected));

    [Theory]
    [InlineData("1e40", 1e40)]
    [InlineData("1.7976931348623157E308", double.MaxValue)]
    [InlineData("-1.7976931348623157E308", double.MinValue)]
    public void ParseString_BeyondFloatRange_GivesFloat64(string text, double expected) =>
        Values.ParseString(text).Should().Be(new SchemaAndValue(Schema.Float64, expected));

    [Fact]
    public void ParseString_LeadingNumberFollowedByDelimiters_GivesThatNumberAsKafkaDoes()
    {
        Values.ParseString("1:2").Should().Be(new SchemaAndValue(Schema.Int8, (sbyte)1));
        Values.ParseString("1,2").Should().Be(new SchemaAndValue(Schema.Int8, (sbyte)1));
        Values.ParseString("14:34:54.346X").Should().Be(new SchemaAndValue(Schema.Int8, (sbyte)14));
    }

    [Theory]
    [InlineData("2019-08-23", 2019, 8, 23)]
    [InlineData("1970-01-01", 1970, 1, 1)]
    [InlineData("0001-01-01", 1, 1, 1)]
    [InlineData("9999-12-31", 9999, 12, 31)]
    [InlineData(" 2019-08-23 ", 2019, 8, 23)]
    [InlineData("2019-02-30", 2019, 3, 2)]
    [InlineData("2019-13-01", 2020, 1, 1)]
    [InlineData("2019-00-10", 2018, 12, 10)]
    [InlineData("2019-8-023", 2019, 8, 23)]
    [InlineData("2019-08-2x", 2019, 8, 2)]
    public void ParseString_DateText_GivesDateLeniently(string text, int year, int month, int day) =>
        Values.ParseString(text).Should().Be(new SchemaAndValue(
            ConnectDate.Schema, new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc)));

    [Theory]
    [InlineData("14:34:54.346Z", 14, 34, 54, 346)]
    [InlineData("14\\:34\\:54.346Z", 14, 34, 54, 346)]
    [InlineData("00:00:00.000Z", 0, 0, 0, 0)]
    [InlineData("23:59:59.999Z", 23, 59, 59, 999)]
    [InlineData("1:34:54.3461Z", 1, 34, 57, 461)]
    public void ParseString_TimeText_GivesTime(string text, int hour, int minute, int second, int millisecond) =>
        Values.ParseString(text).Should().Be(new SchemaAndValue(
            ConnectTime.Schema, new DateTime(1970, 1, 1, hour, minute, second, millisecond, DateTimeKind.Utc)));

    [Fact]
    public void ParseString_TimeBeyondOneDay_RollsOverLikeJava() =>
        Values.ParseString("24:00:00.000Z").Should().Be(new SchemaAndValue(
            ConnectTime.Schema, new DateTime(1970, 1, 2, 0, 0, 0, DateTimeKind.Utc)));

    [Theory]
    [InlineData("2019-08-23T14:34:54.346Z", 2019, 8, 23, 14, 34, 54, 346)]
    [InlineData("2019-08-23T14\\:34\\:54.346Z", 2019, 8, 23, 14, 34, 54, 346)]
    [InlineData("1970-01-01T00:00:00.000Z", 1970, 1, 1, 0, 0, 0, 0)]
    [InlineData("9999-12-31T23:59:59.999Z", 9999, 12, 31, 23, 59, 59, 999)]
    [InlineData("2019-12-31T23:59:60.000Z", 2020, 1, 1, 0, 0, 0, 0)]
    public void ParseString_TimestampText_GivesTimestamp(
        string text, int year, int month, int day, int hour, int minute, int second, int millisecond) =>
        Values.ParseString(text).Should().Be(new SchemaAndValue(
            ConnectTimestamp.Schema, new DateTime(year, month, day, hour, minute, second, millisecond, DateTimeKind.Utc)));

    [Theory]
    [InlineData("2019-08-23T14:34:54.346X")]
    [InlineData("9999-12-31T24:00:00.000Z")]
    public void ParseString_TemporalLookalikeThatDoesNotParse_GivesString(string text) =>
        Values.ParseString(text).Should().Be(new SchemaAndValue(Schema.String, text));

    [Fact]
    public void ParseString_EmptyArray_GivesEmptyListWithoutSchema()
    {
        var parsed = Values.ParseString("[]");
        parsed.Schema.Should().BeNull();
        parsed.Value.Should().BeOfType<List<object?>>().Which.Should().BeEmpty();
    }

    [Fact]
    public void ParseString_EmptyMap_GivesEmptyDictionaryWithoutSchema()
    {
        var parsed = Values.ParseString("{}");
        parsed.Schema.Should().BeNull();
        parsed.Value.Should().BeOfType<Dictionary<object, object?>>().Which.Should().BeEmpty();
    }

    [Fact]
    public void ParseString_ArrayOfBooleans_GivesBooleanArray() =>
        Values.ParseString("[true, false]").Should().Be(new SchemaAndValue(
            SchemaBuilder.Array(Schema.Boolean).Build(), new List<object?> { true, false }));

    [Fact]
    public void ParseString_ArrayOfNumbers_WidensElementsToCommonType()
    {
        var parsed = Values.ParseString("[1, 2, 32768]");
        parsed.Schema.Should().Be(SchemaBuilder.Array(Schema.Int32).Build());
        parsed.Value.ShouldBeValue(new List<object?> { 1, 2, 32768 });

        parsed = Values.ParseString("[1, 300, 2.5]");
        parsed.Schema.Should().Be(SchemaBuilder.Array(Schema.Float32).Build());
        parsed.Value.ShouldBeValue(new List<object?> { 1f, 300f, 2.5f });

        parsed = Values.ParseString("[1.5, 1e40, 7]");
        parsed.Schema.Should().Be(SchemaBuilder.Array(Schema.Float64).Build());
        parsed.Value.ShouldBeValue(new List<object?> { 1.5, 1e40, 7.0 });
    }

    [Fact]
    public void ParseString_ArrayOfMixedTypes_KeepsElementsWithoutSchema()
    {
        var parsed = Values.ParseString("[1, 2, \"a\"]");
        parsed.Schema.Should().BeNull("Connect has no union type for the elements");
        parsed.Value.ShouldBeValue(new List<object?> { (sbyte)1, (sbyte)2, "a" });
    }

    [Fact]
    public void ParseString_ArrayOfNulls_GivesListWithoutSchema()
    {
        var parsed = Values.ParseString("[null, null]");
        parsed.Schema.Should().BeNull();
        parsed.Value.ShouldBeValue(new List<object?> { null, null });
    }

    [Theory]
    [InlineData("[1, null, 300]")]
    [InlineData("[\"a\", null]")]
    [InlineData("{\"a\": 1, \"b\": null}")]
    public void ParseString_NullsAmongTypedElements_GivesStringAsKafkaDoes(string text) =>
        Values.ParseString(text).Should().Be(new SchemaAndValue(Schema.String, text), "the inferred element schema is required");

    [Fact]
    public void ParseString_QuotedStringsWithDelimitersAndEscapes_KeepTextAsWritten()
    {
        Values.ParseString("[\"a,b\", \"c:d\", \"[e]\"]").Value.ShouldBeValue(new List<object?> { "a,b", "c:d", "[e]" });

        // Kafka keeps the backslash of an escaped quote (its writer's escaping does not round-trip inside structures).
        Values.ParseString("[\"a\\\"b\"]").Value.ShouldBeValue(new List<object?> { "a\\\"b" });
        Values.ParseString("[\"a\\\\b\"]").Value.ShouldBeValue(new List<object?> { "a\\\\b" });
    }

    [Fact]
    public void ParseString_QuotedStringWithWhitespaceOnlyPieces_DropsThemAsKafkaDoes() =>
        Values.ParseString("[\" , \"]").Value.ShouldBeValue(new List<object?> { "," });

    [Fact]
    public void ParseString_QuotedNumber_StaysString() =>
        Values.ParseString("[\"1\", \"true\"]").Should().Be(new SchemaAndValue(
            SchemaBuilder.Array(Schema.String).Build(), new List<object?> { "1", "true" }));

    [Fact]
    public void ParseString_UnterminatedQuote_GivesString() =>
        Values.ParseString("[\"abc]").Should().Be(new SchemaAndValue(Schema.String, "[\"abc]"));

    [Fact]
    public void ParseString_MapOfStrings_GivesMapInTextOrder()
    {
        var expected = new Dictionary<object, object?> { ["foo"] = "123", ["bar"] = "baz" };
        var schema = SchemaBuilder.Map(Schema.String, Schema.String).Build();
        Values.ParseString("{\"foo\":\"123\",\"bar\":\"baz\"}").Should().Be(new SchemaAndValue(schema, expected));
        var parsed = Values.ParseString("{ \"foo\" : \"123\", \n\"bar\" : \"baz\" } ");
        parsed.Should().Be(new SchemaAndValue(schema, expected));
        ((IDictionary)parsed.Value!).Keys.Cast<object>().Should().Equal("foo", "bar");
    }

    [Fact]
    public void ParseString_MapOfNumbers_WidensValuesToCommonType()
    {
        var parsed = Values.ParseString(" { \"foo\" :  12345 , \"bar\" : 0,  \"baz\" : -4321 }  ");
        parsed.Schema.Should().Be(SchemaBuilder.Map(Schema.String, Schema.Int16).Build());
        parsed.Value.ShouldBeValue(new Dictionary<object, object?> { ["foo"] = (short)12345, ["bar"] = (short)0, ["baz"] = (short)-4321 });
    }

    [Fact]
    public void ParseString_MapWithBooleanKeys_GivesBooleanMap() =>
        Values.ParseString("{true: false, false: true}").Should().Be(new SchemaAndValue(
            SchemaBuilder.Map(Schema.Boolean, Schema.Boolean).Build(),
            new Dictionary<object, object?> { [true] = false, [false] = true }));

    [Fact]
    public void ParseString_MapWithNullValue_KeepsKeysWithoutSchema()
    {
        var parsed = Values.ParseString("{3: null}");
        parsed.Schema.Should().BeNull();
        parsed.Value.ShouldBeValue(new Dictionary<object, object?> { [(sbyte)3] = null });
    }

    [Fact]
    public void ParseString_MapWithMixedValues_AlignsKeysOnly()
    {
        var parsed = Values.ParseString("{1: \"a\", 300: 2}");
        parsed.Schema.Should().BeNull();
        parsed.Value.ShouldBeValue(new Dictionary<object, object?> { [(short)1] = "a", [(short)300] = (sbyte)2 });
    }

    [Fact]
    public void ParseString_DuplicateMapKey_KeepsLastValue() =>
        Values.ParseString("{\"a\": 1, \"a\": 2}").Value.ShouldBeValue(new Dictionary<object, object?> { ["a"] = (sbyte)2 });

    [Fact]
    public void ParseString_NestedStructures_GiveNestedSchemas()
    {
        Values.ParseString("[[1, 2], [3]]").Should().Be(new SchemaAndValue(
            SchemaBuilder.Array(SchemaBuilder.Array(Schema.Int8).Build()).Build(),
            new List<object?> { new List<object?> { (sbyte)1, (sbyte)2 }, new List<object?> { (sbyte)3 } }));

        Values.ParseString("{\"a\": [1, 2], \"b\": {\"c\": true}}").Value.ShouldBeValue(new Dictionary<object, object?>
        {
            ["a"] = new List<object?> { (sbyte)1, (sbyte)2 },
            ["b"] = new Dictionary<object, object?> { ["c"] = true },
        });

        Values.ParseString("[{\"a\": 1}, {\"b\": 2}]").Schema.Should().Be(
            SchemaBuilder.Array(SchemaBuilder.Map(Schema.String, Schema.Int8).Build()).Build());
    }

    [Fact]
    public void ParseString_NestedArrayWithoutElementSchema_TakesLastArraySchemaAsKafkaDoes()
    {
        // Arrays merge by type alone, so the last one's schema wins, whatever the earlier ones held.
        var parsed = Values.ParseString("[[1, \"a\"], [2]]");
        parsed.Schema.Should().Be(SchemaBuilder.Array(SchemaBuilder.Array(Schema.Int8).Build()).Build());
        parsed.Value.ShouldBeValue(new List<object?> { new List<object?> { (sbyte)1, "a" }, new List<object?> { (sbyte)2 } });

        parsed = Values.ParseString("[[2], [1, \"a\"]]");
        parsed.Schema.Should().BeNull();
        parsed.Value.ShouldBeValue(new List<object?> { new List<object?> { (sbyte)2 }, new List<object?> { (sbyte)1, "a" } });

        parsed = Values.ParseString("[[1, \"a\"], 5]");
        parsed.Schema.Should().BeNull();
        parsed.Value.ShouldBeValue(new List<object?> { new List<object?> { (sbyte)1, "a" }, (sbyte)5 });
    }

    [Fact]
    public void ParseString_SingleTrailingComma_IsAcceptedAsKafkaDoes()
    {
        Values.ParseString("[1,]").Should().Be(new SchemaAndValue(SchemaBuilder.Array(Schema.Int8).Build(), new List<object?> { (sbyte)1 }));
        Values.ParseString("{\"a\":1,}").Should().Be(new SchemaAndValue(
            SchemaBuilder.Map(Schema.String, Schema.Int8).Build(), new Dictionary<object, object?> { ["a"] = (sbyte)1 }));
    }

    [Fact]
    public void ParseString_NullText_IsNullNotTheString() =>
        Values.ParseString(Values.ConvertToString(Schema.String, "null")).Should().Be(SchemaAndValue.Null);

    [Fact]
    public void ParseString_ValidArrayFollowedByText_GivesTheArrayAsKafkaDoes() =>
        Values.ParseString("[1, 2]]").Should().Be(new SchemaAndValue(
            SchemaBuilder.Array(Schema.Int8).Build(), new List<object?> { (sbyte)1, (sbyte)2 }));

    [Fact]
    public void ParseString_EmbeddedElementThatIsNoValue_MakesWholeTextAString() =>
        Values.ParseString("[1, 2, 1e400]").Should().Be(new SchemaAndValue(Schema.String, "[1, 2, 1e400]"));

    [Fact]
    public void ParseString_TemporalValuesInArraysAndMaps_AreParsed()
    {
        var timestamp = new DateTime(2019, 8, 23, 14, 34, 54, 346, DateTimeKind.Utc);
        Values.ParseString("[2019-08-23T14:34:54.346Z, 2019-01-23T15:12:34.567Z]").Should().Be(new SchemaAndValue(
            SchemaBuilder.Array(ConnectTimestamp.Schema).Build(),
            new List<object?> { timestamp, new DateTime(2019, 1, 23, 15, 12, 34, 567, DateTimeKind.Utc) }));

        Values.ParseString("[2019-08-23]").Should().Be(new SchemaAndValue(
            SchemaBuilder.Array(ConnectDate.Schema).Build(), new List<object?> { new DateTime(2019, 8, 23, 0, 0, 0, DateTimeKind.Utc) }));

        var time = new DateTime(1970, 1, 1, 14, 34, 54, 346, DateTimeKind.Utc);
        var timeMap = SchemaBuilder.Map(Schema.String, ConnectTime.Schema).Build();
        Values.ParseString("{\"k1\":14:34:54.346Z}").Should().Be(new SchemaAndValue(timeMap, new Dictionary<object, object?> { ["k1"] = time }));
        Values.ParseString("{\"k1\":\"14:34:54.346Z\"}").Should().Be(new SchemaAndValue(timeMap, new Dictionary<object, object?> { ["k1"] = time }));
    }

    [Fact]
    public void ParseString_DateMixedWithSmallerInteger_ConvertsIntegerToDateAsKafkaDoes() =>
        Values.ParseString("[2019-08-23, 5]").Should().Be(new SchemaAndValue(
            SchemaBuilder.Array(ConnectDate.Schema).Build(),
            new List<object?> { new DateTime(2019, 8, 23, 0, 0, 0, DateTimeKind.Utc), new DateTime(1970, 1, 6, 0, 0, 0, DateTimeKind.Utc) }));

    [Fact]
    public void ParseString_DateMixedWithIntegerOfSameWidth_GivesString() =>
        Values.ParseString("[2019-08-23, 40000]").Should().Be(new SchemaAndValue(Schema.String, "[2019-08-23, 40000]"));
}
