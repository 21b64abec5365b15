using Connect.Sdk.Config;

namespace Connect.Sdk.Tests.Config;

public class KafkaTextTests
{
    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(0.5, "0.5")]
    [InlineData(-2.25, "-2.25")]
    [InlineData(3.125, "3.125")]
    [InlineData(100.0, "100.0")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.0001, "1.0E-4")]
    [InlineData(1.5e-5, "1.5E-5")]
    [InlineData(9999999.0, "9999999.0")]
    [InlineData(1e7, "1.0E7")]
    [InlineData(1.2345e10, "1.2345E10")]
    [InlineData(0.0, "0.0")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void FormatDouble_MatchesJava(double value, string expected) =>
        KafkaText.FormatDouble(value).Should().Be(expected);

    [Fact]
    public void Format_RendersValuesAsKafkaPrintsThem()
    {
        KafkaText.Format(null).Should().Be("null");
        KafkaText.Format(true).Should().Be("true");
        KafkaText.Format(42).Should().Be("42");
        KafkaText.Format(new[] { "a", "b" }).Should().Be("[a, b]");
        KafkaText.Format(new Password("p")).Should().Be("[hidden]");
        KafkaText.Format(new object[] { new Password("p"), 1.0 }).Should().Be("[[hidden], 1.0]");
    }

    [Theory]
    [InlineData(" \t a b \u0001", "a b")]
    [InlineData("x", "x")]
    [InlineData("\u00a0x\u00a0", "\u00a0x\u00a0")]
    public void Trim_TrimsAsJavaDoes(string value, string expected) =>
        KafkaText.Trim(value).Should().Be(expected);

    [Fact]
    public void ConvertToString_JoinsListsWithCommasAndHidesPasswords()
    {
        ConfigDef.ConvertToString(new[] { "a", "bc", "d" }, ConfigType.List).Should().Be("a,bc,d");
        ConfigDef.ConvertToString(new Password("foobar"), ConfigType.Password).Should().Be("[hidden]");
        ConfigDef.ConvertToString(true, ConfigType.Boolean).Should().Be("true");
        ConfigDef.ConvertToString(short.MaxValue, ConfigType.Short).Should().Be("32767");
        ConfigDef.ConvertToString(3.125, ConfigType.Double).Should().Be("3.125");
        ConfigDef.ConvertToString(null, ConfigType.String).Should().BeNull();
    }
}
