using Connect.Sdk.Config;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Sink;

namespace Connect.Sdk.Transforms.Tests;

/// <summary>Expectations come from Kafka's SetSchemaMetadataTest unless a comment says otherwise.</summary>
public class SetSchemaMetadataTests
{
    private static SetSchemaMetadata<SinkRecord>.Value ValueMetadata(params (string Key, string Value)[] settings)
    {
        var transform = new SetSchemaMetadata<SinkRecord>.Value();
        transform.Configure(Props.Of(settings));
        return transform;
    }

    // SetSchemaMetadataTest.schemaNameUpdate, schemaVersionUpdate, schemaNameAndVersionUpdate
    [Fact]
    public void Apply_SetsNameAndVersion()
    {
        var struct0 = SchemaBuilder.Struct().Build();
        var record = new SinkRecord("", 0, null, null, struct0, null, 0);

        ValueMetadata(("schema.name", "foo")).ApplyOrFail(record).ValueSchema!.Name.Should().Be("foo");
        ValueMetadata(("schema.version", "42")).ApplyOrFail(record).ValueSchema!.Version.Should().Be(42);
        var both = ValueMetadata(("schema.name", "foo"), ("schema.version", "42")).ApplyOrFail(record).ValueSchema!;
        both.Name.Should().Be("foo");
        both.Version.Should().Be(42);
    }

    // SetSchemaMetadataTest.schemaNameAndVersionUpdateWithStruct
    [Fact]
    public void Apply_StructValue_IsRebuiltOnTheNewSchema()
    {
        var schema = SchemaBuilder.Struct().Name("my.orig.SchemaDefn").Field("stringField", Schema.String).Field("intField", Schema.Int32).Build();
        var value = new Struct(schema).Put("stringField", "value").Put("intField", 1);

        var transformed = ValueMetadata(("schema.name", "my.updated.SchemaDefn"), ("schema.version", "9")).ApplyOrFail(new SinkRecord("", 0, null, null, schema, value, 0));

        transformed.ValueSchema!.Name.Should().Be("my.updated.SchemaDefn");
        transformed.ValueSchema.Version.Should().Be(9);
        var updated = (Struct)transformed.Value!;
        updated.Schema.Should().BeSameAs(transformed.ValueSchema, "the struct's schema and the record's must match");
        updated.GetString("stringField").Should().Be("value");
        updated.GetInt32("intField").Should().Be(1);
    }

    // SetSchemaMetadataTest.updateSchemaOfNonStruct, updateSchemaOfNull
    [Fact]
    public void Apply_NonStructAndNullValues_KeepTheValue()
    {
        var transformed = ValueMetadata(("schema.name", "foo")).ApplyOrFail(new SinkRecord("", 0, null, null, Schema.Int32, 42, 0));
        transformed.Value.Should().Be(42);
        transformed.ValueSchema!.Type.Should().Be(SchemaType.Int32);
        transformed.ValueSchema.Name.Should().Be("foo");

        var nullValue = ValueMetadata(("schema.name", "foo")).ApplyOrFail(new SinkRecord("", 0, null, null, Schema.OptionalInt32, null, 0));
        nullValue.Value.Should().BeNull();
        nullValue.ValueSchema!.Name.Should().Be("foo");
        nullValue.ValueSchema.IsOptional.Should().BeTrue();
    }

    // SetSchemaMetadataTest.valueSchemaRequired
    [Fact]
    public void Apply_NoSchema_Throws()
    {
        var act = () => ValueMetadata(("schema.name", "foo")).Apply(new SinkRecord("", 0, null, null, null, 42, 0));

        act.Should().Throw<DataException>().WithMessage("Schema required for [updating schema metadata]");
    }

    // SetSchemaMetadataTest.ignoreRecordWithNullValue
    [Fact]
    public void Apply_NullValueWithoutSchema_PassesThrough()
    {
        var record = new SinkRecord("", 0, null, null, null, null, 0);

        var transformed = ValueMetadata(("schema.name", "foo")).ApplyOrFail(record);

        transformed.Value.Should().BeNull();
        transformed.ValueSchema.Should().BeNull();
    }

    // The rest of the schema is kept: doc, parameters, optionality, default and element schemas.
    [Fact]
    public void Apply_KeepsEverythingElseAboutTheSchema()
    {
        var schema = SchemaBuilder.Array(Schema.String).Doc("the doc").Parameter("p", "v").Optional().Build();

        var updated = ValueMetadata(("schema.version", "3")).ApplyOrFail(new SinkRecord("", 0, null, null, schema, new List<string> { "a" }, 0)).ValueSchema!;

        updated.Should().Be(SchemaBuilder.Array(Schema.String).Doc("the doc").Parameter("p", "v").Optional().Version(3).Build());
    }

    [Fact]
    public void Apply_Key_SetsTheKeySchema()
    {
        var transform = new SetSchemaMetadata<SinkRecord>.Key();
        transform.Configure(Props.Of(("schema.name", "com.acme.OrderKey")));

        transform.ApplyOrFail(new SinkRecord("", 0, Schema.Int64, 1L, null, null, 0)).KeySchema!.Name.Should().Be("com.acme.OrderKey");
    }

    [Fact]
    public void Apply_SameSchemaTwice_ReusesTheOutputSchema()
    {
        var transform = ValueMetadata(("schema.name", "foo"));

        var first = transform.ApplyOrFail(new SinkRecord("", 0, null, null, Schema.Int32, 1, 0));
        var second = transform.ApplyOrFail(new SinkRecord("", 0, null, null, Schema.Int32, 2, 0));

        second.ValueSchema.Should().BeSameAs(first.ValueSchema);
    }

    // KIP-1040 (SetSchemaMetadataTest.testSchemaMetadataWithReplaceNullWithDefault*)
    [Theory]
    [InlineData("true", 42)]
    [InlineData("false", null)]
    public void Apply_NullFieldWithDefault_HonoursReplaceNullWithDefault(string replace, object? expected)
    {
        var schema = SchemaBuilder.Struct().Field("a", SchemaBuilder.Int32().Optional().DefaultValue(42).Build()).Build();

        var transformed = ValueMetadata(("schema.name", "foo"), ("replace.null.with.default", replace)).ApplyOrFail(new SinkRecord("", 0, null, null, schema, new Struct(schema), 0));

        ((Struct)transformed.Value!).GetWithoutDefault("a").Should().Be(expected);
    }

    // SetSchemaMetadata.configure
    [Fact]
    public void Configure_NeitherNameNorVersion_Throws()
    {
        var act = () => ValueMetadata();

        act.Should().Throw<ConfigException>().WithMessage("Neither schema name nor version configured");
    }

    [Fact]
    public void Configure_VersionNotANumber_ThrowsNamingTheKey()
    {
        var act = () => ValueMetadata(("schema.version", "two"));

        act.Should().Throw<ConfigException>().WithMessage("Invalid value two for configuration schema.version: Not a number of type INT");
    }
}
