using Connect.Sdk.Config;

namespace Connect.Sdk.Tests.Config;

public class ConfigDefTypedValueTests
{
    [Fact]
    public void ParseType_AcceptsTypedValues()
    {
        ConfigDef.ParseType("x", true, ConfigType.Boolean).Should().Be(true);
        ConfigDef.ParseType("x", 5, ConfigType.Long).Should().Be(5L);
        ConfigDef.ParseType("x", 5L, ConfigType.Int).Should().Be(5);
        ConfigDef.ParseType("x", 5, ConfigType.Short).Should().Be((short)5);
        ConfigDef.ParseType("x", 5, ConfigType.Double).Should().Be(5.0);
        ConfigDef.ParseType("x", new List<string> { "a" }, ConfigType.List).Should().BeAssignableTo<IReadOnlyList<string>>().Which.Should().Equal("a");
        ConfigDef.ParseType("x", typeof(ConfigDef), ConfigType.Class).Should().Be("Connect.Sdk.Config.ConfigDef");
        var password = new Password("p");
        ConfigDef.ParseType("x", password, ConfigType.Password).Should().BeSameAs(password);
    }

    [Fact]
    public void ParseType_IntegerOutOfRange_ThrowsWithKafkaMessage()
    {
        Action parse = () => ConfigDef.ParseType("x", long.MaxValue, ConfigType.Int);

        parse.Should().Throw<ConfigException>()
            .WithMessage("Invalid value 9223372036854775807 for configuration x: Expected value to be a 32-bit integer, but it was a System.Int64");
    }

    [Theory]
    [InlineData(ConfigType.String, "Expected value to be a string, but it was a System.Object")]
    [InlineData(ConfigType.Password, "Expected value to be a string, but it was a System.Object")]
    [InlineData(ConfigType.Int, "Expected value to be a 32-bit integer, but it was a System.Object")]
    [InlineData(ConfigType.Short, "Expected value to be a 16-bit integer (short), but it was a System.Object")]
    [InlineData(ConfigType.Long, "Expected value to be a 64-bit integer (long), but it was a System.Object")]
    [InlineData(ConfigType.Double, "Expected value to be a double, but it was a System.Object")]
    [InlineData(ConfigType.Boolean, "Expected value to be either true or false")]
    [InlineData(ConfigType.List, "Expected a comma separated list.")]
    [InlineData(ConfigType.Class, "Expected a Class instance or class name.")]
    public void ParseType_ValueOfWrongClrType_ThrowsWithKafkaMessage(ConfigType type, string reason)
    {
        var value = new object();

        Action parse = () => ConfigDef.ParseType("x", value, type);

        parse.Should().Throw<ConfigException>().WithMessage($"Invalid value {value} for configuration x: {reason}");
    }

    [Fact]
    public void ConfigException_FormatsKafkaMessage()
    {
        var error = new ConfigException("tasks.max", 0, "Value must be at least 1");

        error.Message.Should().Be("Invalid value 0 for configuration tasks.max: Value must be at least 1");
        error.Name.Should().Be("tasks.max");
        error.Value.Should().Be(0);
        new ConfigException("x", "v", null).Message.Should().Be("Invalid value v for configuration x");
        new ConfigException("plain").Name.Should().BeNull();
    }
}
