using Connect.Sdk.Config;

namespace Connect.Sdk.Tests.Config;

public class ConfigDefValidateTests
{
    private static ConfigDef DependentsDefinition() => new ConfigDef()
        .Define("a", ConfigType.Int, Importance.High, "docs", "group", 1, Width.Short, "a", ["b", "c"], new FixedRecommender([1, 2, 3], visible: true))
        .Define("b", ConfigType.Int, Importance.High, "docs", "group", 2, Width.Short, "b", recommender: new FixedRecommender([4, 5], visible: true))
        .Define("c", ConfigType.Int, Importance.High, "docs", "group", 3, Width.Short, "c", recommender: new FixedRecommender([4, 5], visible: false))
        .Define("d", ConfigType.Int, Importance.High, "docs", "group", 4, Width.Short, "d", ["b"], new FixedRecommender([1, 2, 3], visible: true));

    [Fact]
    public void Validate_ReturnsOneResultPerDefinedKeyInDefinitionOrder() =>
        DependentsDefinition().Validate(Props.Of(("a", "1"), ("d", "10"))).Select(v => v.Name)
            .Should().Equal("a", "b", "c", "d");

    [Fact]
    public void Validate_MissingRequiredKey_ReportsErrorOnThatKey()
    {
        IReadOnlyDictionary<string, ConfigValue> results = DependentsDefinition().ValidateAll(Props.Of(("a", "1"), ("d", "10")));

        results["a"].ErrorMessages.Should().BeEmpty();
        results["a"].Value.Should().Be(1);
        results["b"].ErrorMessages.Should().Equal("Missing required configuration \"b\" which has no default value.");
        results["b"].Value.Should().BeNull();
        results["c"].ErrorMessages.Should().Equal("Missing required configuration \"c\" which has no default value.");
        results["d"].Value.Should().Be(10);
    }

    [Fact]
    public void Validate_FillsRecommendedValuesAndVisibilityFromRecommenders()
    {
        IReadOnlyDictionary<string, ConfigValue> results = DependentsDefinition().ValidateAll(Props.Of(("a", "1"), ("d", "10")));

        results["a"].RecommendedValues.Should().Equal(1, 2, 3);
        results["a"].Visible.Should().BeTrue();
        results["b"].RecommendedValues.Should().Equal(4, 5);
        results["c"].Visible.Should().BeFalse();
    }

    [Fact]
    public void Validate_KeyWithoutRecommender_HasNoSuggestionsAndIsVisible()
    {
        ConfigValue result = new ConfigDef().Define("a", ConfigType.String, "x", Importance.Low, "docs").Validate(Props.Of()).Single();

        result.Value.Should().Be("x");
        result.RecommendedValues.Should().BeEmpty();
        result.ErrorMessages.Should().BeEmpty();
        result.Visible.Should().BeTrue();
    }

