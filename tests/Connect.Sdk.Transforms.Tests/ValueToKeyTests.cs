using Connect.Sdk.Config;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Sink;

namespace Connect.Sdk.Transforms.Tests;

/// <summary>Expectations come from Kafka's ValueToKeyTest unless a comment says otherwise.</summary>
public class ValueToKeyTests
{
    private static ValueToKey<SinkRecord> Transform(params (string Key, string Value)[] settings)
    {
        var transform = new ValueToKey<SinkRecord>();
        transform.Configure(Props.Of(settings));
        return transform;
    }

    // ValueToKeyTest.schemaless
    [Fact]
    public void Apply_Schemaless_CopiesFieldsIntoAKeyMap()
    {
        var value = Records.Map(("a", 1), ("b", 2), ("c", 3));

        var transformed = Transform(("fields", "a,b")).ApplyOrFail(Records.Sink(null, value));

        transformed.KeySchema.Should().BeNull();
        transformed.Key.Should().BeEquivalentTo(Records.Map(("a", 1), ("b", 2)));
        transformed.Value.Should().BeSameAs(value);
    }

    // ValueToKeyTest.withSchema
    [Fact]
    public void Apply_WithSchema_CopiesFieldsIntoAKeyStruct()
    {
        var valueSchema = SchemaBuilder.Struct().Field("a", Schema.Int32).Field("b", Schema.Int32).Field("c", Schema.Int32).Build();
        var value = new Struct(valueSchema).Put("a", 1).Put("b", 2).Put("c", 3);

        var transformed = Transform(("fields", "a,b")).ApplyOrFail(Records.Sink(valueSchema, value));

        var expectedSchema = SchemaBuilder.Struct().Field("a", Schema.Int32).Field("b", Schema.Int32).Build();
        transformed.KeySchema.Should().Be(expectedSchema);
        transformed.Key.Should().Be(new Struct(expectedSchema).Put("a", 1).Put("b", 2));
        transformed.ValueSchema.Should().BeSameAs(valueSchema);
        transformed.Value.Should().BeSameAs(value);
    }

    // ValueToKeyTest.nonExistingField
    [Fact]
    public void Apply_MissingField_Throws()
    {
        var valueSchema = SchemaBuilder.Struct().Field("a", Schema.Int32).Build();

        var act = () => Transform(("fields", "not_exist")).Apply(Records.Sink(valueSchema, new Struct(valueSchema).Put("a", 1)));

        act.Should().Throw<DataException>().WithMessage("Field does not exist: not_exist");
    }

    // ValueToKey.applySchemaless: requireMap fails on tombstones, as in Kafka.
    [Fact]
    public void Apply_Tombstone_Throws()
    {
        var act = () => Transform(("fields", "a")).Apply(Records.Sink(null, null));

        act.Should().Throw<DataException>().WithMessage("Only Map objects supported in absence of schema for [copying fields from value to key], found: null");
    }

    // KIP-1040 (ValueToKeyTest.testReplaceNullWithDefaultConfigs)
    [Theory]
    [InlineData("true", 42)]
    [InlineData("false", null)]
    public void Apply_NullFieldWithDefault_HonoursReplaceNullWithDefault(string replace, object? expected)
    {
        var schema = SchemaBuilder.Struct().Field("a", SchemaBuilder.Int32().Optional().DefaultValue(42).Build()).Build();

        var transformed = Transform(("fields", "a"), ("replace.null.with.default", replace)).ApplyOrFail(Records.Sink(schema, new Struct(schema)));

        ((Struct)transformed.Key!).GetWithoutDefault("a").Should().Be(expected);
    }

    [Fact]
    public void Apply_SameSchemaTwice_ReusesTheKeySchema()
    {
        var schema = SchemaBuilder.Struct().Field("a", Schema.Int32).Build();
        var transform = Transform(("fields", "a"));

        var first = transform.ApplyOrFail(Records.Sink(schema, new Struct(schema).Put("a", 1)));
        var second = transform.ApplyOrFail(Records.Sink(schema, new Struct(schema).Put("a", 2)));

        second.KeySchema.Should().BeSameAs(first.KeySchema);
    }

    [Fact]
    public void Configure_NoFields_Throws()
    {
        var missing = () => Transform();
        missing.Should().Throw<ConfigException>().WithMessage("Missing required configuration \"fields\" which has no default value.");

        var empty = () => Transform(("fields", ""));
        empty.Should().Throw<ConfigException>().WithMessage("Invalid value [] for configuration fields: Empty list");
    }
}
