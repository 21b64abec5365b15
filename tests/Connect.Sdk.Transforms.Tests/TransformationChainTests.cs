using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Data;
using Connect.Sdk.Sink;
using Connect.Sdk.Source;
using Connect.Sdk.Transforms.Predicates;

namespace Connect.Sdk.Transforms.Tests;

/// <summary>
/// Chain building from connector configs. Rules and messages follow Kafka's ConnectorConfig (transformationStages and
/// enrich) and TransformationStage; ConnectorConfigTest.negatedButNoPredicate gives the negate message.
/// </summary>
public class TransformationChainTests
{
    private static TransformationChain<SourceRecord> Chain(params (string Key, string Value)[] config) =>
        TransformationChainFactory.Default.Create<SourceRecord>(Props.Of(config));

    private static SourceRecord Record(string topic, object? value = null, params Header[] headers) =>
        new(null, null, topic, 0, null, null, null, value, 0L, headers);

    [Fact]
    public void Create_NoTransforms_GivesAnEmptyChainThatKeepsRecords()
    {
        var chain = Chain(("name", "connector"));
        var record = Record("t", "v");

        chain.Stages.Should().BeEmpty();
        chain.Apply(record).Should().BeSameAs(record);
        Chain(("transforms", "")).Stages.Should().BeEmpty();
    }

    [Fact]
    public void Create_StagesRunInOrder()
    {
        var chain = Chain(
            ("transforms", "route, hoist"),
            ("transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter"),
            ("transforms.route.regex", "(.*)"),
            ("transforms.route.replacement", "$1-routed"),
            ("transforms.hoist.type", "Connect.Sdk.Transforms.HoistField.Value"),
            ("transforms.hoist.field", "line"));

        var result = chain.ApplyOrFailChain(Record("logs", "hello"));

        chain.Stages.Select(s => s.Alias).Should().Equal("route", "hoist");
        chain.Stages[0].Transformation.Should().BeOfType<RegexRouter<SourceRecord>>();
        result.Topic.Should().Be("logs-routed");
        result.Value.Should().BeEquivalentTo(Records.Map(("line", "hello")));
    }

    // TransformationStage.apply: applies when the predicate matches, or with negate=true when it does not.
    [Theory]
    [InlineData("false", "orders", true)]
    [InlineData("false", "payments", false)]
    [InlineData("true", "orders", false)]
    [InlineData("true", "payments", true)]
    public void Create_PredicateAndNegate_DecideWhetherTheStageApplies(string negate, string topic, bool dropped)
    {
        var chain = Chain(
            ("transforms", "drop"),
            ("transforms.drop.type", "org.apache.kafka.connect.transforms.Filter"),
            ("transforms.drop.predicate", "isOrders"),
            ("transforms.drop.negate", negate),
            ("predicates", "isOrders"),
            ("predicates.isOrders.type", "org.apache.kafka.connect.transforms.predicates.TopicNameMatches"),
            ("predicates.isOrders.pattern", "orders.*"));
        var record = Record(topic, "v");

        var result = chain.Apply(record);

        if (dropped)
        {
            result.Should().BeNull();
        }
        else
        {
            result.Should().BeSameAs(record);
        }

        chain.Stages[0].Predicate.Should().BeOfType<TopicNameMatches<SourceRecord>>();
        chain.Stages[0].PredicateAlias.Should().Be("isOrders");
        chain.Stages[0].Negate.Should().Be(negate == "true");
    }

    [Fact]
    public void Apply_DroppedRecord_StopsTheChain()
    {
        var chain = Chain(
            ("transforms", "dropTombstones,route"),
            ("transforms.dropTombstones.type", "Filter"),
            ("transforms.dropTombstones.predicate", "tombstone"),
            ("transforms.route.type", "Connect.Sdk.Transforms.Tests.UpperCaseTopic"),
            ("predicates", "tombstone"),
            ("predicates.tombstone.type", "RecordIsTombstone"));

        chain.Apply(Record("t", null)).Should().BeNull();
        chain.Apply(Record("t", "v"))!.Topic.Should().Be("T");
    }

    [Fact]
    public void Create_CustomTypesAndSettings_AreFoundAndConfigured()
    {
        var chain = Chain(
            ("transforms", "up"),
            ("transforms.up.type", typeof(UpperCaseTopic<>).AssemblyQualifiedName!),
            ("transforms.up.suffix", "_X"));

        ((UpperCaseTopic<SourceRecord>)chain.Stages[0].Transformation).Suffix.Should().Be("_X");
        chain.Apply(Record("abc"))!.Topic.Should().Be("ABC_X");
    }

