using System.Collections.ObjectModel;
using System.Globalization;
using Connect.Sdk.Config;

namespace Connect.Sdk.Tests.Config;

public class ConfigDefParseTests
{
    private static object? ParseSingle(ConfigType type, string value) =>
        new ConfigDef().Define("x", type, Importance.High, "docs").Parse(Props.Of(("x", value)))["x"];

    private static ConfigException ParseSingleFailure(ConfigType type, string value)
    {
        Action parse = () => ParseSingle(type, value);
        return parse.Should().Throw<ConfigException>().Which;
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("TRUE", true)]
    [InlineData("FalSE", false)]
    [InlineData("  true \t", true)]
    public void Parse_Boolean_IsCaseInsensitiveAndTrimmed(string input, bool expected) =>
        ParseSingle(ConfigType.Boolean, input).Should().Be(expected);

    [Theory]
    [InlineData("yes")]
    [InlineData("truee")]
    [InlineData("1")]
    [InlineData("")]
    public void Parse_InvalidBoolean_ThrowsWithKafkaMessage(string input) =>
        ParseSingleFailure(ConfigType.Boolean, input).Message
            .Should().Be($"Invalid value {input} for configuration x: Expected value to be either true or false");

    [Fact]
    public void Parse_String_IsTrimmed() =>
        ParseSingle(ConfigType.String, "  hello world \n").Should().Be("hello world");

    [Fact]
    public void Parse_EmptyString_StaysEmpty() =>
        ParseSingle(ConfigType.String, "   ").Should().Be(string.Empty);

    [Theory]
    [InlineData("1   ", 1)]
    [InlineData("-42", -42)]
    [InlineData("+7", 7)]
    [InlineData("2147483647", int.MaxValue)]
    public void Parse_Int_ReturnsInt32(string input, int expected) =>
        ParseSingle(ConfigType.Int, input).Should().BeOfType<int>().Which.Should().Be(expected);

    [Theory]
    [InlineData("abc", "INT")]
    [InlineData("42.5", "INT")]
    [InlineData("2147483648", "INT")]
    [InlineData("1,000", "INT")]
    public void Parse_InvalidInt_ThrowsWithKafkaMessage(string input, string typeName)
    {
        ConfigException error = ParseSingleFailure(ConfigType.Int, input);

        error.Message.Should().Be($"Invalid value {input} for configuration x: Not a number of type {typeName}");
        error.Name.Should().Be("x");
        error.Value.Should().Be(input);
    }

    [Fact]
    public void Parse_Short_ReturnsInt16() =>
        ParseSingle(ConfigType.Short, " 32767 ").Should().BeOfType<short>().Which.Should().Be(short.MaxValue);

    [Fact]
    public void Parse_ShortOutOfRange_ThrowsWithKafkaMessage() =>
        ParseSingleFailure(ConfigType.Short, "32768").Message
            .Should().Be("Invalid value 32768 for configuration x: Not a number of type SHORT");

    [Fact]
    public void Parse_Long_ReturnsInt64() =>
        ParseSingle(ConfigType.Long, "9223372036854775807").Should().BeOfType<long>().Which.Should().Be(long.MaxValue);

    [Fact]
    public void Parse_LongOutOfRange_ThrowsWithKafkaMessage() =>
        ParseSingleFailure(ConfigType.Long, "922337203685477580700").Message
            .Should().Be("Invalid value 922337203685477580700 for configuration x: Not a number of type LONG");

    [Theory]
    [InlineData("42.5", 42.5)]
    [InlineData("-1e3", -1000.0)]
    [InlineData(" 7 ", 7.0)]
    public void Parse_Double_ReturnsDouble(string input, double expected) =>
        ParseSingle(ConfigType.Double, input).Should().BeOfType<double>().Which.Should().Be(expected);

