using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Source;

namespace Connect.Sdk.Transforms.Tests;

/// <summary>Expectations come from Kafka's FlattenTest unless a comment says otherwise.</summary>
public class FlattenTests
{
    private static Flatten<SourceRecord>.Value ValueFlatten(params (string Key, string Value)[] settings) =>
        new Flatten<SourceRecord>.Value().Configured(settings);

    // FlattenTest.topLevelStructRequired, topLevelMapRequired
    [Fact]
    public void Apply_NotAStructOrMap_Throws()
    {
        var withSchema = () => ValueFlatten().Apply(Records.Value(Schema.Int32, 42));
        withSchema.Should().Throw<DataException>().WithMessage("Only Struct objects supported for [flattening], found: System.Int32");

        var schemaless = () => ValueFlatten().Apply(Records.Value(null, 42));
        schemaless.Should().Throw<DataException>().WithMessage("Only Map objects supported in absence of schema for [flattening], found: System.Int32");
    }

    // FlattenTest.testNestedStruct
    [Fact]
    public void Apply_NestedStruct_FlattensWithDots()
    {
        var supported = SchemaBuilder.Struct()
            .Field("int8", Schema.Int8).Field("int16", Schema.Int16).Field("int32", Schema.Int32).Field("int64", Schema.Int64)
            .Field("float32", Schema.Float32).Field("float64", Schema.Float64).Field("boolean", Schema.Boolean)
            .Field("string", Schema.String).Field("bytes", Schema.Bytes)
            .Build();
        var oneLevel = SchemaBuilder.Struct().Field("B", supported).Build();
        var twoLevels = SchemaBuilder.Struct().Field("A", oneLevel).Build();
        var leaf = new Struct(supported)
            .Put("int8", (sbyte)8).Put("int16", (short)16).Put("int32", 32).Put("int64", 64L)
            .Put("float32", 32f).Put("float64", 64d).Put("boolean", true).Put("string", "stringy").Put("bytes", "bytes"u8.ToArray());
        var value = new Struct(twoLevels).Put("A", new Struct(oneLevel).Put("B", leaf));

        var transformed = ValueFlatten().ApplyOrFail(Records.Value(twoLevels, value));

        transformed.ValueSchema!.Type.Should().Be(SchemaType.Struct);
        var result = (Struct)transformed.Value!;
        result.Schema.Fields.Should().HaveCount(9);
        result.GetInt8("A.B.int8").Should().Be(8);
        result.GetInt16("A.B.int16").Should().Be(16);
        result.GetInt32("A.B.int32").Should().Be(32);
        result.GetInt64("A.B.int64").Should().Be(64);
        result.GetFloat32("A.B.float32").Should().Be(32f);
        result.GetFloat64("A.B.float64").Should().Be(64d);
        result.GetBoolean("A.B.boolean").Should().BeTrue();
        result.GetString("A.B.string").Should().Be("stringy");
        result.GetBytes("A.B.bytes").Should().Equal("bytes"u8.ToArray());
    }

    // FlattenTest.testNestedMapWithDelimiter
    [Fact]
    public void Apply_NestedMapWithDelimiter_FlattensWithTheDelimiter()
    {
        var supported = Records.Map(
            ("int8", (sbyte)8), ("int16", (short)16), ("int32", 32), ("int64", 64L), ("float32", 32f),
            ("float64", 64d), ("boolean", true), ("string", "stringy"), ("bytes", "bytes"u8.ToArray()));
        var value = Records.Map(("A", Records.Map(("B", supported))));

        var transformed = ValueFlatten(("delimiter", "#")).ApplyOrFail(Records.Value(null, value));

        transformed.ValueSchema.Should().BeNull();
        var result = (IDictionary<string, object?>)transformed.Value!;
        result.Should().HaveCount(9);
        result["A#B#int8"].Should().Be((sbyte)8);
        result["A#B#int64"].Should().Be(64L);
        result["A#B#string"].Should().Be("stringy");
        ((byte[])result["A#B#bytes"]!).Should().Equal("bytes"u8.ToArray());
    }

    // FlattenTest.testOptionalFieldStruct, testOptionalNestedStruct
    [Fact]
    public void Apply_OptionalNestedFieldsAndStructs_GiveNull()
    {
        var inner = SchemaBuilder.Struct().Field("opt_int32", Schema.OptionalInt32).Build();
        var outer = SchemaBuilder.Struct().Field("B", inner).Build();
        var result = (Struct)ValueFlatten().ApplyOrFail(Records.Value(outer, new Struct(outer).Put("B", new Struct(inner).Put("opt_int32", null)))).Value!;
        result.Get("B.opt_int32").Should().BeNull();

        var optionalInner = SchemaBuilder.Struct().Optional().Field("opt_int32", Schema.OptionalInt32).Build();
        var outer2 = SchemaBuilder.Struct().Field("B", optionalInner).Build();
        var result2 = (Struct)ValueFlatten().ApplyOrFail(Records.Value(outer2, new Struct(outer2).Put("B", null))).Value!;
        result2.Get("B.opt_int32").Should().BeNull();
    }

