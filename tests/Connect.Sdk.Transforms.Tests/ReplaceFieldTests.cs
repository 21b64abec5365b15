using Connect.Sdk.Config;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Sink;

namespace Connect.Sdk.Transforms.Tests;

/// <summary>Expectations come from Kafka's ReplaceFieldTest unless a comment says otherwise.</summary>
public class ReplaceFieldTests
{
    private static ReplaceField<SinkRecord>.Value ValueReplace(params (string Key, string Value)[] settings)
    {
        var transform = new ReplaceField<SinkRecord>.Value();
        transform.Configure(Props.Of(settings));
        return transform;
    }

    // ReplaceFieldTest.tombstoneSchemaless, tombstoneWithSchema
    [Fact]
    public void Apply_Tombstone_PassesThrough()
    {
        var schemaless = Records.Sink(null, null);
        ValueReplace(("include", "abc,foo"), ("renames", "abc:xyz,foo:bar")).Apply(schemaless).Should().BeSameAs(schemaless);

        var schema = SchemaBuilder.Struct().Field("dont", Schema.OptionalString).Field("abc", Schema.OptionalInt32).Build();
        var withSchema = Records.Sink(schema, null);
        ValueReplace(("include", "abc,foo"), ("renames", "abc:xyz,foo:bar")).Apply(withSchema).Should().BeSameAs(withSchema);
    }

    // ReplaceFieldTest.schemaless
    [Fact]
    public void Apply_Schemaless_ExcludesAndRenames()
    {
        var value = Records.Map(("dont", "whatever"), ("abc", 42), ("foo", true), ("etc", "etc"));

        var result = ValueReplace(("exclude", "dont"), ("renames", "abc:xyz,foo:bar")).ApplyOrFail(Records.Sink(null, value)).Value;

        result.Should().BeEquivalentTo(Records.Map(("xyz", 42), ("bar", true), ("etc", "etc")));
    }

    // ReplaceFieldTest.withSchema
    [Fact]
    public void Apply_WithSchema_IncludesAndRenames()
    {
        var schema = SchemaBuilder.Struct()
            .Field("dont", Schema.String).Field("abc", Schema.Int32).Field("foo", Schema.Boolean).Field("etc", Schema.String)
            .Build();
        var value = new Struct(schema).Put("dont", "whatever").Put("abc", 42).Put("foo", true).Put("etc", "etc");

        var transformed = ValueReplace(("include", "abc,foo"), ("renames", "abc:xyz,foo:bar")).ApplyOrFail(Records.Sink(schema, value));

        var updated = (Struct)transformed.Value!;
        updated.Schema.Fields.Select(f => f.Name).Should().Equal("xyz", "bar");
        updated.GetInt32("xyz").Should().Be(42);
        updated.GetBoolean("bar").Should().BeTrue();
    }

    // ReplaceField.filter: exclusion wins over inclusion (the exclude doc: "This takes precedence over the fields to include").
    [Fact]
    public void Apply_FieldBothIncludedAndExcluded_IsDropped()
    {
        var value = Records.Map(("a", 1), ("b", 2), ("c", 3));

        var result = ValueReplace(("include", "a,b"), ("exclude", "b")).ApplyOrFail(Records.Sink(null, value)).Value;

        result.Should().BeEquivalentTo(Records.Map(("a", 1)));
    }

    [Fact]
    public void Apply_SameSchemaTwice_ReusesTheOutputSchema()
    {
        var schema = SchemaBuilder.Struct().Field("a", Schema.Int32).Field("b", Schema.Int32).Build();
        var transform = ValueReplace(("exclude", "b"));

        var first = transform.ApplyOrFail(Records.Sink(schema, new Struct(schema).Put("a", 1).Put("b", 2)));
        var second = transform.ApplyOrFail(Records.Sink(schema, new Struct(schema).Put("a", 3).Put("b", 4)));

        second.ValueSchema.Should().BeSameAs(first.ValueSchema);
    }

    // Kafka's Struct.put validates each copied value: a required field the input never set fails, named as renamed.
    [Fact]
    public void Apply_RequiredFieldNeverSet_ThrowsNamingTheOutputField()
    {
        var schema = SchemaBuilder.Struct().Field("a", Schema.Int32).Field("b", Schema.Int32).Build();
        var incomplete = new Struct(schema).Put("a", 1);

        var act = () => ValueReplace(("renames", "b:c")).Apply(Records.Sink(schema, incomplete));

        act.Should().Throw<DataException>().WithMessage("Invalid value: null used for required field: \"c\", schema type: Int32.");
    }

    // Records whose schemas are equal but separate instances share one plan and still copy every value.
    [Fact]
    public void Apply_EqualSchemasOfSeparateInstances_CopiesEachRecordsValues()
    {
        static Schema BuildSchema() => SchemaBuilder.Struct().Name("n")
            .Field("a", Schema.Int32)
            .Field("inner", SchemaBuilder.Struct().Field("x", Schema.String).Build())
            .Build();
        var first = BuildSchema();
        var second = BuildSchema();
        var transform = ValueReplace(("renames", "a:b"));
        var inner = new Struct(second.FindField("inner")!.Schema).Put("x", "deep");

        transform.ApplyOrFail(Records.Sink(first, new Struct(first).Put("a", 1).Put("inner", new Struct(first.FindField("inner")!.Schema).Put("x", "y"))));
        var result = (Struct)transform.ApplyOrFail(Records.Sink(second, new Struct(second).Put("a", 2).Put("inner", inner))).Value!;

        result.GetInt32("b").Should().Be(2);
        result.GetStruct("inner").Should().BeSameAs(inner, "values are copied, not rebuilt");
        result.Validate();
    }

    // KIP-1040 (ReplaceFieldTest.testReplaceNullWithDefaultConfigs)
    [Theory]
    [InlineData("true", 42)]
    [InlineData("false", null)]
    public void Apply_NullFieldWithDefault_HonoursReplaceNullWithDefault(string replace, object? expected)
    {
        var schema = SchemaBuilder.Struct().Field("a", SchemaBuilder.Int32().Optional().DefaultValue(42).Build()).Build();

        var result = (Struct)ValueReplace(("renames", "a:b"), ("replace.null.with.default", replace)).ApplyOrFail(Records.Sink(schema, new Struct(schema))).Value!;

        result.GetWithoutDefault("b").Should().Be(expected);
    }

    [Fact]
    public void Apply_NotAStruct_Throws()
    {
        var act = () => ValueReplace(("exclude", "a")).Apply(Records.Sink(Schema.String, "x"));

        act.Should().Throw<DataException>().WithMessage("Only Struct objects supported for [field replacement], found: System.String");
    }

    // ReplaceField.parseRenameMappings
    [Theory]
    [InlineData("abc")]
    [InlineData("abc:def:ghi")]
    [InlineData("abc:")]
    public void Configure_BadRename_ThrowsNamingTheKey(string renames)
    {
        var act = () => ValueReplace(("renames", renames));

        act.Should().Throw<ConfigException>().WithMessage($"Invalid value [{renames}] for configuration renames: Invalid rename mapping: {renames}");
    }
}
