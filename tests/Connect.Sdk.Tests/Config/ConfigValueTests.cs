using Connect.Sdk.Config;

namespace Connect.Sdk.Tests.Config;

public class ConfigValueTests
{
    [Fact]
    public void NewConfigValue_IsEmptyAndVisible()
    {
        var value = new ConfigValue("a");

        value.Name.Should().Be("a");
        value.Value.Should().BeNull();
        value.RecommendedValues.Should().BeEmpty();
        value.ErrorMessages.Should().BeEmpty();
        value.Visible.Should().BeTrue();
    }

    [Fact]
    public void AddErrorMessage_AppendsInOrder()
    {
        var value = new ConfigValue("a");

        value.AddErrorMessage("first");
        value.AddErrorMessage("second");

        value.ErrorMessages.Should().Equal("first", "second");
    }

    [Fact]
    public void ToString_UsesKafkaFormat()
    {
        var value = new ConfigValue("a", true, [1, 2], ["bad"]) { Visible = false };

        value.ToString().Should().Be("[a,true,[1, 2],[bad],false]");
    }

    [Fact]
    public void RecommendedValues_AreCopiedWhenSet()
    {
        var source = new List<object> { "x" };
        var value = new ConfigValue("a") { RecommendedValues = source };

        source.Add("y");

        value.RecommendedValues.Should().Equal("x");
    }
}
