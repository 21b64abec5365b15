using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Sink;
using Connect.Sdk.Source;
using Connect.Sdk.Transforms.Predicates;

namespace Connect.Sdk.Transforms.Tests;

public class TransformationRegistryTests
{
    // The class names Kafka ships in connect/transforms (org.apache.kafka.connect.transforms.*).
    public static TheoryData<string, Type> KafkaNames => new()
    {
        { "org.apache.kafka.connect.transforms.Cast$Key", typeof(Cast<>.Key) },
        { "org.apache.kafka.connect.transforms.Cast$Value", typeof(Cast<>.Value) },
        { "org.apache.kafka.connect.transforms.DropHeaders", typeof(DropHeaders<>) },
        { "org.apache.kafka.connect.transforms.ExtractField$Key", typeof(ExtractField<>.Key) },
        { "org.apache.kafka.connect.transforms.ExtractField$Value", typeof(ExtractField<>.Value) },
        { "org.apache.kafka.connect.transforms.Filter", typeof(Filter<>) },
        { "org.apache.kafka.connect.transforms.Flatten$Key", typeof(Flatten<>.Key) },
        { "org.apache.kafka.connect.transforms.Flatten$Value", typeof(Flatten<>.Value) },
        { "org.apache.kafka.connect.transforms.HeaderFrom$Key", typeof(HeaderFrom<>.Key) },
        { "org.apache.kafka.connect.transforms.HeaderFrom$Value", typeof(HeaderFrom<>.Value) },
        { "org.apache.kafka.connect.transforms.HoistField$Key", typeof(HoistField<>.Key) },
        { "org.apache.kafka.connect.transforms.HoistField$Value", typeof(HoistField<>.Value) },
        { "org.apache.kafka.connect.transforms.InsertField$Key", typeof(InsertField<>.Key) },
        { "org.apache.kafka.connect.transforms.InsertField$Value", typeof(InsertField<>.Value) },
        { "org.apache.kafka.connect.transforms.InsertHeader", typeof(InsertHeader<>) },
        { "org.apache.kafka.connect.transforms.MaskField$Key", typeof(MaskField<>.Key) },
        { "org.apache.kafka.connect.transforms.MaskField$Value", typeof(MaskField<>.Value) },
        { "org.apache.kafka.connect.transforms.RegexRouter", typeof(RegexRouter<>) },
        { "org.apache.kafka.connect.transforms.ReplaceField$Key", typeof(ReplaceField<>.Key) },
        { "org.apache.kafka.connect.transforms.ReplaceField$Value", typeof(ReplaceField<>.Value) },
        { "org.apache.kafka.connect.transforms.SetSchemaMetadata$Key", typeof(SetSchemaMetadata<>.Key) },
        { "org.apache.kafka.connect.transforms.SetSchemaMetadata$Value", typeof(SetSchemaMetadata<>.Value) },
        { "org.apache.kafka.connect.transforms.TimestampConverter$Key", typeof(TimestampConverter<>.Key) },
        { "org.apache.kafka.connect.transforms.TimestampConverter$Value", typeof(TimestampConverter<>.Value) },
        { "org.apache.kafka.connect.transforms.TimestampRouter", typeof(TimestampRouter<>) },
        { "org.apache.kafka.connect.transforms.ValueToKey", typeof(ValueToKey<>) },
        { "org.apache.kafka.connect.transforms.predicates.HasHeaderKey", typeof(HasHeaderKey<>) },
        { "org.apache.kafka.connect.transforms.predicates.RecordIsTombstone", typeof(RecordIsTombstone<>) },
        { "org.apache.kafka.connect.transforms.predicates.TopicNameMatches", typeof(TopicNameMatches<>) },
    };

    [Theory]
    [MemberData(nameof(KafkaNames))]
    public void Resolve_KafkaClassNames_GiveTheOpenType(string name, Type expected)
    {
        TransformationRegistry.BuiltIns.Resolve(name).Should().Be(expected);
    }

    [Fact]
    public void BuiltIns_HoldEveryTransformAndPredicate()
    {
        TransformationRegistry.BuiltIns.Types.Should().HaveCount(KafkaNames.Count);
    }

