using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Source;

namespace Connect.Sdk.Transforms.Tests;

/// <summary>Expectations come from Kafka's HeaderFromTest unless a comment says otherwise.</summary>
public class HeaderFromTests
{
    private static readonly Schema ValueSchema = SchemaBuilder.Struct()
        .Field("field1", Schema.String)
        .Field("field2", Schema.Int32)
        .Field("keep", Schema.String)
        .Build();

    private static HeaderFrom<SourceRecord>.Value ValueHeaderFrom(string operation) =>
        new HeaderFrom<SourceRecord>.Value().Configured(("fields", "field1,field2"), ("headers", "inserted1,inserted2"), ("operation", operation));

    private static SourceRecord Record(bool withSchema) => withSchema
        ? new SourceRecord(null, null, "topic", 0, null, null, ValueSchema, new Struct(ValueSchema).Put("field1", "a").Put("field2", 2).Put("keep", "k"), null, [new Header("existing", Schema.String, "x")])
        : new SourceRecord(null, null, "topic", 0, null, null, null, Records.Map(("field1", "a"), ("field2", 2), ("keep", "k")), null, [new Header("existing", Schema.String, "x")]);

    // HeaderFromTest.schemaless and withSchema, for copy and move
    [Theory]
    [InlineData(true, "copy")]
    [InlineData(true, "move")]
    [InlineData(false, "copy")]
    [InlineData(false, "move")]
    public void Apply_CopiesOrMovesFieldsIntoHeaders(bool withSchema, string operation)
    {
        var original = Record(withSchema);

        var transformed = ValueHeaderFrom(operation).ApplyOrFail(original);

        transformed.Headers.Select(h => (h.Key, h.Value)).Should().Equal(("existing", "x"), ("inserted1", "a"), ("inserted2", 2));
        if (withSchema)
        {
            transformed.Headers.LastWithName("inserted1")!.Schema.Should().Be(Schema.String);
            transformed.Headers.LastWithName("inserted2")!.Schema.Should().Be(Schema.Int32);
            var value = (Struct)transformed.Value!;
            value.Schema.Fields.Select(f => f.Name).Should().Equal(operation == "move" ? ["keep"] : ["field1", "field2", "keep"]);
            value.Get("keep").Should().Be("k");
        }
        else
        {
            transformed.Headers.LastWithName("inserted1")!.Schema.Should().BeNull();
            var value = (IDictionary<string, object?>)transformed.Value!;
            value.Keys.Should().BeEquivalentTo(operation == "move" ? ["keep"] : ["field1", "field2", "keep"]);
        }

        original.Headers.Should().HaveCount(1, "the input record is not changed");
    }

    [Fact]
    public void Apply_Key_UsesTheKey()
    {
        var transform = new HeaderFrom<SourceRecord>.Key().Configured(("fields", "id"), ("headers", "x-id"), ("operation", "copy"));
        var record = new SourceRecord(null, null, "topic", 0, null, Records.Map(("id", 7)), null, null);

        var transformed = transform.ApplyOrFail(record);

        transformed.Headers.LastWithName("x-id")!.Value.Should().Be(7);
        transformed.Key.Should().BeEquivalentTo(Records.Map(("id", 7)));
    }

    [Fact]
    public void Apply_MoveSameSchemaTwice_ReusesTheOutputSchema()
    {
        var transform = ValueHeaderFrom("move");

        var first = transform.ApplyOrFail(Record(true));
        var second = transform.ApplyOrFail(Record(true));

        second.ValueSchema.Should().BeSameAs(first.ValueSchema);
    }

    // HeaderFrom.applyWithSchema / applySchemaless: requireStruct / requireMap with the purpose "header <operation>".
    [Fact]
    public void Apply_Tombstone_Throws()
    {
        var act = () => ValueHeaderFrom("copy").Apply(Records.Value(null, null));

        act.Should().Throw<DataException>().WithMessage("Only Map objects supported in absence of schema for [header copy], found: null");
    }

    [Fact]
    public void Apply_MissingFieldWithSchema_Throws()
    {
        var schema = SchemaBuilder.Struct().Field("other", Schema.String).Build();

        var act = () => ValueHeaderFrom("copy").Apply(Records.Value(schema, new Struct(schema).Put("other", "x")));

        act.Should().Throw<DataException>().WithMessage("Field field1 does not exist in the schema *");
    }

    // HeaderFromTest.invalidConfigExtraHeaderConfig, invalidConfigExtraFieldConfig, invalidConfigEmptyHeadersAndFieldsConfig
    [Theory]
    [InlineData("foo", "foo,bar", "move", "'fields' config must have the same number of elements as 'headers' config.")]
    [InlineData("foo,bar", "foo", "copy", "'fields' config must have the same number of elements as 'headers' config.")]
    [InlineData("", "", "copy", "Invalid value [] for configuration fields: Empty list")]
    [InlineData("a", "b", "swap", "Invalid value swap for configuration operation: String must be one of: move, copy")]
    public void Configure_Invalid_Throws(string fields, string headers, string operation, string message)
    {
        var act = () => new HeaderFrom<SourceRecord>.Value().Configured(("fields", fields), ("headers", headers), ("operation", operation));

        act.Should().Throw<ConfigException>().WithMessage(message);
    }
}
