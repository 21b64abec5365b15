using System.Globalization;
using System.Numerics;
using Connect.Sdk.Json.Serialization;

namespace Connect.Sdk.Json.Tests.Serialization;

public class JavaNumberFormatTests
{
    public static TheoryData<double, string> Doubles => new()
    {
        { 0.0, "0.0" },
        { -0.0, "-0.0" },
        { 1.0, "1.0" },
        { 100.0, "100.0" },
        { 12.34, "12.34" },
        { 0.001, "0.001" },
        { 9.99e-4, "9.99E-4" },
        { 1e7, "1.0E7" },
        { 9999999.0, "9999999.0" },
        { -9999999.0, "-9999999.0" },
        { 5.0, "5.0" },
        { -5.0, "-5.0" },
        { 1234567.0, "1234567.0" },
        { 9999999.5, "9999999.5" },
        { 12345678.9, "1.23456789E7" },
        { 20.99, "20.99" },
        { -104.94999999999999, "-104.94999999999999" },
        { 0.05, "0.05" },
        { 0.0012, "0.0012" },
        { 0.3, "0.3" },
        { 1e20, "1.0E20" },
        { 2e23, "2.0E23" },
        { 123456789.0, "1.23456789E8" },
        { 1.0 / 3, "0.3333333333333333" },
        { double.Epsilon, "4.9E-324" },
        { double.MaxValue, "1.7976931348623157E308" },
        { -1.5e-10, "-1.5E-10" },
    };

    public static TheoryData<float, string> Floats => new()
    {
        { 0f, "0.0" },
        { 1f, "1.0" },
        { 12.34f, "12.34" },
        { 1e10f, "1.0E10" },
        { 16777216f, "1.6777216E7" },
        { float.Epsilon, "1.4E-45" },
        { float.MaxValue, "3.4028235E38" },
        { 1.17549435E-38f, "1.1754944E-38" },
    };

    [Theory]
    [MemberData(nameof(Doubles))]
    public void Format_Double_PrintsLikeJava(double value, string expected) =>
        JavaNumberFormat.ToJavaString(value).Should().Be(expected);

    [Theory]
    [MemberData(nameof(Floats))]
    public void Format_Float_PrintsLikeJava(float value, string expected) =>
        JavaNumberFormat.ToJavaString(value).Should().Be(expected);

    [Fact]
    public void Format_JdkGeneratedTable_MatchesEveryLine()
    {
        // java-numbers.tsv holds edge cases and seeded random values printed by JDK 25 (see JavaNumberTable.java).
        var path = Environment.GetEnvironmentVariable("JAVA_NUMBERS_TSV")
            ?? Path.Combine(AppContext.BaseDirectory, "Serialization", "java-numbers.tsv");
        var mismatches = new List<string>();
        var count = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split('\t');
            var bits = ulong.Parse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var actual = parts[0] == "double"
                ? JavaNumberFormat.ToJavaString(BitConverter.UInt64BitsToDouble(bits))
                : JavaNumberFormat.ToJavaString(BitConverter.UInt32BitsToSingle((uint)bits));
            count++;
            if (actual != parts[2])
            {
                mismatches.Add($"{parts[0]} {parts[1]}: expected {parts[2]}, got {actual}");
            }
        }

        count.Should().BeGreaterThan(4000);
        mismatches.Should().BeEmpty();
    }

    [Fact]
    public void Format_Double_AgreesWithTheGeneralPathOnSeededRandomValues()
    {
        // The shortest-digit computation against .NET's round-trip text read back (the general path): raw bit
        // patterns over the whole range, decimals such as prices, and values spread over every exponent.
        var random = new Random(20261122);
        var mismatches = new List<string>();
        Span<byte> fast = stackalloc byte[JavaNumberFormat.MaxLength];
        Span<byte> general = stackalloc byte[JavaNumberFormat.MaxLength];
        var compared = 0;
        for (var i = 0; i < 300_000; i++)
        {
            var value = (i % 3) switch
            {
                0 => BitConverter.Int64BitsToDouble(random.NextInt64()),
                1 => Math.Round(random.NextDouble() * Math.Pow(10, random.Next(-5, 10)), random.Next(0, 12)),
                _ => random.NextDouble() * Math.Pow(10, random.Next(-320, 308)),
            };
            if (!double.IsFinite(value) || value == 0 || (Math.Abs(value) < 1e7 && value == Math.Truncate(value)))
            {
                continue;
            }

            compared++;
            var fastText = fast[..JavaNumberFormat.Format(value, fast)];
            var generalText = general[..JavaNumberFormat.FormatByDigitSearch(value, general)];
            if (!fastText.SequenceEqual(generalText) && mismatches.Count < 10)
            {
                mismatches.Add($"{value:R}: {System.Text.Encoding.ASCII.GetString(fastText)} vs {System.Text.Encoding.ASCII.GetString(generalText)}");
            }
        }

        compared.Should().BeGreaterThan(250_000);
        mismatches.Should().BeEmpty();
    }

    [Theory]
    [InlineData(double.Epsilon)]
    [InlineData(2.2250738585072014E-308)]
    [InlineData(2.225073858507201E-308)]
    [InlineData(1.7976931348623157E308)]
    [InlineData(9007199254740993.0)]
    [InlineData(1e23)]
    [InlineData(0.1)]
    [InlineData(-118.99000000000001)]
    public void Format_Double_AgreesWithTheGeneralPathAtEdges(double value)
    {
        Span<byte> fast = stackalloc byte[JavaNumberFormat.MaxLength];
        Span<byte> general = stackalloc byte[JavaNumberFormat.MaxLength];

        var fastText = System.Text.Encoding.ASCII.GetString(fast[..JavaNumberFormat.Format(value, fast)]);

        fastText.Should().Be(System.Text.Encoding.ASCII.GetString(general[..JavaNumberFormat.FormatByDigitSearch(value, general)]));
    }

    [Theory]
    [InlineData("156", 2, "1.56")]
    [InlineData("15600", 4, "1.5600")]
    [InlineData("-123", 2, "-1.23")]
    [InlineData("1", 6, "0.000001")]
    [InlineData("1", 7, "1E-7")]
    [InlineData("1", 8, "1E-8")]
    [InlineData("0", 8, "0E-8")]
    [InlineData("0", 2, "0.00")]
    [InlineData("0", 0, "0")]
    [InlineData("1234567890123456789012345678", 1, "123456789012345678901234567.8")]
    [InlineData("-1", 28, "-1E-28")]
    [InlineData("12345", 9, "0.000012345")]
    [InlineData("12345", 11, "1.2345E-7")]
    public void BigDecimalToString_PrintsLikeJava(string unscaled, int scale, string expected) =>
        JavaNumberFormat.BigDecimalToString(BigInteger.Parse(unscaled, CultureInfo.InvariantCulture), scale).Should().Be(expected);
}