    [Fact]
    public void Create_WithTypeResolver_UsesIt()
    {
        var factory = new TransformationChainFactory(name => name == "acme.Upper" ? typeof(UpperCaseTopic<>) : null);

        var chain = factory.Create<SinkRecord>(Props.Of(("transforms", "u"), ("transforms.u.type", "acme.Upper")));

        chain.Stages[0].Transformation.Should().BeOfType<UpperCaseTopic<SinkRecord>>();
        var builtInName = () => factory.Create<SinkRecord>(Props.Of(("transforms", "f"), ("transforms.f.type", "org.apache.kafka.connect.transforms.Filter")));
        builtInName.Should().Throw<ConfigException>("the resolver replaces the default one");
    }

    [Fact]
    public void Dispose_DisposesTransformationsAndPredicates()
    {
        var chain = Chain(("transforms", "up"), ("transforms.up.type", "Connect.Sdk.Transforms.Tests.UpperCaseTopic"));
        var transformation = (UpperCaseTopic<SourceRecord>)chain.Stages[0].Transformation;

        chain.Dispose();

        transformation.Disposed.Should().BeTrue();
    }

    [Fact]
    public void ToString_ListsStages()
    {
        var chain = Chain(
            ("transforms", "a,b"),
            ("transforms.a.type", "Filter"),
            ("transforms.a.predicate", "p"),
            ("transforms.a.negate", "true"),
            ("transforms.b.type", "Filter"),
            ("predicates", "p"),
            ("predicates.p.type", "RecordIsTombstone"));

        chain.ToString().Should().Be("TransformationChain{a (if not p), b}");
    }

    // Error paths, each a ConfigException that names the key.
    [Theory]
    [InlineData(
        "Invalid value [a, a] for configuration transforms: Duplicate alias provided.",
        "transforms", "a,a", "transforms.a.type", "Filter")]
    [InlineData(
        "Missing required configuration \"transforms.a.type\" which has no default value.",
        "transforms", "a")]
    [InlineData(
        "Invalid value com.example.Nope for configuration transforms.a.type: Class com.example.Nope could not be found.",
        "transforms", "a", "transforms.a.type", "com.example.Nope")]
    [InlineData(
        "Invalid value org.apache.kafka.connect.transforms.Cast for configuration transforms.a.type: Class org.apache.kafka.connect.transforms.Cast could not be found. Use org.apache.kafka.connect.transforms.Cast$Key or org.apache.kafka.connect.transforms.Cast$Value.",
        "transforms", "a", "transforms.a.type", "org.apache.kafka.connect.transforms.Cast")]
    [InlineData(
        "Invalid value org.apache.kafka.connect.transforms.predicates.HasHeaderKey for configuration transforms.a.type: Not a Transformation: *",
        "transforms", "a", "transforms.a.type", "org.apache.kafka.connect.transforms.predicates.HasHeaderKey")]
    [InlineData(
        "Invalid value Filter for configuration predicates.p.type: Not a Predicate: *",
        "transforms", "", "predicates", "p", "predicates.p.type", "Filter")]
    [InlineData(
        "Config 'transforms.a.negate' was provided but there is no config 'transforms.a.predicate' defining a predicate to be negated.",
        "transforms", "a", "transforms.a.type", "Filter", "transforms.a.negate", "true")]
    [InlineData(
        "Invalid value p for configuration transforms.a.predicate: Predicate 'p' is not defined in 'predicates'; list it there and set 'predicates.p.type'",
        "transforms", "a", "transforms.a.type", "Filter", "transforms.a.predicate", "p")]
    [InlineData(
        "Missing required configuration \"predicates.p.type\" which has no default value.",
        "transforms", "a", "transforms.a.type", "Filter", "transforms.a.predicate", "p", "predicates", "p")]
    [InlineData(
        "Invalid value maybe for configuration transforms.a.negate: Expected value to be either true or false",
        "transforms", "a", "transforms.a.type", "Filter", "transforms.a.predicate", "p", "transforms.a.negate", "maybe", "predicates", "p", "predicates.p.type", "RecordIsTombstone")]
    [InlineData(
        "The transformation 'a' (transforms.a.type=org.apache.kafka.connect.transforms.Cast$Value) is not configured correctly: Invalid value [foo:nope] for configuration spec: Invalid type found in casting spec: nope",
        "transforms", "a", "transforms.a.type", "org.apache.kafka.connect.transforms.Cast$Value", "transforms.a.spec", "foo:nope")]
    [InlineData(
        "The predicate 'p' (predicates.p.type=TopicNameMatches) is not configured correctly: Missing required configuration \"pattern\" which has no default value.",
        "transforms", "a", "transforms.a.type", "Filter", "transforms.a.predicate", "p", "predicates", "p", "predicates.p.type", "TopicNameMatches")]
    public void Create_InvalidConfig_ThrowsConfigException(string message, params string[] config)
    {
        var props = new Dictionary<string, string>();
        for (var i = 0; i < config.Length; i += 2)
        {
            props[config[i]] = config[i + 1];
        }

        var act = () => TransformationChainFactory.Default.Create<SourceRecord>(props);

        act.Should().Throw<ConfigException>().WithMessage(message);
    }

