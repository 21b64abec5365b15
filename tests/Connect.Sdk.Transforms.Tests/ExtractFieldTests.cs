using Connect.Sdk.Config;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Sink;
using Connect.Sdk.Transforms.Internal;

namespace Connect.Sdk.Transforms.Tests;

/// <summary>Expectations come from Kafka's ExtractFieldTest and SingleFieldPathTest unless a comment says otherwise.</summary>
public class ExtractFieldTests
{
    private static ExtractField<SinkRecord>.Key KeyExtract(params (string Key, string Value)[] settings)
    {
        var transform = new ExtractField<SinkRecord>.Key();
        transform.Configure(Props.Of(settings));
        return transform;
    }

    private static SinkRecord WithKey(Schema? schema, object? key) => new("test", 0, schema, key, null, null, 0);

    // ExtractFieldTest.schemaless
    [Fact]
    public void Apply_Schemaless_ExtractsTheField()
    {
        var transformed = KeyExtract(("field", "magic")).ApplyOrFail(WithKey(null, Records.Map(("magic", 42))));

        transformed.KeySchema.Should().BeNull();
        transformed.Key.Should().Be(42);
    }

    // ExtractFieldTest.schemalessAndNestedPath
    [Fact]
    public void Apply_SchemalessNestedPathV2_ExtractsTheNestedField()
    {
        var key = Records.Map(("magic", Records.Map(("foo", 42))));

        var transformed = KeyExtract(("field", "magic.foo"), ("field.syntax.version", "V2")).ApplyOrFail(WithKey(null, key));

        transformed.Key.Should().Be(42);
    }

    // ExtractFieldTest.nullSchemaless and testNullWithSchema
    [Fact]
    public void Apply_NullKey_PassesNullThrough()
    {
        KeyExtract(("field", "magic")).ApplyOrFail(WithKey(null, null)).Key.Should().BeNull();

        var schema = SchemaBuilder.Struct().Field("magic", Schema.Int32).Optional().Build();
        var transformed = KeyExtract(("field", "magic")).ApplyOrFail(WithKey(schema, null));
        transformed.KeySchema.Should().Be(Schema.Int32);
        transformed.Key.Should().BeNull();
    }

    // ExtractFieldTest.withSchema and withSchemaAndNestedPath
    [Fact]
    public void Apply_WithSchema_ExtractsFieldAndItsSchema()
    {
        var schema = SchemaBuilder.Struct().Field("magic", Schema.Int32).Build();
        var transformed = KeyExtract(("field", "magic")).ApplyOrFail(WithKey(schema, new Struct(schema).Put("magic", 42)));
        transformed.KeySchema.Should().Be(Schema.Int32);
        transformed.Key.Should().Be(42);

        var fooSchema = SchemaBuilder.Struct().Field("foo", Schema.Int32).Build();
        var nestedSchema = SchemaBuilder.Struct().Field("magic", fooSchema).Build();
        var nested = new Struct(nestedSchema).Put("magic", new Struct(fooSchema).Put("foo", 42));
        var nestedResult = KeyExtract(("field", "magic.foo"), ("field.syntax.version", "v2")).ApplyOrFail(WithKey(nestedSchema, nested));
        nestedResult.KeySchema.Should().Be(Schema.Int32);
        nestedResult.Key.Should().Be(42);
    }

    // ExtractFieldTest.nonExistentFieldSchemalessShouldReturnNull, nonExistentNestedFieldSchemalessShouldReturnNull
    [Fact]
    public void Apply_SchemalessMissingField_GivesNull()
    {
        KeyExtract(("field", "nonexistent")).ApplyOrFail(WithKey(null, Records.Map(("magic", 42)))).Key.Should().BeNull();
        KeyExtract(("field", "magic.nonexistent"), ("field.syntax.version", "V2"))
            .ApplyOrFail(WithKey(null, Records.Map(("magic", Records.Map(("foo", 42)))))).Key.Should().BeNull();
    }

    // ExtractFieldTest.nonExistentFieldWithSchemaShouldFail (Kafka throws IllegalArgumentException; a DataException here,
    // so error tolerance treats it as a data problem).
    [Fact]
    public void Apply_WithSchemaMissingField_Throws()
    {
        var schema = SchemaBuilder.Struct().Field("magic", Schema.Int32).Build();

        var act = () => KeyExtract(("field", "nonexistent")).Apply(WithKey(schema, new Struct(schema).Put("magic", 42)));

        act.Should().Throw<DataException>().WithMessage("Unknown field: nonexistent");
    }

