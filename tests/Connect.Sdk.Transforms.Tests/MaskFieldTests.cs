using Connect.Sdk.Config;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Sink;

namespace Connect.Sdk.Transforms.Tests;

/// <summary>Expectations come from Kafka's MaskFieldTest unless a comment says otherwise.</summary>
public class MaskFieldTests
{
    private static readonly Schema Schema = SchemaBuilder.Struct()
        .Field("magic", Data.Schema.Int32)
        .Field("bool", Data.Schema.Boolean)
        .Field("byte", Data.Schema.Int8)
        .Field("short", Data.Schema.Int16)
        .Field("int", Data.Schema.Int32)
        .Field("long", Data.Schema.Int64)
        .Field("float", Data.Schema.Float32)
        .Field("double", Data.Schema.Float64)
        .Field("string", Data.Schema.String)
        .Field("date", ConnectDate.Schema)
        .Field("time", ConnectTime.Schema)
        .Field("timestamp", ConnectTimestamp.Schema)
        .Field("decimal", ConnectDecimal.Schema(0))
        .Field("array", SchemaBuilder.Array(Data.Schema.Int32).Build())
        .Field("map", SchemaBuilder.Map(Data.Schema.String, Data.Schema.String).Build())
        .Field("withDefault", SchemaBuilder.String().Optional().DefaultValue("default").Build())
        .Build();

    private static readonly string[] MaskedNames =
        ["bool", "byte", "short", "int", "long", "float", "double", "string", "date", "time", "timestamp", "decimal", "array", "map"];

    private static MaskField<SinkRecord>.Value ValueMask(params (string Key, string Value)[] settings)
    {
        var transform = new MaskField<SinkRecord>.Value();
        transform.Configure(Props.Of(settings));
        return transform;
    }