    [Fact]
    public void Parse_Double_UsesInvariantCulture()
    {
        CultureInfo previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            ParseSingle(ConfigType.Double, "1.5").Should().Be(1.5);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Parse_InvalidDouble_ThrowsWithKafkaMessage() =>
        ParseSingleFailure(ConfigType.Double, "1,5").Message
            .Should().Be("Invalid value 1,5 for configuration x: Not a number of type DOUBLE");

    [Fact]
    public void Parse_List_SplitsOnCommasAndTrimsEntries() =>
        ParseSingle(ConfigType.List, " a , b,c ").Should().BeAssignableTo<IReadOnlyList<string>>()
            .Which.Should().Equal("a", "b", "c");

    [Fact]
    public void Parse_List_KeepsEmptyEntriesLikeKafka() =>
        ParseSingle(ConfigType.List, "a,,b,").Should().BeAssignableTo<IReadOnlyList<string>>()
            .Which.Should().Equal("a", string.Empty, "b", string.Empty);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_EmptyList_ReturnsEmptyList(string input) =>
        ParseSingle(ConfigType.List, input).Should().BeAssignableTo<IReadOnlyList<string>>().Which.Should().BeEmpty();

    [Fact]
    public void Parse_List_CannotBeModified() =>
        ParseSingle(ConfigType.List, "a,b").Should().BeOfType<ReadOnlyCollection<string>>();

    [Fact]
    public void Parse_Class_KeepsTheTrimmedName() =>
        ParseSingle(ConfigType.Class, " org.apache.kafka.connect.json.JsonConverter ")
            .Should().Be("org.apache.kafka.connect.json.JsonConverter");

    [Fact]
    public void Parse_Password_WrapsTheTrimmedSecret()
    {
        object? value = ParseSingle(ConfigType.Password, " s3cret ");

        value.Should().BeOfType<Password>().Which.Value.Should().Be("s3cret");
        value!.ToString().Should().Be("[hidden]");
    }

    [Theory]
    [InlineData(ConfigType.Boolean)]
    [InlineData(ConfigType.String)]
    [InlineData(ConfigType.Int)]
    [InlineData(ConfigType.List)]
    [InlineData(ConfigType.Password)]
    public void Parse_NullValue_ParsesToNull(ConfigType type) =>
        ParseSingle(type, null!).Should().BeNull();

    [Fact]
    public void Parse_MissingRequiredKey_ThrowsWithKafkaMessage()
    {
        var def = new ConfigDef().Define("connection.url", ConfigType.String, Importance.High, "docs");

        Action parse = () => def.Parse(Props.Of());

        parse.Should().Throw<ConfigException>()
            .WithMessage("Missing required configuration \"connection.url\" which has no default value.");
    }

    [Fact]
    public void Parse_MissingOptionalKey_UsesDefault()
    {
        var def = new ConfigDef()
            .Define("a", ConfigType.Int, 5, Importance.High, "docs")
            .Define("b", ConfigType.String, "hello", Importance.High, "docs")
            .Define("c", ConfigType.List, new[] { "x", "y" }, Importance.High, "docs")
            .Define("d", ConfigType.Long, "10", Importance.High, "docs")
            .Define("e", ConfigType.Int, null, Importance.High, "docs");

        IReadOnlyDictionary<string, object?> values = def.Parse(Props.Of());

        values["a"].Should().Be(5);
        values["b"].Should().Be("hello");
        values["c"].Should().BeAssignableTo<IReadOnlyList<string>>().Which.Should().Equal("x", "y");
        values["d"].Should().Be(10L);
        values.Should().ContainKey("e").WhoseValue.Should().BeNull();
    }

    [Fact]
    public void Parse_SuppliedValue_OverridesDefault() =>
        new ConfigDef().Define("a", ConfigType.Int, 5, Importance.High, "docs")
            .Parse(Props.Of(("a", "6")))["a"].Should().Be(6);

    [Fact]
    public void Parse_UndefinedKeys_AreIgnored() =>
        new ConfigDef().Define("a", ConfigType.Int, 5, Importance.High, "docs")
            .Parse(Props.Of(("zzz", "1"))).Keys.Should().Equal("a");

    [Fact]
    public void Parse_ReturnsValuesInDefinitionOrder() =>
        new ConfigDef()
            .Define("z", ConfigType.Int, 1, Importance.High, "docs")
            .Define("a", ConfigType.Int, 2, Importance.High, "docs")
            .Define("m", ConfigType.Int, 3, Importance.High, "docs")
            .Parse(Props.Of()).Keys.Should().Equal("z", "a", "m");

    [Fact]
    public void Parse_ValidatorRejectsValue_ThrowsValidatorMessage()
    {
        var def = new ConfigDef().Define("tasks.max", ConfigType.Int, 1, RangeValidator.AtLeast(1), Importance.High, "docs");

        Action parse = () => def.Parse(Props.Of(("tasks.max", "0")));

        parse.Should().Throw<ConfigException>()
            .WithMessage("Invalid value 0 for configuration tasks.max: Value must be at least 1");
    }

    [Fact]
    public void Parse_RequiredKeyWithValidator_AcceptsValidValue() =>
        new ConfigDef()
            .Define("mode", ConfigType.String, ConfigDef.NoDefaultValue, ValidString.In("ONE", "TWO"), Importance.High, "docs")
            .Parse(Props.Of(("mode", "TWO")))["mode"].Should().Be("TWO");

    [Fact]
    public void Parse_UndefinedDependent_ThrowsWithKafkaMessage()
    {
        var def = new ConfigDef().Define("parent", ConfigType.String, "x", Importance.High, "docs", dependents: ["child"]);

        Action parse = () => def.Parse(Props.Of());

        parse.Should().Throw<ConfigException>()
            .WithMessage("Some configurations in are referred in the dependents, but not defined: child");
    }

    [Fact]
    public void Define_SameKeyTwice_ThrowsWithKafkaMessage()
    {
        var def = new ConfigDef().Define("a", ConfigType.String, Importance.High, "docs");

        Action define = () => def.Define("a", ConfigType.Int, Importance.High, "docs");

        define.Should().Throw<ConfigException>().WithMessage("Configuration a is defined twice.");
    }

    [Fact]
    public void Define_DefaultOfWrongType_Throws()
    {
        Action define = () => new ConfigDef().Define("a", ConfigType.Int, "hello", Importance.High, "docs");

        define.Should().Throw<ConfigException>().WithMessage("Invalid value hello for configuration a: Not a number of type INT");
    }

    [Fact]
    public void Define_DefaultRejectedByValidator_Throws()
    {
        Action define = () => new ConfigDef().Define("a", ConfigType.Int, -1, RangeValidator.Between(0, 10), Importance.High, "docs");

        define.Should().Throw<ConfigException>().WithMessage("Invalid value -1 for configuration a: Value must be at least 0");
    }

    [Fact]
    public void Define_StringDefaultNotInValidStrings_Throws()
    {
        Action define = () => new ConfigDef().Define("a", ConfigType.String, "bad", ValidString.In("valid", "values"), Importance.High, "docs");

        define.Should().Throw<ConfigException>().WithMessage("Invalid value bad for configuration a: String must be one of: valid, values");
    }

    [Fact]
    public void Define_RequiredKeyWithValidator_DoesNotValidateMissingDefault()
    {
        Action define = () => new ConfigDef().Define("a", ConfigType.Int, ConfigDef.NoDefaultValue, RangeValidator.AtLeast(1), Importance.High, "docs");

        define.Should().NotThrow();
    }

    [Fact]
    public void Define_ParsesStringDefaultIntoType()
    {
        var def = new ConfigDef().Define("a", ConfigType.Int, "  42 ", Importance.High, "docs");

        def.ConfigKeys["a"].DefaultValue.Should().Be(42);
        def.ConfigKeys["a"].HasDefault.Should().BeTrue();
    }

    [Fact]
    public void Define_RecordsEveryAttributeOnTheKey()
    {
        var recommender = new FixedRecommender(["a"], visible: true);
        var def = new ConfigDef().Define(
            "k", ConfigType.Short, (short)3, RangeValidator.AtLeast(0), Importance.Low, "the docs",
            group: "G", orderInGroup: 2, width: Width.Medium, displayName: "Kay", dependents: ["other"], recommender: recommender);

        ConfigKey key = def.ConfigKeys["k"];

        key.Name.Should().Be("k");
        key.Type.Should().Be(ConfigType.Short);
        key.DefaultValue.Should().Be((short)3);
        key.Validator.Should().BeOfType<RangeValidator>();
        key.Importance.Should().Be(Importance.Low);
        key.Documentation.Should().Be("the docs");
        key.Group.Should().Be("G");
        key.OrderInGroup.Should().Be(2);
        key.Width.Should().Be(Width.Medium);
        key.DisplayName.Should().Be("Kay");
        key.Dependents.Should().Equal("other");
        key.Recommender.Should().BeSameAs(recommender);
    }

    [Fact]
    public void Define_WithoutOptionalArguments_UsesKafkaDefaults()
    {
        ConfigKey key = new ConfigDef().Define("k", ConfigType.String, Importance.High, "docs").ConfigKeys["k"];

        key.HasDefault.Should().BeFalse();
        key.DefaultValue.Should().BeSameAs(ConfigDef.NoDefaultValue);
        key.Group.Should().BeNull();
        key.OrderInGroup.Should().Be(-1);
        key.Width.Should().Be(Width.None);
        key.DisplayName.Should().Be("k");
        key.Dependents.Should().BeEmpty();
        key.Recommender.Should().BeNull();
        key.Validator.Should().BeNull();
    }

    [Fact]
    public void Groups_AreListedInOrderOfFirstUse()
    {
        var def = new ConfigDef()
            .Define("a", ConfigType.Int, Importance.High, "docs", "group2", 1, Width.Short, "a")
            .Define("b", ConfigType.Int, Importance.High, "docs", "group1", 2, Width.Short, "b")
            .Define("c", ConfigType.Int, Importance.High, "docs", "group2", 2, Width.Short, "c");

        def.Groups.Should().Equal("group2", "group1");
    }

    [Fact]
    public void Names_AndDefaultValues_DescribeTheDefinedKeys()
    {
        var def = new ConfigDef()
            .Define("a", ConfigType.String, Importance.Low, "docs")
            .Define("b", ConfigType.Int, 7, Importance.Low, "docs");

        def.Names.Should().Equal("a", "b");
        def.DefaultValues.Should().BeEquivalentTo(new Dictionary<string, object?> { ["b"] = 7 });
    }

    [Fact]
    public void CopyConstructor_DoesNotChangeTheBaseDefinition()
    {
        var baseDef = new ConfigDef().Define("a", ConfigType.String, Importance.Low, "docs", group: "g1");

        var extended = new ConfigDef(baseDef).Define("b", ConfigType.String, Importance.Low, "docs", group: "g2");

        extended.Names.Should().Equal("a", "b");
        extended.Groups.Should().Equal("g1", "g2");
        baseDef.Names.Should().Equal("a");
        baseDef.Groups.Should().Equal("g1");
    }

    [Fact]
    public void ConfigKeys_CannotBeModifiedThroughTheView()
    {
        var def = new ConfigDef().Define("a", ConfigType.String, Importance.Low, "docs");
        var other = new ConfigDef().Define("b", ConfigType.String, Importance.Low, "docs");

        Action add = () => ((IDictionary<string, ConfigKey>)def.ConfigKeys).Add("b", other.ConfigKeys["b"]);

        add.Should().Throw<NotSupportedException>();
        def.Names.Should().Equal("a");
    }
}