    [Fact]
    public void Validate_RecommenderSeesParsedValuesOfAllKeys()
    {
        var recommender = new FixedRecommender([], visible: true);
        var def = new ConfigDef()
            .Define("mode", ConfigType.String, "plain", Importance.High, "docs", dependents: ["ssl.key"])
            .Define("ssl.key", ConfigType.Password, null, Importance.High, "docs", recommender: recommender)
            .Define("port", ConfigType.Int, Importance.High, "docs");

        def.Validate(Props.Of(("mode", " ssl "), ("port", "9093")));

        recommender.LastName.Should().Be("ssl.key");
        recommender.LastParsedConfig.Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["mode"] = "ssl",
            ["ssl.key"] = null,
            ["port"] = 9093,
        });
    }

    [Fact]
    public void Validate_UnparsableValue_ReportsParseErrorOnly()
    {
        var def = new ConfigDef().Define("a", ConfigType.Int, 1, RangeValidator.AtLeast(1), Importance.High, "docs");

        ConfigValue result = def.Validate(Props.Of(("a", "non_integer"))).Single();

        result.Value.Should().BeNull();
        result.ErrorMessages.Should().Equal("Invalid value non_integer for configuration a: Not a number of type INT");
    }

    [Fact]
    public void Validate_ValidatorRejection_IsReportedWithTheValue()
    {
        var def = new ConfigDef()
            .Define("tasks.max", ConfigType.Int, 1, RangeValidator.AtLeast(1), Importance.High, "docs")
            .Define("name", ConfigType.String, "connector", NonEmptyStringWithoutControlChars.Instance, Importance.High, "docs");

        IReadOnlyDictionary<string, ConfigValue> results = def.ValidateAll(Props.Of(("tasks.max", "0"), ("name", "")));

        results["tasks.max"].Value.Should().Be(0);
        results["tasks.max"].ErrorMessages.Should().Equal("Invalid value 0 for configuration tasks.max: Value must be at least 1");
        results["name"].ErrorMessages.Should().Equal("Invalid value  for configuration name: String may not be empty");
    }

    [Fact]
    public void Validate_DoesNotThrowForManyErrors()
    {
        var def = new ConfigDef()
            .Define("a", ConfigType.Int, Importance.High, "docs")
            .Define("b", ConfigType.Boolean, Importance.High, "docs")
            .Define("c", ConfigType.Double, Importance.High, "docs");

        IReadOnlyList<ConfigValue> results = def.Validate(Props.Of(("b", "maybe"), ("c", "x")));

        results.Should().OnlyContain(r => r.ErrorMessages.Count == 1);
        results[1].ErrorMessages.Single().Should().Be("Invalid value maybe for configuration b: Expected value to be either true or false");
    }

    [Fact]
    public void Validate_KeyDependentOfSeveralKeys_ReportsItsErrorOnce()
    {
        ConfigValue b = DependentsDefinition().ValidateAll(Props.Of(("a", "1"), ("d", "10")))["b"];

        b.ErrorMessages.Should().ContainSingle();
    }

    [Fact]
    public void Validate_UndefinedDependent_IsReportedAsInvisibleResult()
    {
        var def = new ConfigDef()
            .Define("a", ConfigType.Int, Importance.High, "docs", dependents: ["b", "missing"])
            .Define("b", ConfigType.Int, 1, Importance.High, "docs");

        IReadOnlyList<ConfigValue> results = def.Validate(Props.Of(("a", "1")));

        results.Select(r => r.Name).Should().Equal("a", "b", "missing");
        results[2].ErrorMessages.Should().Equal("missing is referred in the dependents, but not defined.");
        results[2].Visible.Should().BeFalse();
        results[0].ErrorMessages.Should().BeEmpty();
    }

    [Fact]
    public void Validate_RecommenderThrowingConfigException_ReportsItsMessage()
    {
        var failing = new ThrowingRecommender("Could not list the topics");
        var def = new ConfigDef().Define("topic", ConfigType.String, "t", Importance.High, "docs", recommender: failing);

        ConfigValue result = def.Validate(Props.Of()).Single();

        result.ErrorMessages.Should().Equal("Could not list the topics");
        result.Visible.Should().BeTrue();
    }

    [Fact]
    public void Validate_KeysInADependencyCycle_AreStillValidated()
    {
        var def = new ConfigDef()
            .Define("a", ConfigType.Int, Importance.High, "docs", dependents: ["b"])
            .Define("b", ConfigType.Int, Importance.High, "docs", dependents: ["a"]);

        IReadOnlyList<ConfigValue> results = def.Validate(Props.Of(("a", "x")));

        results[0].ErrorMessages.Should().Equal("Invalid value x for configuration a: Not a number of type INT");
        results[1].ErrorMessages.Should().Equal("Missing required configuration \"b\" which has no default value.");
    }

    [Fact]
    public void Validate_PasswordValue_IsHiddenInConfigValueToString()
    {
        ConfigValue result = new ConfigDef().Define("secret", ConfigType.Password, Importance.High, "docs")
            .Validate(Props.Of(("secret", "hunter2"))).Single();

        result.Value.Should().BeOfType<Password>().Which.Value.Should().Be("hunter2");
        result.ToString().Should().Be("[secret,[hidden],[],[],true]").And.NotContain("hunter2");
    }

    private sealed class ThrowingRecommender(string message) : IRecommender
    {
        public IReadOnlyList<object> ValidValues(string name, IReadOnlyDictionary<string, object?> parsedConfig) =>
            throw new ConfigException(message);

        public bool IsVisible(string name, IReadOnlyDictionary<string, object?> parsedConfig) => true;
    }
}
