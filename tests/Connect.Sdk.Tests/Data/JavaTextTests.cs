using System.Numerics;
using Connect.Sdk.Data;

namespace Connect.Sdk.Tests.Data;

public class JavaTextTests
{
    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(1.0, "1.0")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(100.0, "100.0")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.002, "0.002")]
    [InlineData(1.0E-4, "1.0E-4")]
    [InlineData(9.999999999999998E-4, "9.999999999999998E-4")]
    [InlineData(1234567.125, "1234567.125")]
    [InlineData(9999999.0, "9999999.0")]
    [InlineData(1.0E7, "1.0E7")]
    [InlineData(12345678.9, "1.23456789E7")]
    [InlineData(1.0E10, "1.0E10")]
    [InlineData(-1.0E10, "-1.0E10")]
    [InlineData(1.0E21, "1.0E21")]
    [InlineData(1.0E23, "1.0E23")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(9.223372036854775807E18, "9.223372036854776E18")]
    [InlineData(double.MaxValue, "1.7976931348623157E308")]
    [InlineData(double.Epsilon, "4.9E-324")]
    [InlineData(2.2250738585072014E-308, "2.2250738585072014E-308")]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void FormatDouble_MatchesJavaDoubleToString(double value, string expected) =>
        JavaText.FormatDouble(value).Should().Be(expected);

    [Theory]
    [InlineData(0.1f, "0.1")]
    [InlineData(1.0f, "1.0")]
    [InlineData(1.1f, "1.1")]
    [InlineData(3.14159f, "3.14159")]
    [InlineData(16777216f, "1.6777216E7")]
    [InlineData(1.0E10f, "1.0E10")]
    [InlineData(1.0E-5f, "1.0E-5")]
    [InlineData(float.MaxValue, "3.4028235E38")]
    [InlineData(float.Epsilon, "1.4E-45")]
    [InlineData(-0.0f, "-0.0")]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.NegativeInfinity, "-Infinity")]
    public void FormatFloat_MatchesJavaFloatToString(float value, string expected) =>
        JavaText.FormatFloat(value).Should().Be(expected);

    [Theory]
    [InlineData("1.50", "1.50")]
    [InlineData("0", "0")]
    [InlineData("0.00", "0.00")]
    [InlineData("-123.456", "-123.456")]
    [InlineData("0.000001", "0.000001")]
    [InlineData("0.0000001", "1E-7")]
    [InlineData("0.00000012", "1.2E-7")]
    [InlineData("-0.0000001", "-1E-7")]
    [InlineData("0.0000000000", "0E-10")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    public void FormatDecimal_MatchesJavaBigDecimalToString(string value, string expected) =>
        JavaText.FormatDecimal(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)).Should().Be(expected);

    [Theory]
    [InlineData(1, -3, "1E+3")]
    [InlineData(-12, -3, "-1.2E+4")]
    [InlineData(5, 0, "5")]
    public void FormatBigDecimal_NegativeScale_UsesExponent(long unscaled, int scale, string expected) =>
        JavaText.FormatBigDecimal(unscaled, scale).Should().Be(expected);

    [Theory]
    [InlineData("0", "0", 0)]
    [InlineData("-12.50", "-1250", 2)]
    [InlineData("+5", "5", 0)]
    [InlineData(".5", "5", 1)]
    [InlineData("1.", "1", 0)]
    [InlineData("1e3", "1", -3)]
    [InlineData("1.5E+3", "15", -2)]
    [InlineData("25e-2", "25", 2)]
    [InlineData("-0.0", "0", 1)]
    [InlineData("1e-999999999", "1", 999999999)]
    public void TryParseBigDecimal_ValidText_GivesUnscaledAndScale(string text, string unscaled, int scale)
    {
        JavaText.TryParseBigDecimal(text, out var actualUnscaled, out var actualScale).Should().BeTrue();
        actualUnscaled.Should().Be(BigInteger.Parse(unscaled, System.Globalization.CultureInfo.InvariantCulture));
        actualScale.Should().Be(scale);
    }

    [Theory]
    [InlineData("")]
    [InlineData("+")]
    [InlineData(".")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1_000")]
    [InlineData("0x10")]
    [InlineData("+-1")]
    [InlineData("1.2.3")]
    [InlineData("NaN")]
    [InlineData("1e99999999999")]
    public void TryParseBigDecimal_InvalidText_Fails(string text) =>
        JavaText.TryParseBigDecimal(text, out _, out _).Should().BeFalse();

    [Fact]
    public void ToDouble_HugeAndTinyExponents_SaturateWithoutComputingPowers()
    {
        JavaText.ToDouble(1, -999_999_999).Should().Be(double.PositiveInfinity);
        JavaText.ToDouble(-1, -999_999_999).Should().Be(double.NegativeInfinity);
        JavaText.ToDouble(1, 999_999_999).Should().Be(0.0);
        JavaText.ToSingle(1, -39).Should().Be(float.PositiveInfinity);
        JavaText.ToSingle(34028235, -31).Should().Be(float.MaxValue);
    }

    [Theory]
    [InlineData(" \t\n x \u0001", "x")]
    [InlineData("\u00a0x\u00a0", "\u00a0x\u00a0")]
    [InlineData("   ", "")]
    public void Trim_RemovesControlAndSpaceCharactersOnly(string text, string expected) =>
        JavaText.Trim(text).Should().Be(expected);

    [Fact]
    public void ToJavaString_CollectionsAndDates_UseJavaToStringLayout()
    {
        JavaText.ToJavaString(new List<object?> { 1, "a", null, 1.0 }).Should().Be("[1, a, null, 1.0]");
        JavaText.ToJavaString(new Dictionary<object, object?> { ["a"] = true }).Should().Be("{a=true}");
        JavaText.ToJavaString(DateTime.UnixEpoch).Should().Be("Thu Jan 01 00:00:00 UTC 1970");
        JavaText.ToJavaString(new DateTime(2019, 8, 23, 14, 34, 54, DateTimeKind.Utc)).Should().Be("Fri Aug 23 14:34:54 UTC 2019");
    }

    [Fact]
    public void Describe_SchemaAndParameters_UseKafkaText()
    {
        JavaText.Describe(Schema.Int32).Should().Be("Schema{INT32}");
        JavaText.Describe(ConnectDate.Schema).Should().Be("Schema{org.apache.kafka.connect.data.Date:INT32}");
        JavaText.Describe((IReadOnlyDictionary<string, string>?)null).Should().Be("null");
        JavaText.Describe(ConnectDecimal.Schema(2).Parameters).Should().Be("{scale=2}");
    }
}
