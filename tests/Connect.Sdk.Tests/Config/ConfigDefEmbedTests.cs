using Connect.Sdk.Config;

namespace Connect.Sdk.Tests.Config;

public class ConfigDefEmbedTests
{
    [Fact]
    public void Embed_PrefixesKeysGroupsAndDependents()
    {
        var child = new ConfigDef()
            .Define("regex", ConfigType.String, Importance.High, "Pattern.", dependents: ["replacement"])
            .Define("replacement", ConfigType.String, "x", Importance.Low, "Replacement.", group: "Output");

        var def = new ConfigDef().Embed("transforms.route.", "Transforms: route", 5, child);

        def.Names.Should().Equal("transforms.route.regex", "transforms.route.replacement");
        ConfigKey regex = def.ConfigKeys["transforms.route.regex"];
        regex.Group.Should().Be("Transforms: route");
        regex.OrderInGroup.Should().Be(5);
        regex.Dependents.Should().Equal("transforms.route.replacement");
        def.ConfigKeys["transforms.route.replacement"].Group.Should().Be("Transforms: route: Output");
        def.ConfigKeys["transforms.route.replacement"].OrderInGroup.Should().Be(6);
    }

    [Fact]
    public void Embed_ValidatorAndRecommenderSeeUnprefixedNames()
    {
        string? validatedName = null;
        var recommender = new FixedRecommender(["a"], visible: false);
        var child = new ConfigDef()
            .Define("mode", ConfigType.String, "a", LambdaValidator.With((name, _) => validatedName = name, () => "any"), Importance.High, "docs", recommender: recommender)
            .Define("other", ConfigType.Int, 1, Importance.Low, "docs");

        var def = new ConfigDef()
            .Define("unrelated", ConfigType.String, "u", Importance.Low, "docs")
            .Embed("p.", "P", 0, child);
        IReadOnlyDictionary<string, ConfigValue> results = def.ValidateAll(Props.Of(("p.mode", "b")));

        validatedName.Should().Be("mode");
        recommender.LastName.Should().Be("mode");
        recommender.LastParsedConfig.Should().BeEquivalentTo(new Dictionary<string, object?> { ["mode"] = "b", ["other"] = 1 });
        results["p.mode"].Visible.Should().BeFalse();
        def.ConfigKeys["p.mode"].Validator!.ToString().Should().Be("any");
    }
}
