using Connect.Sdk.Config;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Sink;

namespace Connect.Sdk.Transforms.Tests;

/// <summary>Expectations come from Kafka's HoistFieldTest unless a comment says otherwise.</summary>
public class HoistFieldTests
{
    private static HoistField<SinkRecord>.Key KeyHoist()
    {
        var transform = new HoistField<SinkRecord>.Key();
        transform.Configure(Props.Of(("field", "magic")));
        return transform;
    }

    // HoistFieldTest.schemaless
    [Fact]
    public void Apply_Schemaless_WrapsInAMap()
    {
        var transformed = KeyHoist().ApplyOrFail(new SinkRecord("test", 0, null, 42, null, null, 0));

        transformed.KeySchema.Should().BeNull();
        transformed.Key.Should().BeEquivalentTo(Records.Map(("magic", 42)));
    }

    // HoistFieldTest.withSchema
    [Fact]
    public void Apply_WithSchema_WrapsInAStruct()
    {
        var transformed = KeyHoist().ApplyOrFail(new SinkRecord("test", 0, Schema.Int32, 42, null, null, 0));

        transformed.KeySchema!.Type.Should().Be(SchemaType.Struct);
        transformed.KeySchema.Fields.Should().ContainSingle().Which.Schema.Should().Be(Schema.Int32);
        ((Struct)transformed.Key!).GetInt32("magic").Should().Be(42);
    }

    // HoistFieldTest.testSchemalessMapIsMutable: the output map can be changed by later stages.
    [Fact]
    public void Apply_Schemaless_GivesAMutableMap()
    {
        var transformed = KeyHoist().ApplyOrFail(new SinkRecord("test", 0, null, 42, null, null, 0));

        var map = (IDictionary<string, object?>)transformed.Key!;
        map["k"] = "v";
        map.Should().HaveCount(2);
    }

    // Struct.put validation: a null value cannot go into a field of a required schema; an optional schema takes it.
    [Fact]
    public void Apply_NullWithSchema_FollowsOptionality()
    {
        var required = () => KeyHoist().Apply(new SinkRecord("test", 0, Schema.Int32, null, null, null, 0));
        required.Should().Throw<DataException>();

        var optional = KeyHoist().ApplyOrFail(new SinkRecord("test", 0, Schema.OptionalInt32, null, null, null, 0));
        ((Struct)optional.Key!).Get("magic").Should().BeNull();
    }

    [Fact]
    public void Apply_SameSchemaTwice_ReusesTheOutputSchema()
    {
        var transform = KeyHoist();

        var first = transform.ApplyOrFail(new SinkRecord("test", 0, Schema.Int32, 1, null, null, 0));
        var second = transform.ApplyOrFail(new SinkRecord("test", 0, Schema.Int32, 2, null, null, 0));

        second.KeySchema.Should().BeSameAs(first.KeySchema);
    }

    [Fact]
    public void Apply_Value_WrapsTheValue()
    {
        var transform = new HoistField<SinkRecord>.Value();
        transform.Configure(Props.Of(("field", "line")));

        transform.ApplyOrFail(Records.Sink(Schema.String, "hello")).Value.Should().Be(
            new Struct(SchemaBuilder.Struct().Field("line", Schema.String).Build()).Put("line", "hello"));
    }

    [Fact]
    public void Configure_MissingField_Throws()
    {
        var act = () => new HoistField<SinkRecord>.Key().Configure(Props.Empty);

        act.Should().Throw<ConfigException>().WithMessage("Missing required configuration \"field\" which has no default value.");
    }
}