    // FlattenTest.testOptionalStruct, tombstoneEventWithSchemaShouldPassThrough, tombstoneEventWithoutSchemaShouldPassThrough
    [Fact]
    public void Apply_Tombstones_PassThrough()
    {
        var schema = SchemaBuilder.Struct().Name("name").Version(1).Doc("doc").Field("magic", Schema.OptionalInt64).Build();
        var withSchema = ValueFlatten().ApplyOrFail(Records.Value(schema, null));
        withSchema.Value.Should().BeNull();
        withSchema.ValueSchema.Should().Be(schema);

        var schemaless = Records.Value(null, null);
        ValueFlatten().Apply(schemaless).Should().BeSameAs(schemaless);
    }

    // FlattenTest.testOptionalFieldMap
    [Fact]
    public void Apply_MapWithNullEntries_KeepsEveryEntry()
    {
        var value = Records.Map(("B", Records.Map(("opt_int32", null), ("other", 1))), ("after", 2));

        var result = (IDictionary<string, object?>)ValueFlatten().ApplyOrFail(Records.Value(null, value)).Value!;

        result.Should().ContainKey("B.opt_int32").WhoseValue.Should().BeNull();
        result["B.other"].Should().Be(1);
        result["after"].Should().Be(2);
    }

    // FlattenTest.testKey
    [Fact]
    public void Apply_Key_FlattensTheKey()
    {
        var transform = new Flatten<SourceRecord>.Key().Configured();

        var transformed = transform.ApplyOrFail(Records.Key(null, Records.Map(("A", Records.Map(("B", 12))))));

        transformed.KeySchema.Should().BeNull();
        ((IDictionary<string, object?>)transformed.Key!)["A.B"].Should().Be(12);
    }

    // KAFKA-12305 (FlattenTest.testArrayInMap/testNestedStructWithArray): arrays are kept as they are.
    [Fact]
    public void Apply_Arrays_AreKept()
    {
        var schemaless = (IDictionary<string, object?>)ValueFlatten().ApplyOrFail(
            Records.Value(null, Records.Map(("foo", new List<object?> { "bar", "baz" })))).Value!;
        schemaless["foo"].Should().BeEquivalentTo(new List<object?> { "bar", "baz" });

        var arraySchema = SchemaBuilder.Array(Schema.String).Build();
        var inner = SchemaBuilder.Struct().Field("list", arraySchema).Build();
        var outer = SchemaBuilder.Struct().Field("a", inner).Build();
        var value = new Struct(outer).Put("a", new Struct(inner).Put("list", new List<string> { "x" }));
        var result = (Struct)ValueFlatten().ApplyOrFail(Records.Value(outer, value)).Value!;
        result.Schema.FindField("a.list")!.Schema.Should().Be(arraySchema);
        result.GetArray("a.list").Should().BeEquivalentTo(new List<string> { "x" });
    }

    [Fact]
    public void Apply_MapWithSchema_Throws()
    {
        var schema = SchemaBuilder.Struct().Field("m", SchemaBuilder.Map(Schema.String, Schema.String).Build()).Build();

        var act = () => ValueFlatten().Apply(Records.Value(schema, new Struct(schema).Put("m", new Dictionary<string, string>())));

        act.Should().Throw<DataException>().WithMessage("Flatten transformation does not support MAP for record with schemas (for field m).");
    }

    [Fact]
    public void Apply_StructInsideSchemalessMap_Throws()
    {
        var schema = SchemaBuilder.Struct().Field("a", Schema.Int32).Build();

        var act = () => ValueFlatten().Apply(Records.Value(null, Records.Map(("s", new Struct(schema).Put("a", 1)))));

        act.Should().Throw<DataException>().WithMessage("Flatten transformation does not support Connect.Sdk.Data.Struct for record without schemas (for field s).");
    }

    // FlattenTest.testOptionalAndDefaultValuesNested
    [Fact]
    public void Apply_OptionalParentWithDefault_MakesChildrenOptionalWithDefaults()
    {
        var fields = SchemaBuilder.Struct().Optional()
            .Field("req_field", Schema.String)
            .Field("opt_field", SchemaBuilder.String().Optional().DefaultValue("child_default").Build());
        var childDefault = new Struct(fields.Build()).Put("req_field", "req_default");
        var schema = fields.DefaultValue(childDefault).Build();

        var transformed = ValueFlatten().ApplyOrFail(Records.Value(schema, new Struct(schema)));

        var transformedSchema = transformed.ValueSchema!;
        transformedSchema.Fields.Should().HaveCount(2);
        transformedSchema.FindField("req_field")!.Schema.Should().Be(SchemaBuilder.String().Optional().DefaultValue("req_default").Build());
        transformedSchema.FindField("opt_field")!.Schema.Should().Be(SchemaBuilder.String().Optional().DefaultValue("child_default").Build());
    }

    [Fact]
    public void Apply_SameSchemaTwice_ReusesTheOutputSchema()
    {
        var inner = SchemaBuilder.Struct().Field("b", Schema.Int32).Build();
        var outer = SchemaBuilder.Struct().Field("a", inner).Build();
        var transform = ValueFlatten();

        var first = transform.ApplyOrFail(Records.Value(outer, new Struct(outer).Put("a", new Struct(inner).Put("b", 1))));
        var second = transform.ApplyOrFail(Records.Value(outer, new Struct(outer).Put("a", new Struct(inner).Put("b", 2))));

        second.ValueSchema.Should().BeSameAs(first.ValueSchema);
        ((Struct)second.Value!).Get("a.b").Should().Be(2);
    }
}
