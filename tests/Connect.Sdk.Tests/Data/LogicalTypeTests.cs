using System.Numerics;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Tests.Data;

public class LogicalTypeTests
{
    [Fact]
    public void DecimalSchema_HasKafkaNameScaleAndVersion()
    {
        var schema = ConnectDecimal.Schema(2);

        schema.Type.Should().Be(SchemaType.Bytes);
        schema.Name.Should().Be("org.apache.kafka.connect.data.Decimal");
        schema.Parameters.Should().Equal(new Dictionary<string, string> { ["scale"] = "2" });
        schema.Version.Should().Be(1);
    }

    [Theory]
    [InlineData("0", 0, new byte[] { 0x00 })]
    [InlineData("1.56", 2, new byte[] { 0x00, 0x9C })]
    [InlineData("-1.56", 2, new byte[] { 0xFF, 0x64 })]
    [InlineData("1.5", 2, new byte[] { 0x00, 0x96 })]
    [InlineData("127", 0, new byte[] { 0x7F })]
    [InlineData("128", 0, new byte[] { 0x00, 0x80 })]
    [InlineData("-128", 0, new byte[] { 0x80 })]
    [InlineData("-129", 0, new byte[] { 0xFF, 0x7F })]
    public void Decimal_FromLogical_WritesMinimalBigEndianTwosComplement(string value, int scale, byte[] expected)
    {
        var schema = ConnectDecimal.Schema(scale);
        var number = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

        ConnectDecimal.FromLogical(schema, number).Should().Equal(expected);
        ConnectDecimal.ToLogical(schema, expected).Should().Be(number);
    }

    [Fact]
    public void Decimal_ToLogical_KeepsSchemaScale()
    {
        var value = ConnectDecimal.ToLogical(ConnectDecimal.Schema(2), new byte[] { 0x00, 0x96 });

        value.Scale.Should().Be(2);
        value.ToString(System.Globalization.CultureInfo.InvariantCulture).Should().Be("1.50");
    }

    [Fact]
    public void Decimal_MoreDecimalPlacesThanScale_Throws()
    {
        var act = () => ConnectDecimal.FromLogical(ConnectDecimal.Schema(2), 1.234m);

        act.Should().Throw<DataException>().WithMessage("Decimal value 1.234 has more than 2 decimal places*");
    }

    [Fact]
    public void Decimal_TrailingZerosBeyondScale_AreDroppedLosslessly()
    {
        ConnectDecimal.FromLogical(ConnectDecimal.Schema(1), 1.50m).Should().Equal(0x0F);
    }

    [Fact]
    public void Decimal_Extremes_RoundTrip()
    {
        var schema = ConnectDecimal.Schema(0);

        ConnectDecimal.ToLogical(schema, ConnectDecimal.FromLogical(schema, decimal.MaxValue)).Should().Be(decimal.MaxValue);
        ConnectDecimal.ToLogical(schema, ConnectDecimal.FromLogical(schema, decimal.MinValue)).Should().Be(decimal.MinValue);
        var scale28 = ConnectDecimal.Schema(28);
        ConnectDecimal.ToLogical(scale28, ConnectDecimal.FromLogical(scale28, 0.0000000000000000000000000001m))
            .Should().Be(0.0000000000000000000000000001m);
    }

    [Fact]
    public void Decimal_TooLargeForSystemDecimal_ThrowsClearly()
    {
        var tooBig = (new BigInteger(1) << 97).ToByteArray(isUnsigned: false, isBigEndian: true);

        var act = () => ConnectDecimal.ToLogical(ConnectDecimal.Schema(0), tooBig);

        act.Should().Throw<DataException>().WithMessage("*does not fit System.Decimal*");
    }

    [Fact]
    public void Decimal_EmptyBytes_Throws()
    {
        var act = () => ConnectDecimal.ToLogical(ConnectDecimal.Schema(0), ReadOnlySpan<byte>.Empty);

        act.Should().Throw<DataException>();
    }

    [Fact]
    public void Decimal_MissingOrBadScale_Throws()
    {
        var noScale = SchemaBuilder.Bytes().Name(ConnectDecimal.LogicalName).Build();
        var badScale = SchemaBuilder.Bytes().Name(ConnectDecimal.LogicalName).Parameter("scale", "x").Build();

        noScale.Invoking(ConnectDecimal.ScaleOf).Should().Throw<DataException>().WithMessage("Invalid Decimal schema: scale parameter not found.");
        badScale.Invoking(ConnectDecimal.ScaleOf).Should().Throw<DataException>().WithMessage("*\"x\"*");
    }

    [Fact]
    public void Decimal_WrongSchema_Throws()
    {
        var act = () => ConnectDecimal.FromLogical(Schema.Bytes, 1m);

        act.Should().Throw<DataException>().WithMessage("Requested conversion of Decimal object but the schema does not match.");
    }