    [Fact]
    public void Create_SinkOnlyTransformForSourceRecords_IsNotATransformation()
    {
        var factory = new TransformationChainFactory(_ => typeof(SinkOnly));

        var act = () => factory.Create<SourceRecord>(Props.Of(("transforms", "s"), ("transforms.s.type", "SinkOnly")));

        act.Should().Throw<ConfigException>().WithMessage("Invalid value SinkOnly for configuration transforms.s.type: Not a Transformation: *does not implement ITransformation<SourceRecord>");
        factory.Create<SinkRecord>(Props.Of(("transforms", "s"), ("transforms.s.type", "SinkOnly"))).Stages.Should().ContainSingle();
    }

    // ConnectorConfig.enrich: the type key, the implicit predicate/negate keys and the transform's own keys, prefixed.
    [Fact]
    public void CreateConfigDef_EmbedsEachAliasKeys()
    {
        var config = Props.Of(
            ("transforms", "cast,drop"),
            ("transforms.cast.type", "org.apache.kafka.connect.transforms.Cast$Value"),
            ("transforms.drop.type", "Filter"),
            ("predicates", "p"),
            ("predicates.p.type", "TopicNameMatches"));

        var definition = TransformationChainFactory.Default.CreateConfigDef<SourceRecord>(config);

        definition.Names.Should().BeEquivalentTo(
            "transforms", "predicates",
            "transforms.cast.type", "transforms.cast.predicate", "transforms.cast.negate", "transforms.cast.spec", "transforms.cast.replace.null.with.default",
            "transforms.drop.type", "transforms.drop.predicate", "transforms.drop.negate",
            "predicates.p.type", "predicates.p.pattern");
        var typeKey = definition.ConfigKeys["transforms.cast.type"];
        typeKey.Type.Should().Be(ConfigType.Class);
        typeKey.Group.Should().Be("Transforms: cast");
        typeKey.Documentation.Should().Be("Class for the 'cast' transformation.");
        definition.ConfigKeys["transforms.cast.spec"].Group.Should().Be("Transforms: cast");
        definition.ConfigKeys["predicates.p.pattern"].Group.Should().Be("Predicates: p");
    }

    [Fact]
    public void CreateConfigDef_Validate_ReportsProblemsPerKey()
    {
        var config = Props.Of(
            ("transforms", "cast,bad,neg"),
            ("transforms.cast.type", "org.apache.kafka.connect.transforms.Cast$Value"),
            ("transforms.cast.spec", "foo:nope"),
            ("transforms.bad.type", "com.example.Nope"),
            ("transforms.neg.type", "Filter"),
            ("transforms.neg.predicate", "undefined"));

        var results = TransformationChainFactory.Default.CreateConfigDef<SourceRecord>(config).ValidateAll(config);

        results["transforms.cast.spec"].ErrorMessages.Should().ContainSingle().Which.Should().Contain("Invalid type found in casting spec: nope");
        results["transforms.bad.type"].ErrorMessages.Should().ContainSingle().Which.Should().Be(
            "Invalid value com.example.Nope for configuration transforms.bad.type: Class com.example.Nope could not be found.");
        results["transforms.neg.predicate"].ErrorMessages.Should().ContainSingle().Which.Should().Contain("Predicate 'undefined' is not defined in 'predicates'");
        results["transforms.cast.type"].ErrorMessages.Should().BeEmpty();
    }

    [Fact]
    public void CreateConfigDef_KeepsTheBaseDefinition()
    {
        var baseDefinition = new ConfigDef().Define("name", ConfigType.String, Importance.High, "The connector name.");

        var definition = TransformationChainFactory.Default.CreateConfigDef<SinkRecord>(Props.Of(("name", "x")), baseDefinition);

        definition.Names.Should().Equal("name", "transforms", "predicates");
        baseDefinition.Names.Should().Equal("name");
    }

    [Fact]
    public void Stage_WithoutPredicate_AlwaysApplies()
    {
        using var stage = new TransformationStage<SourceRecord>(new Filter<SourceRecord>());

        stage.Apply(Record("t")).Should().BeNull();
        stage.ToString().Should().Be("Filter`1");
    }

    private sealed class SinkOnly : ITransformation<SinkRecord>
    {
        public ConfigDef Config { get; } = new();

        public void Configure(IReadOnlyDictionary<string, string> configs)
        {
        }

        public SinkRecord? Apply(SinkRecord record) => record;

        public void Dispose()
        {
        }
    }
}

internal static class ChainTestExtensions
{
    public static TRecord ApplyOrFailChain<TRecord>(this TransformationChain<TRecord> chain, TRecord record)
        where TRecord : ConnectRecord<TRecord> =>
        chain.Apply(record) ?? throw new InvalidOperationException("The chain dropped the record.");
}