    [Fact]
    public void Apply_NotAStruct_Throws()
    {
        var act = () => KeyExtract(("field", "magic")).Apply(WithKey(Schema.Int32, 42));
        act.Should().Throw<DataException>().WithMessage("Only Struct objects supported for [field extraction], found: System.Int32");

        var schemaless = () => KeyExtract(("field", "magic")).Apply(WithKey(null, 42));
        schemaless.Should().Throw<DataException>().WithMessage("Only Map objects supported in absence of schema for [field extraction], found: System.Int32");
    }

    // KIP-1040 (ExtractFieldTest.testUnsetOptionalField*): a null field with a default gives the default unless
    // replace.null.with.default=false.
    [Theory]
    [InlineData("true", 42)]
    [InlineData("false", null)]
    public void Apply_NullFieldWithDefault_HonoursReplaceNullWithDefault(string replace, object? expected)
    {
        var schema = SchemaBuilder.Struct().Field("magic", SchemaBuilder.Int32().Optional().DefaultValue(42).Build()).Build();

        var transformed = KeyExtract(("field", "magic"), ("replace.null.with.default", replace)).ApplyOrFail(WithKey(schema, new Struct(schema)));

        transformed.Key.Should().Be(expected);
    }

    [Fact]
    public void Apply_Value_ExtractsFromTheValue()
    {
        var transform = new ExtractField<SinkRecord>.Value();
        transform.Configure(Props.Of(("field", "id")));

        var transformed = transform.ApplyOrFail(Records.Sink(null, Records.Map(("id", 7L))));

        transformed.Value.Should().Be(7L);
        transformed.ValueSchema.Should().BeNull();
    }

    [Fact]
    public void Configure_MissingField_ThrowsNamingTheKey()
    {
        var act = () => KeyExtract();

        act.Should().Throw<ConfigException>().WithMessage("Missing required configuration \"field\" which has no default value.");
    }

    [Fact]
    public void Configure_UnknownSyntaxVersion_Throws()
    {
        var act = () => KeyExtract(("field", "a"), ("field.syntax.version", "V3"));

        act.Should().Throw<ConfigException>().WithMessage("Invalid value V3 for configuration field.syntax.version: String must be one of (case insensitive): V1, V2");
    }

    // SingleFieldPathTest.shouldFailOnIncompleteBacktickPair (message from SingleFieldPath.failWhenIncompleteBacktickPair).
    [Fact]
    public void Configure_UnclosedBacktick_ThrowsNamingTheKey()
    {
        var act = () => KeyExtract(("field", "`foo.bar"), ("field.syntax.version", "V2"));

        act.Should().Throw<ConfigException>().WithMessage(
            "Invalid value `foo.bar for configuration field: Incomplete backtick pair in path: [`foo.bar], consider adding a backslash before backtick at position 0 to escape it");
    }

    // SingleFieldPathTest: the V2 path syntax.
    [Theory]
    [InlineData("foo", new[] { "foo" })]
    [InlineData("foo.bar", new[] { "foo", "bar" })]
    [InlineData("foo.bar.baz", new[] { "foo", "bar", "baz" })]
    [InlineData("`foo.bar`.baz", new[] { "foo.bar", "baz" })]
    [InlineData("foo.`bar.baz`", new[] { "foo", "bar.baz" })]
    [InlineData("`foo`bar`.baz", new[] { "foo`bar", "baz" })]
    [InlineData("`foo\\`.bar`.baz", new[] { "foo`.bar", "baz" })]
    [InlineData("foo.", new[] { "foo", "" })]
    [InlineData(".foo", new[] { "", "foo" })]
    [InlineData("`foo`", new[] { "foo" })]
    public void FieldPath_V2_SplitsSteps(string path, string[] steps)
    {
        new FieldPath(path, FieldSyntaxVersion.V2).Steps.Should().Equal(steps);
    }

    [Fact]
    public void FieldPath_V1_IsOneStep()
    {
        new FieldPath("foo.bar", FieldSyntaxVersion.V1).Steps.Should().Equal("foo.bar");
    }
}