    private static Dictionary<string, object?> SchemalessValue() => Records.Map(
        ("magic", 42), ("bool", true), ("byte", (sbyte)42), ("short", (short)42), ("int", 42), ("long", 42L),
        ("float", 42f), ("double", 42d), ("string", "55.121.20.20"), ("date", new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc)),
        ("decimal", 42m), ("array", new List<object?> { 1, 2, 3 }), ("map", Records.Map(("something", "somethingelse"))));

    private static Struct StructValue() => new Struct(Schema)
        .Put("magic", 42).Put("bool", true).Put("byte", (sbyte)42).Put("short", (short)42).Put("int", 42).Put("long", 42L)
        .Put("float", 42f).Put("double", 42d).Put("string", "hmm")
        .Put("date", new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc))
        .Put("time", new DateTime(1970, 1, 1, 12, 0, 0, DateTimeKind.Utc))
        .Put("timestamp", new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc))
        .Put("decimal", 42m)
        .Put("array", new List<int> { 1, 2, 3 })
        .Put("map", new Dictionary<string, string> { ["what"] = "what" });

    // MaskFieldTest.schemaless
    [Fact]
    public void Apply_Schemaless_MasksWithEmptyValues()
    {
        var result = (IDictionary<string, object?>)ValueMask(("fields", string.Join(",", MaskedNames)))
            .ApplyOrFail(Records.Sink(null, SchemalessValue())).Value!;

        result["magic"].Should().Be(42);
        result["bool"].Should().Be(false);
        result["byte"].Should().Be((sbyte)0);
        result["short"].Should().Be((short)0);
        result["int"].Should().Be(0);
        result["long"].Should().Be(0L);
        result["float"].Should().Be(0f);
        result["double"].Should().Be(0d);
        result["string"].Should().Be(string.Empty);
        result["date"].Should().Be(DateTime.UnixEpoch);
        result["decimal"].Should().Be(0m);
        ((System.Collections.IList)result["array"]!).Count.Should().Be(0);
        ((System.Collections.IDictionary)result["map"]!).Count.Should().Be(0);
        result["time"].Should().BeNull("a missing field is written as null, as Kafka's HashMap.put does");
    }

    // MaskFieldTest.withSchema
    [Fact]
    public void Apply_WithSchema_MasksWithEmptyValues()
    {
        var result = (Struct)ValueMask(("fields", string.Join(",", MaskedNames))).ApplyOrFail(Records.Sink(Schema, StructValue())).Value!;

        result.Get("magic").Should().Be(42);
        result.Get("bool").Should().Be(false);
        result.Get("byte").Should().Be((sbyte)0);
        result.Get("short").Should().Be((short)0);
        result.Get("int").Should().Be(0);
        result.Get("long").Should().Be(0L);
        result.Get("float").Should().Be(0f);
        result.Get("double").Should().Be(0d);
        result.Get("string").Should().Be(string.Empty);
        result.Get("date").Should().Be(DateTime.UnixEpoch);
        result.Get("time").Should().Be(DateTime.UnixEpoch);
        result.Get("timestamp").Should().Be(DateTime.UnixEpoch);
        result.Get("decimal").Should().Be(0m);
        result.GetArray("array")!.Count.Should().Be(0);
        result.GetMap("map")!.Count.Should().Be(0);
        result.Schema.Should().BeSameAs(Schema);
    }

    // MaskFieldTest.schemalessWithReplacement / withSchemaAndReplacement: numbers and strings take the replacement.
    [Fact]
    public void Apply_WithReplacement_ConvertsItToEachType()
    {
        var result = (Struct)ValueMask(("fields", "byte,short,int,long,float,double,string,decimal"), ("replacement", "123"))
            .ApplyOrFail(Records.Sink(Schema, StructValue())).Value!;

        result.Get("byte").Should().Be((sbyte)123);
        result.Get("short").Should().Be((short)123);
        result.Get("int").Should().Be(123);
        result.Get("long").Should().Be(123L);
        result.Get("float").Should().Be(123f);
        result.Get("double").Should().Be(123d);
        result.Get("string").Should().Be("123");
        result.Get("decimal").Should().Be(123m);
    }

    // MaskFieldTest.testReplacementTypeMismatch
    [Fact]
    public void Apply_ReplacementNotANumber_Throws()
    {
        var act = () => ValueMask(("fields", "int"), ("replacement", "foo")).Apply(Records.Sink(Schema, StructValue()));

        act.Should().Throw<DataException>().WithMessage("Unable to convert foo (System.String) to number");
    }

    // MaskFieldTest.testReplacementTypeUnsupported
    [Fact]
    public void Apply_ReplacementForBoolean_Throws()
    {
        var act = () => ValueMask(("fields", "bool"), ("replacement", "foo")).Apply(Records.Sink(Schema, StructValue()));

        act.Should().Throw<DataException>().WithMessage("Cannot mask value of type System.Boolean with custom replacement.");
    }

    // MaskField.maskWithNullValue: types without an empty value fail.
    [Fact]
    public void Apply_UnmaskableType_Throws()
    {
        var act = () => ValueMask(("fields", "bytes")).Apply(Records.Sink(null, Records.Map(("bytes", new byte[] { 1 }))));

        act.Should().Throw<DataException>().WithMessage("Cannot mask value of type: System.Byte[]");
    }

    // MaskFieldTest.testEmptyStringReplacementValue
    [Fact]
    public void Configure_EmptyReplacement_Throws()
    {
        var act = () => ValueMask(("fields", "string"), ("replacement", ""));

        act.Should().Throw<ConfigException>().WithMessage("Invalid value  for configuration replacement: String must be non-empty");
    }

    [Fact]
    public void Configure_EmptyFields_Throws()
    {
        var act = () => ValueMask(("fields", ""));

        act.Should().Throw<ConfigException>().WithMessage("Invalid value [] for configuration fields: Empty list");
    }

    // MaskFieldTest.testNullListAndMapReplacementsAreMutable
    [Fact]
    public void Apply_MaskedListsAndMaps_AreMutable()
    {
        var result = (IDictionary<string, object?>)ValueMask(("fields", "array,map")).ApplyOrFail(Records.Sink(null, SchemalessValue())).Value!;

        ((System.Collections.IList)result["array"]!).Add(1);
        ((System.Collections.IDictionary)result["map"]!).Add("k", "v");
    }

    // KIP-1040: a null field with a default keeps null when replace.null.with.default=false.
    [Theory]
    [InlineData("true", "default")]
    [InlineData("false", null)]
    public void Apply_UnmaskedNullFieldWithDefault_HonoursReplaceNullWithDefault(string replace, object? expected)
    {
        var value = StructValue();

        var result = (Struct)ValueMask(("fields", "int"), ("replace.null.with.default", replace)).ApplyOrFail(Records.Sink(Schema, value)).Value!;

        result.GetWithoutDefault("withDefault").Should().Be(expected);
    }

    [Fact]
    public void Apply_Tombstone_PassesThrough()
    {
        var record = Records.Sink(Schema, null);

        ValueMask(("fields", "int")).Apply(record).Should().BeSameAs(record);
    }

    [Fact]
    public void Apply_Key_MasksTheKey()
    {
        var transform = new MaskField<SinkRecord>.Key();
        transform.Configure(Props.Of(("fields", "ssn")));
        var record = new SinkRecord("t", 0, null, Records.Map(("ssn", "123-45-6789"), ("id", 1)), null, null, 0);

        var key = (IDictionary<string, object?>)transform.ApplyOrFail(record).Key!;

        key["ssn"].Should().Be(string.Empty);
        key["id"].Should().Be(1);
    }
}