    [Theory]
    [InlineData("Connect.Sdk.Transforms.ReplaceField.Value")]
    [InlineData("Connect.Sdk.Transforms.ReplaceField$Value")]
    [InlineData("Connect.Sdk.Transforms.ReplaceField`1+Value")]
    [InlineData("ReplaceField$Value")]
    [InlineData("ReplaceField.Value")]
    [InlineData(" org.apache.kafka.connect.transforms.ReplaceField$Value ")]
    [InlineData("ORG.APACHE.KAFKA.CONNECT.TRANSFORMS.REPLACEFIELD$VALUE")]
    public void Resolve_DotNetAndCaseVariants_GiveTheOpenType(string name)
    {
        TransformationRegistry.BuiltIns.Resolve(name).Should().Be(typeof(ReplaceField<>.Value));
    }

    [Theory]
    [InlineData("Connect.Sdk.Transforms.Predicates.TopicNameMatches")]
    [InlineData("TopicNameMatches")]
    [InlineData("Connect.Sdk.Transforms.Predicates.TopicNameMatches`1")]
    public void Resolve_PredicateNames_GiveTheOpenType(string name)
    {
        TransformationRegistry.BuiltIns.Resolve(name).Should().Be(typeof(TopicNameMatches<>));
    }

    [Fact]
    public void Resolve_UnknownOrAbstractNames_GiveNull()
    {
        TransformationRegistry.BuiltIns.Resolve("org.apache.kafka.connect.transforms.Cast").Should().BeNull();
        TransformationRegistry.BuiltIns.Resolve("com.example.Nope").Should().BeNull();
    }

    [Fact]
    public void Close_OpenType_ClosesOverTheRecordType()
    {
        TransformationRegistry.Close(typeof(Cast<>.Value), typeof(SinkRecord)).Should().Be(typeof(Cast<SinkRecord>.Value));
        TransformationRegistry.Close(typeof(Cast<SourceRecord>.Value), typeof(SinkRecord)).Should().Be(typeof(Cast<SourceRecord>.Value));
        TransformationRegistry.Close(typeof(Cast<>.Value), typeof(string)).Should().BeNull("string is not a record type");
    }

    [Fact]
    public void Add_CustomType_IsResolvableByItsNamesAndAliases()
    {
        var registry = TransformationRegistry.CreateWithBuiltIns();

        registry.Add(typeof(UpperCaseTopic<>), "com.acme.connect.UpperCaseTopic");

        registry.Resolve("com.acme.connect.UpperCaseTopic").Should().Be(typeof(UpperCaseTopic<>));
        registry.Resolve("UpperCaseTopic").Should().Be(typeof(UpperCaseTopic<>));
        registry.Resolve("org.apache.kafka.connect.transforms.Filter").Should().Be(typeof(Filter<>));
        registry.NamesOf(typeof(UpperCaseTopic<>)).Should().StartWith("com.acme.connect.UpperCaseTopic");
    }

    [Fact]
    public void Add_ToBuiltIns_Throws()
    {
        var act = () => TransformationRegistry.BuiltIns.Add(typeof(UpperCaseTopic<>));

        act.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Add_NotATransformation_Throws()
    {
        var act = () => new TransformationRegistry().Add(typeof(string));

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Add_AliasOfAnotherType_Throws()
    {
        var registry = TransformationRegistry.CreateWithBuiltIns();

        var act = () => registry.Add(typeof(UpperCaseTopic<>), "org.apache.kafka.connect.transforms.Filter");

        act.Should().Throw<ArgumentException>();
    }
}

/// <summary>A transform defined outside the package, for registry and chain tests.</summary>
public sealed class UpperCaseTopic<TRecord> : ITransformation<TRecord>
    where TRecord : ConnectRecord<TRecord>
{
    public ConfigDef Config { get; } = new ConfigDef().Define("suffix", ConfigType.String, string.Empty, Importance.Low, "Appended to the topic.");

    public string Suffix { get; private set; } = string.Empty;

    public bool Disposed { get; private set; }

    public void Configure(IReadOnlyDictionary<string, string> configs) => Suffix = new SimpleConfig(Config, configs).GetString("suffix")!;

    public TRecord? Apply(TRecord record) => record.WithTopic(record.Topic.ToUpperInvariant() + Suffix);

    public void Dispose() => Disposed = true;
}
