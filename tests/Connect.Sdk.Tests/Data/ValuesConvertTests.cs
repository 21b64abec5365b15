using System.Collections;
using System.Numerics;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Tests.Data;

public class ValuesConvertTests
{
    private const string NullMessage = "Unable to convert a null value to a schema that requires a value";

    [Theory]
    [InlineData(true, true)]
    [InlineData("true", true)]
    [InlineData(" false ", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("0.5", false)]
    [InlineData("-2.5", true)]
    [InlineData(2, true)]
    [InlineData(0L, false)]
    [InlineData(0.5, false)]
    [InlineData(-1.5f, true)]
    [InlineData(double.NaN, false)]
    [InlineData(double.PositiveInfinity, true)]
    public void ConvertToBoolean_BooleansTextAndNumbers_Convert(object value, bool expected) =>
        Values.ConvertToBoolean(null, value).Should().Be(expected);

    [Fact]
    public void ConvertToBoolean_Null_GivesNull() => Values.ConvertToBoolean(Schema.Boolean, null).Should().BeNull();

    [Fact]
    public void ConvertToBoolean_TextThatIsNoBoolean_Throws()
    {
        FluentActions.Invoking(() => Values.ConvertToBoolean(null, "green"))
            .Should().Throw<DataException>().Which.Message.Should().Be("Unable to convert green (System.String) to a number");
        FluentActions.Invoking(() => Values.ConvertToBoolean(Schema.String, "\"green\""))
            .Should().Throw<DataException>().Which.Message.Should().Be("Unable to convert \"green\" (System.String) to Schema{STRING}");
    }

    [Theory]
    [InlineData((sbyte)5, (sbyte)5)]
    [InlineData((short)127, sbyte.MaxValue)]
    [InlineData(-128, sbyte.MinValue)]
    [InlineData(100L, (sbyte)100)]
    [InlineData("100", (sbyte)100)]
    [InlineData("1.9", (sbyte)1)]
    [InlineData("-1.9", (sbyte)-1)]
    [InlineData("1e2", (sbyte)100)]
    [InlineData(1.9, (sbyte)1)]
    [InlineData(-127.99f, (sbyte)-127)]
    public void ConvertToByte_NumbersInRange_TruncateTowardZero(object value, sbyte expected) =>
        Values.ConvertToByte(null, value).Should().Be(expected);

    [Theory]
    [InlineData(128, "Unable to convert 128 (System.Int32) to INT8: the value is out of range")]
    [InlineData(-129, "Unable to convert -129 (System.Int32) to INT8: the value is out of range")]
    [InlineData("300", "Unable to convert 300 (System.String) to INT8: the value is out of range")]
    [InlineData(128.5, "Unable to convert 128.5 (System.Double) to INT8: the value is out of range")]
    public void ConvertToByte_Overflow_Throws(object value, string message) =>
        FluentActions.Invoking(() => Values.ConvertToByte(null, value))
            .Should().Throw<DataException>().Which.Message.Should().Be(message);

    [Theory]
    [InlineData(32767, short.MaxValue)]
    [InlineData(-32768L, short.MinValue)]
    [InlineData("-32768", short.MinValue)]
    [InlineData((sbyte)-5, (short)-5)]
    public void ConvertToShort_NumbersInRange_Convert(object value, short expected) =>
        Values.ConvertToShort(null, value).Should().Be(expected);

    [Theory]
    [InlineData(32768)]
    [InlineData(-32769L)]
    [InlineData("40000")]
    [InlineData(1e5)]
    public void ConvertToShort_Overflow_Throws(object value) =>
        FluentActions.Invoking(() => Values.ConvertToShort(null, value))
            .Should().Throw<DataException>().WithMessage("*to INT16: the value is out of range");

    [Theory]
    [InlineData(2147483647L, int.MaxValue)]
    [InlineData("-2147483648", int.MinValue)]
    [InlineData("2.147483647E9", int.MaxValue)]
    [InlineData(1e9, 1000000000)]
    public void ConvertToInteger_NumbersInRange_Convert(object value, int expected) =>
        Values.ConvertToInteger(null, value).Should().Be(expected);

    [Theory]
    [InlineData(2147483648L)]
    [InlineData("2147483648")]
    [InlineData(long.MaxValue)]
    [InlineData(1e10)]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(float.PositiveInfinity)]
    public void ConvertToInteger_Overflow_Throws(object value) =>
        FluentActions.Invoking(() => Values.ConvertToInteger(null, value))
            .Should().Throw<DataException>().WithMessage("*to INT32: the value is out of range");