    [Theory]
    [InlineData(1970, 1, 1, 0)]
    [InlineData(1970, 1, 2, 1)]
    [InlineData(1969, 12, 31, -1)]
    [InlineData(2038, 1, 19, 24855)]
    [InlineData(1, 1, 1, -719162)]
    [InlineData(9999, 12, 31, 2932896)]
    public void Date_ConvertsToDaysSinceEpoch(int year, int month, int day, int days)
    {
        var date = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc);

        ConnectDate.FromLogical(ConnectDate.Schema, date).Should().Be(days);
        ConnectDate.ToLogical(ConnectDate.Schema, days).Should().Be(date);
        ConnectDate.FromLogical(ConnectDate.Schema, DateOnly.FromDateTime(date)).Should().Be(days);
    }

    [Fact]
    public void Date_WithTimeOfDay_Throws()
    {
        var act = () => ConnectDate.FromLogical(ConnectDate.Schema, new DateTime(2024, 1, 1, 0, 0, 1, DateTimeKind.Utc));

        act.Should().Throw<DataException>()
            .WithMessage("Kafka Connect Date type should not have any time fields set to non-zero values.");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(86_399_999)]
    public void Time_ConvertsMillisOfDay(int millis)
    {
        var time = DateTime.UnixEpoch.AddMilliseconds(millis);

        ConnectTime.FromLogical(ConnectTime.Schema, time).Should().Be(millis);
        ConnectTime.ToLogical(ConnectTime.Schema, millis).Should().Be(time);
    }

    [Fact]
    public void Time_FromTimeOnly_Converts() =>
        ConnectTime.FromLogical(ConnectTime.Schema, new TimeOnly(13, 14, 15, 16)).Should().Be(47_655_016);

    [Theory]
    [InlineData(-1)]
    [InlineData(86_400_000)]
    public void Time_OutOfDay_Throws(int millis)
    {
        var act = () => ConnectTime.ToLogical(ConnectTime.Schema, millis);

        act.Should().Throw<DataException>().WithMessage("Time values must use number of milliseconds*86400000*");
    }

    [Fact]
    public void Time_WithDate_Throws()
    {
        var act = () => ConnectTime.FromLogical(ConnectTime.Schema, new DateTime(2024, 1, 1, 1, 0, 0, DateTimeKind.Utc));

        act.Should().Throw<DataException>()
            .WithMessage("Kafka Connect Time type should not have any date fields set to non-zero values.");
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(1_700_000_000_123L)]
    [InlineData(253_402_300_799_999L)]
    [InlineData(-62_135_596_800_000L)]
    public void Timestamp_ConvertsEpochMillis(long millis)
    {
        var instant = DateTime.UnixEpoch.AddMilliseconds(millis);

        ConnectTimestamp.FromLogical(ConnectTimestamp.Schema, instant).Should().Be(millis);
        ConnectTimestamp.ToLogical(ConnectTimestamp.Schema, millis).Should().Be(instant);
    }

    [Fact]
    public void Timestamp_SubMillisecondBeforeEpoch_FloorsLikeJava()
    {
        var instant = DateTime.UnixEpoch.AddTicks(-1);

        ConnectTimestamp.FromLogical(ConnectTimestamp.Schema, instant).Should().Be(-1);
    }

    [Fact]
    public void Timestamp_OutsideDateTimeRange_Throws()
    {
        var act = () => ConnectTimestamp.ToLogical(ConnectTimestamp.Schema, long.MaxValue);

        act.Should().Throw<DataException>().WithMessage("*outside the range of System.DateTime*");
    }

    [Fact]
    public void Timestamp_LocalAndOffsetValues_AreConvertedToUtc()
    {
        var offset = new DateTimeOffset(1970, 1, 1, 1, 0, 0, TimeSpan.FromHours(1));

        ConnectTimestamp.FromLogical(ConnectTimestamp.Schema, offset).Should().Be(0);
    }

    [Fact]
    public void LogicalSchemas_HaveKafkaNames()
    {
        ConnectDate.Schema.Name.Should().Be("org.apache.kafka.connect.data.Date");
        ConnectTime.Schema.Name.Should().Be("org.apache.kafka.connect.data.Time");
        ConnectTimestamp.Schema.Name.Should().Be("org.apache.kafka.connect.data.Timestamp");
        ConnectDate.OptionalSchema.IsOptional.Should().BeTrue();
        ConnectTimestamp.Schema.Type.Should().Be(SchemaType.Int64);
    }

    [Fact]
    public void Date_WrongSchema_Throws()
    {
        var act = () => ConnectDate.ToLogical(Schema.Int32, 1);

        act.Should().Throw<DataException>().WithMessage("Requested conversion of Date object but the schema does not match.");
    }
}
