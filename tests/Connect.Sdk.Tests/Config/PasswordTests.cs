using Connect.Sdk.Config;

namespace Connect.Sdk.Tests.Config;

public class PasswordTests
{
    [Fact]
    public void ToString_ReturnsHiddenText()
    {
        var password = new Password("hunter2");

        password.ToString().Should().Be("[hidden]");
        Password.HiddenText.Should().Be("[hidden]");
        $"{password}".Should().NotContain("hunter2");
    }

    [Fact]
    public void Value_ReturnsTheSecret() => new Password("hunter2").Value.Should().Be("hunter2");

    [Fact]
    public void Equality_ComparesSecrets()
    {
        var a = new Password("x");
        var b = new Password("x");
        var c = new Password("X");

        a.Should().Be(b);
        (a == b).Should().BeTrue();
        (a != c).Should().BeTrue();
        a.GetHashCode().Should().Be(b.GetHashCode());
        a.Equals(null).Should().BeFalse();
    }

    [Fact]
    public void ConfigException_ForPasswordValue_HidesTheSecret()
    {
        var def = new ConfigDef().Define(
            "secret",
            ConfigType.Password,
            ConfigDef.NoDefaultValue,
            LambdaValidator.With((name, value) => throw new ConfigException(name, value, "Too short"), () => "long secret"),
            Importance.High,
            "docs");

        Action parse = () => def.Parse(Props.Of(("secret", "hunter2")));

        parse.Should().Throw<ConfigException>()
            .WithMessage("Invalid value [hidden] for configuration secret: Too short")
            .Which.Message.Should().NotContain("hunter2");
    }
}