    [Theory]
    [InlineData(long.MaxValue, long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("1e3", 1000L)]
    [InlineData(9.2e18, 9200000000000000000L)]
    public void ConvertToLong_NumbersInRange_Convert(object value, long expected) =>
        Values.ConvertToLong(null, value).Should().Be(expected);

    [Fact]
    public void ConvertToLong_OtherNumericTypes_Convert()
    {
        Values.ConvertToLong(null, 1.9m).Should().Be(1);
        Values.ConvertToLong(null, (byte)200).Should().Be(200);
        Values.ConvertToLong(null, (ulong)long.MaxValue).Should().Be(long.MaxValue);
        Values.ConvertToLong(null, new BigInteger(long.MinValue)).Should().Be(long.MinValue);
    }

    [Fact]
    public void ConvertToLong_Overflow_Throws()
    {
        FluentActions.Invoking(() => Values.ConvertToLong(null, ulong.MaxValue)).Should().Throw<DataException>()
            .Which.Message.Should().Be("Unable to convert 18446744073709551615 (System.UInt64) to INT64: the value is out of range");
        FluentActions.Invoking(() => Values.ConvertToLong(null, "9223372036854775808")).Should().Throw<DataException>();
        FluentActions.Invoking(() => Values.ConvertToLong(null, 9.3e18)).Should().Throw<DataException>();
        FluentActions.Invoking(() => Values.ConvertToLong(null, "1e999999999")).Should().Throw<DataException>();
        FluentActions.Invoking(() => Values.ConvertToLong(null, decimal.MaxValue)).Should().Throw<DataException>();
    }

    [Fact]
    public void ConvertToLong_NotANumber_ThrowsWithKafkaMessage()
    {
        var error = FluentActions.Invoking(() => Values.ConvertToLong(null, "abc")).Should().Throw<DataException>().Which;
        error.Message.Should().Be("Unable to convert abc (System.String) to a number");
        error.InnerException.Should().BeOfType<FormatException>();

        FluentActions.Invoking(() => Values.ConvertToLong(null, true)).Should().Throw<DataException>()
            .Which.Message.Should().Be("Unable to convert true (System.Boolean) to a number");
        FluentActions.Invoking(() => Values.ConvertToLong(Schema.Boolean, true)).Should().Throw<DataException>()
            .Which.Message.Should().Be("Unable to convert true (System.Boolean) to Schema{BOOLEAN}");
        FluentActions.Invoking(() => Values.ConvertToLong(null, " 5")).Should().Throw<DataException>(
            "Java's BigDecimal does not trim");
        FluentActions.Invoking(() => Values.ConvertToLong(null, DateTime.UnixEpoch)).Should().Throw<DataException>()
            .Which.Message.Should().Be("Unable to convert Thu Jan 01 00:00:00 UTC 1970 (System.DateTime) to a number");
    }

    [Fact]
    public void ConvertToLong_LogicalTypesWithTheirSchemas_GiveEncodedValues()
    {
        var instant = new DateTime(2019, 8, 23, 14, 34, 54, 346, DateTimeKind.Utc);
        Values.ConvertToLong(ConnectTimestamp.Schema, instant).Should().Be(1566570894346L);
        Values.ConvertToInteger(ConnectDate.Schema, instant.Date).Should().Be(18131);
        Values.ConvertToInteger(ConnectTime.Schema, new DateTime(1970, 1, 1, 14, 34, 54, 346, DateTimeKind.Utc)).Should().Be(52494346);
    }

    [Fact]
    public void ConvertToFloat_Values_Convert()
    {
        Values.ConvertToFloat(null, 1.5f).Should().Be(1.5f);
        Values.ConvertToFloat(null, 1.5).Should().Be(1.5f);
        Values.ConvertToFloat(null, "1.5").Should().Be(1.5f);
        Values.ConvertToFloat(null, 3).Should().Be(3f);
        Values.ConvertToFloat(null, double.NaN).Should().Be(float.NaN);
        Values.ConvertToFloat(null, double.NegativeInfinity).Should().Be(float.NegativeInfinity);
        Values.ConvertToFloat(null, null).Should().BeNull();
    }

    [Fact]
    public void ConvertToFloat_FiniteBeyondFloatRange_Throws()
    {
        FluentActions.Invoking(() => Values.ConvertToFloat(null, 1e300)).Should().Throw<DataException>()
            .Which.Message.Should().Be("Unable to convert 1.0E300 (System.Double) to FLOAT32: the value is out of range");
        FluentActions.Invoking(() => Values.ConvertToFloat(null, "-1e39")).Should().Throw<DataException>();
    }

    [Fact]
    public void ConvertToDouble_Values_Convert()
    {
        Values.ConvertToDouble(null, 1.5f).Should().Be(1.5);
        Values.ConvertToDouble(null, 0.1m).Should().Be(0.1);
        Values.ConvertToDouble(null, "0.1").Should().Be(0.1);
        Values.ConvertToDouble(null, "1e400").Should().Be(double.PositiveInfinity);
        Values.ConvertToDouble(null, long.MaxValue).Should().Be(9.223372036854775807E18);
        Values.ConvertToDouble(null, new BigInteger(ulong.MaxValue) * 4).Should().Be(7.378697629483821E19);
        FluentActions.Invoking(() => Values.ConvertToDouble(null, "0.1.2")).Should().Throw<DataException>()
            .Which.Message.Should().Be("Unable to convert 0.1.2 (System.String) to a number");
    }

    [Fact]
    public void ConvertToList_ListsAndText_Convert()
    {
        var list = new List<int> { 1, 2 };
        Values.ConvertToList(null, list).Should().BeSameAs(list);

        var parsed = Values.ConvertToList(Schema.String, "[1, 2, 32768]");
        parsed.Cast<object>().Should().Equal(1, 2, 32768);

        Values.ConvertToList(Schema.String, "[1, 2, \"three\"]").Cast<object>().Should().Equal((sbyte)1, (sbyte)2, "three");
    }

    [Theory]
    [InlineData("[1, 2, 3,,,]", "Unable to convert [1, 2, 3,,,] (System.String) to Schema{ARRAY}")]
    [InlineData("[1, 2, 3, \"four\",,,]", "Unable to convert [1, 2, 3, \"four\",,,] (System.String) to Schema{ARRAY}")]
    [InlineData("5", "Unable to convert 5 (System.SByte) to Schema{ARRAY}")]
    [InlineData("{\"a\": 1}", "Unable to convert {a=1} (System.Collections.Generic.Dictionary`2[System.Object,System.Object]) to Schema{ARRAY}")]
    [InlineData("null", "Unable to convert null (System.String) to Schema{ARRAY}")]
    public void ConvertToList_TextThatIsNoArray_Throws(string text, string message) =>
        FluentActions.Invoking(() => Values.ConvertToList(Schema.String, text))
            .Should().Throw<DataException>().Which.Message.Should().Be(message);

    [Fact]
    public void ConvertToList_NullOrBytes_Throws()
    {
        FluentActions.Invoking(() => Values.ConvertToList(null, null)).Should().Throw<DataException>().Which.Message.Should().Be(NullMessage);
        FluentActions.Invoking(() => Values.ConvertToList(null, new byte[] { 1 })).Should().Throw<DataException>()
            .Which.Message.Should().EndWith("to Schema{ARRAY}");
    }

    [Fact]
    public void ConvertToMap_MapsAndText_Convert()
    {
        var map = new Dictionary<string, int> { ["a"] = 1 };
        Values.ConvertToMap(null, map).Should().BeSameAs(map);
        Values.ConvertToMap(Schema.String, "{\"foo\":1234567890,\"bar\":0,\"baz\":-987654321}")
            .ShouldBeValue(new Dictionary<object, object?> { ["foo"] = 1234567890, ["bar"] = 0, ["baz"] = -987654321 });
    }

    [Theory]
    [InlineData(" { \"foo\" :  1234567890 ,, \"bar\" : 0,  \"baz\" : -987654321 }  ")]
    [InlineData(" { \"foo\" :  1234567890 , \"a\", \"bar\" : 0,  \"baz\" : -987654321 }  ")]
    [InlineData(" { ,,  , , }  ")]
    [InlineData(" { \"foo\" :  \"1234567890\" ,, \"bar\" : \"0\",  \"baz\" : \"boz\" }  ")]
    [InlineData("[1]")]
    public void ConvertToMap_TextThatIsNoMap_Throws(string text) =>
        FluentActions.Invoking(() => Values.ConvertToMap(Schema.String, text))
            .Should().Throw<DataException>().Which.Message.Should().EndWith("to Schema{MAP}");

    [Fact]
    public void ConvertToStruct_OnlyStructs_Convert()
    {
        var schema = SchemaBuilder.Struct().Field("id", Schema.Int32).Build();
        var value = new Struct(schema).Put("id", 1);
        Values.ConvertToStruct(null, value).Should().BeSameAs(value);
        FluentActions.Invoking(() => Values.ConvertToStruct(null, "{\"id\":1}")).Should().Throw<DataException>()
            .Which.Message.Should().Be("Unable to convert {\"id\":1} (System.String) to Schema{STRUCT}");
        FluentActions.Invoking(() => Values.ConvertToStruct(null, null)).Should().Throw<DataException>().Which.Message.Should().Be(NullMessage);
    }

    [Fact]
    public void ConvertToTime_Values_Convert()
    {
        var time = new DateTime(1970, 1, 1, 14, 34, 54, 346, DateTimeKind.Utc);
        Values.ConvertToTime(ConnectTime.Schema, time).Should().Be(time);
        Values.ConvertToTime(null, time).Should().Be(time);
        Values.ConvertToTime(ConnectTimestamp.Schema, new DateTime(2019, 8, 23, 14, 34, 54, 346, DateTimeKind.Utc)).Should().Be(time);
        Values.ConvertToTime(ConnectTimestamp.Schema, new DateTime(1969, 12, 31, 14, 34, 54, 346, DateTimeKind.Utc)).Should().Be(time);
        Values.ConvertToTime(ConnectTime.Schema, "52494346").Should().Be(time);
        Values.ConvertToTime(ConnectTime.Schema, 52494346L).Should().Be(time);
        Values.ConvertToTime(Schema.String, "14:34:54.346Z").Should().Be(time);
        Values.ConvertToTime(null, "2019-08-23T14:34:54.346Z").Should().Be(time);
        Values.ConvertToTime(null, 0).Should().Be(DateTime.UnixEpoch);
    }

    [Fact]
    public void ConvertToTime_BadValues_Throw()
    {
        FluentActions.Invoking(() => Values.ConvertToTime(null, null)).Should().Throw<DataException>().Which.Message.Should().Be(NullMessage);
        FluentActions.Invoking(() => Values.ConvertToTime(null, 86400000)).Should().Throw<DataException>()
            .Which.Message.Should().Be("Time values must use number of milliseconds greater than or equal to 0 and less than 86400000.");
        FluentActions.Invoking(() => Values.ConvertToTime(null, 1L << 40)).Should().Throw<DataException>().WithMessage("*to INT32: the value is out of range");
        FluentActions.Invoking(() => Values.ConvertToTime(null, "noon")).Should().Throw<DataException>()
            .Which.Message.Should().Be("Unable to convert noon (System.String) to Schema{STRING}");
        FluentActions.Invoking(() => Values.ConvertToTime(Schema.String, DateTime.UnixEpoch)).Should().Throw<DataException>();
    }

    [Fact]
    public void ConvertToDate_Values_Convert()
    {
        var date = new DateTime(2019, 8, 23, 0, 0, 0, DateTimeKind.Utc);
        Values.ConvertToDate(ConnectDate.Schema, date).Should().Be(date);
        Values.ConvertToDate(ConnectTimestamp.Schema, date.AddHours(14.5)).Should().Be(date);
        Values.ConvertToDate(ConnectTimestamp.Schema, new DateTime(1969, 12, 31, 23, 0, 0, DateTimeKind.Utc))
            .Should().Be(new DateTime(1969, 12, 31, 0, 0, 0, DateTimeKind.Utc));
        Values.ConvertToDate(ConnectDate.Schema, "18131").Should().Be(date);
        Values.ConvertToDate(ConnectDate.Schema, 18131L).Should().Be(date);
        Values.ConvertToDate(null, "2019-08-23").Should().Be(date);
        Values.ConvertToDate(null, -719162).Should().Be(DateTime.MinValue);
    }

    [Fact]
    public void ConvertToDate_OutOfDateTimeRange_Throws() =>
        FluentActions.Invoking(() => Values.ConvertToDate(null, int.MaxValue)).Should().Throw<DataException>()
            .Which.Message.Should().Be("Date 2147483647 days since the epoch is outside the range of System.DateTime (years 0001 to 9999).");

    [Fact]
    public void ConvertToTimestamp_Values_Convert()
    {
        var instant = new DateTime(2019, 8, 23, 14, 34, 54, 346, DateTimeKind.Utc);
        Values.ConvertToTimestamp(ConnectTimestamp.Schema, instant).Should().Be(instant);
        Values.ConvertToTimestamp(ConnectDate.Schema, instant.Date).Should().Be(instant.Date);
        Values.ConvertToTimestamp(ConnectTime.Schema, new DateTime(1970, 1, 1, 1, 0, 0, DateTimeKind.Utc))
            .Should().Be(new DateTime(1970, 1, 1, 1, 0, 0, DateTimeKind.Utc));
        Values.ConvertToTimestamp(ConnectTimestamp.Schema, "1566570894346").Should().Be(instant);
        Values.ConvertToTimestamp(null, 1566570894346L).Should().Be(instant);
        Values.ConvertToTimestamp(null, -1L).Should().Be(DateTime.UnixEpoch.AddMilliseconds(-1));
        Values.ConvertToTimestamp(Schema.String, "2019-08-23T14:34:54.346Z").Should().Be(instant);
        FluentActions.Invoking(() => Values.ConvertToTimestamp(null, long.MaxValue)).Should().Throw<DataException>();
        FluentActions.Invoking(() => Values.ConvertToTimestamp(ConnectDate.Schema, instant)).Should().Throw<DataException>()
            .Which.Message.Should().Be("Kafka Connect Date type should not have any time fields set to non-zero values.");
    }

    [Fact]
    public void ConvertToDecimal_Values_Convert()
    {
        Values.ConvertToDecimal(null, 1.50m, 2).Scale.Should().Be(2);
        Values.ConvertToDecimal(null, new byte[] { 0, 156 }, 2).Should().Be(1.56m);
        Values.ConvertToDecimal(null, new ReadOnlyMemory<byte>([0xFF, 0x64]), 2).Should().Be(-1.56m);

        var fromInt = Values.ConvertToDecimal(null, 5, 0);
        fromInt.Should().Be(5m);
        fromInt.Scale.Should().Be(1, "Kafka converts numbers through Double.toString, so 5 is 5.0");
        Values.ConvertToDecimal(null, 0.1f, 2).Should().Be(0.10000000149011612m);
        Values.ConvertToDecimal(null, 1e10, 0).Should().Be(10000000000m);

        var fromText = Values.ConvertToDecimal(null, "1.50", 5);
        fromText.Should().Be(1.5m);
        fromText.Scale.Should().Be(2);
        Values.ConvertToDecimal(null, "1E+3", 0).Should().Be(1000m);
        Values.ConvertToDecimal(null, "-0.00000000000000000000000000100", 0).Should().Be(-0.000000000000000000000000001m);
        FluentActions.Invoking(() => Values.ConvertToDecimal(null, "0.00000000000000000000000000001", 0))
            .Should().Throw<DataException>("System.Decimal has at most 28 decimal places");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1e40")]
    [InlineData(double.NaN)]
    [InlineData(true)]
    public void ConvertToDecimal_BadValues_Throw(object value) =>
        FluentActions.Invoking(() => Values.ConvertToDecimal(null, value, 2)).Should().Throw<DataException>()
            .Which.Message.Should().EndWith("to Schema{org.apache.kafka.connect.data.Decimal:BYTES}");

    [Fact]
    public void ConvertToDecimal_NullOrBadScale_Throws()
    {
        FluentActions.Invoking(() => Values.ConvertToDecimal(null, null, 2)).Should().Throw<DataException>().Which.Message.Should().Be(NullMessage);
        FluentActions.Invoking(() => Values.ConvertToDecimal(null, 1m, -1)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void InferSchema_Primitives_GiveRequiredSchemas()
    {
        Values.InferSchema("a").Should().Be(Schema.String);
        Values.InferSchema(true).Should().Be(Schema.Boolean);
        Values.InferSchema((sbyte)1).Should().Be(Schema.Int8);
        Values.InferSchema((short)1).Should().Be(Schema.Int16);
        Values.InferSchema(1).Should().Be(Schema.Int32);
        Values.InferSchema(1L).Should().Be(Schema.Int64);
        Values.InferSchema(1f).Should().Be(Schema.Float32);
        Values.InferSchema(1.0).Should().Be(Schema.Float64);
        Values.InferSchema(new byte[] { 1 }).Should().Be(Schema.Bytes);
        Values.InferSchema(new ReadOnlyMemory<byte>([1])).Should().Be(Schema.Bytes);
    }

    [Fact]
    public void InferSchema_ValuesWithoutConnectTypeOfTheirOwn_GiveNull()
    {
        Values.InferSchema(null).Should().BeNull();
        Values.InferSchema(1.5m).Should().BeNull();
        Values.InferSchema(DateTime.UnixEpoch).Should().BeNull();
        Values.InferSchema((byte)1).Should().BeNull();
        Values.InferSchema(Guid.Empty).Should().BeNull();
    }

    [Fact]
    public void InferSchema_Collections_InferElementSchemas()
    {
        Values.InferSchema(new List<object?> { 1, 2 }).Should().Be(SchemaBuilder.Array(Schema.Int32).Build());
        Values.InferSchema(new List<object?> { 1, null }).Should().Be(SchemaBuilder.Array(Schema.OptionalInt32).Build());
        Values.InferSchema(new int[] { 1 }).Should().Be(SchemaBuilder.Array(Schema.Int32).Build());
        Values.InferSchema(new Dictionary<string, string?> { ["a"] = "b", ["c"] = null })
            .Should().Be(SchemaBuilder.Map(Schema.String, Schema.OptionalString).Build());
        Values.InferSchema(new List<object?> { new List<object?> { 1 }, new List<object?> { 2, 3 } })
            .Should().Be(SchemaBuilder.Array(SchemaBuilder.Array(Schema.Int32).Build()).Build());
    }

    [Fact]
    public void InferSchema_CollectionsWithoutCommonSchema_GiveNull()
    {
        Values.InferSchema(new List<object?>()).Should().BeNull();
        Values.InferSchema(new Dictionary<string, int>()).Should().BeNull();
        Values.InferSchema(new List<object?> { 1, "a" }).Should().BeNull();
        Values.InferSchema(new List<object?> { 1, 1L }).Should().BeNull();
        Values.InferSchema(new List<object?> { null }).Should().BeNull();
        Values.InferSchema(new List<object?> { 1.5m }).Should().BeNull();
        Values.InferSchema(new List<object?> { new List<object?> { 1 }, new List<object?> { "a" } }).Should().BeNull();
        Values.InferSchema(new List<object?> { new List<object?> { 1 }, null }).Should().BeNull();
    }

    [Fact]
    public void InferSchema_Struct_GivesItsSchema()
    {
        var schema = SchemaBuilder.Struct().Field("id", Schema.Int32).Build();
        Values.InferSchema(new Struct(schema)).Should().BeSameAs(schema);
    }

    [Fact]
    public void ConvertTo_AlignsToTargetSchemaIncludingLogicalTypes()
    {
        Values.ConvertTo(Schema.Int16, null, (sbyte)3).Should().Be((short)3);
        Values.ConvertTo(Schema.OptionalInt16, null, null).Should().BeNull();
        Values.ConvertTo(ConnectDate.Schema, null, 1).Should().Be(new DateTime(1970, 1, 2, 0, 0, 0, DateTimeKind.Utc));
        Values.ConvertTo(ConnectDecimal.Schema(1), null, "2.5").Should().Be(2.5m);
        Values.ConvertTo(Schema.Bytes, null, new ReadOnlyMemory<byte>([1, 2])).Should().BeEquivalentTo(new byte[] { 1, 2 });
        ((IList)Values.ConvertTo(SchemaBuilder.Array(Schema.Int8).Build(), null, "[1]")!).Count.Should().Be(1);
        FluentActions.Invoking(() => Values.ConvertTo(Schema.Int16, null, null)).Should().Throw<DataException>().Which.Message.Should().Be(NullMessage);
        FluentActions.Invoking(() => Values.ConvertTo(Schema.Bytes, null, "AQI=")).Should().Throw<DataException>()
            .Which.Message.Should().Be("Unable to convert AQI= (System.String) to Schema{BYTES}");
    }
}
