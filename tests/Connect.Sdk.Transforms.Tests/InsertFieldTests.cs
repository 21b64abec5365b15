using Connect.Sdk.Config;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Sink;
using Connect.Sdk.Source;

namespace Connect.Sdk.Transforms.Tests;

/// <summary>Expectations come from Kafka's InsertFieldTest unless a comment says otherwise.</summary>
public class InsertFieldTests
{
    private static readonly (string, string)[] AllFields =
    [
        ("topic.field", "topic_field!"),
        ("partition.field", "partition_field"),
        ("timestamp.field", "timestamp_field?"),
        ("static.field", "instance_id"),
        ("static.value", "my-instance-id"),
    ];

    private static InsertField<SourceRecord>.Value ValueInsert(params (string Key, string Value)[] settings) =>
        new InsertField<SourceRecord>.Value().Configured(settings);

    // InsertFieldTest.topLevelStructRequired
    [Fact]
    public void Apply_ValueNotAStruct_Throws()
    {
        var act = () => ValueInsert(("topic.field", "topic_field")).Apply(Records.Value(Schema.Int32, 42));

        act.Should().Throw<DataException>().WithMessage("Only Struct objects supported for [field insertion], found: System.Int32");
    }

    // InsertFieldTest.copySchemaAndInsertConfiguredFields
    [Fact]
    public void Apply_WithSchema_CopiesSchemaAndInsertsFields()
    {
        var schema = SchemaBuilder.Struct().Name("name").Version(1).Doc("doc").Field("magic", Schema.OptionalInt64).Build();
        var transform = ValueInsert(AllFields);
        var record = new SourceRecord(null, null, "test", 0, null, null, schema, new Struct(schema).Put("magic", 42L));

        var transformed = transform.ApplyOrFail(record);

        var updatedSchema = transformed.ValueSchema!;
        updatedSchema.Name.Should().Be("name");
        updatedSchema.Version.Should().Be(1);
        updatedSchema.Doc.Should().Be("doc");
        var value = (Struct)transformed.Value!;
        updatedSchema.FindField("magic")!.Schema.Should().Be(Schema.OptionalInt64);
        value.GetInt64("magic").Should().Be(42L);
        updatedSchema.FindField("topic_field")!.Schema.Should().Be(Schema.String);
        value.Get("topic_field").Should().Be("test");
        updatedSchema.FindField("partition_field")!.Schema.Should().Be(Schema.OptionalInt32);
        value.Get("partition_field").Should().Be(0);
        updatedSchema.FindField("timestamp_field")!.Schema.Should().Be(ConnectTimestamp.OptionalSchema);
        value.Get("timestamp_field").Should().BeNull();
        updatedSchema.FindField("instance_id")!.Schema.Should().Be(Schema.OptionalString);
        value.Get("instance_id").Should().Be("my-instance-id");

        // Exercise caching
        transform.ApplyOrFail(record).ValueSchema.Should().BeSameAs(updatedSchema);
    }

    // InsertFieldTest.schemalessInsertConfiguredFields
    [Fact]
    public void Apply_Schemaless_InsertsFields()
    {
        var record = new SourceRecord(null, null, "test", 0, null, null, null, Records.Map(("magic", 42L)), 123L);

        var transformed = ValueInsert(AllFields).ApplyOrFail(record);

        var value = (IDictionary<string, object?>)transformed.Value!;
        value["magic"].Should().Be(42L);
        value["topic_field"].Should().Be("test");
        value["partition_field"].Should().Be(0);
        value["timestamp_field"].Should().Be(123L);
        value["instance_id"].Should().Be("my-instance-id");
    }

    // Timestamps go in as a Timestamp logical value with a schema (InsertField.applyWithSchema: new Date(timestamp)).
    [Fact]
    public void Apply_WithSchemaAndTimestamp_InsertsATimestamp()
    {
        var schema = SchemaBuilder.Struct().Field("id", Schema.Int32).Build();
        var record = new SourceRecord(null, null, "test", null, null, null, schema, new Struct(schema).Put("id", 1), 86_400_001L);

        var transformed = ValueInsert(("timestamp.field", "ts"), ("partition.field", "p")).ApplyOrFail(record);

        var value = (Struct)transformed.Value!;
        value.Get("ts").Should().Be(new DateTime(1970, 1, 2, 0, 0, 0, 1, DateTimeKind.Utc));
        value.Get("p").Should().BeNull("the record has no partition");
    }

    // InsertFieldTest.insertConfiguredFieldsIntoTombstoneEventWithoutSchemaLeavesValueUnchanged / WithSchema
    [Fact]
    public void Apply_Tombstone_LeavesTheRecordUnchanged()
    {
        var schemaless = Records.Value(null, null);
        ValueInsert(AllFields).Apply(schemaless).Should().BeSameAs(schemaless);

        var withSchema = Records.Value(SchemaBuilder.Struct().Optional().Field("magic", Schema.OptionalInt64).Build(), null);
        ValueInsert(AllFields).Apply(withSchema).Should().BeSameAs(withSchema);
    }

    // InsertFieldTest.insertKeyFieldsIntoTombstoneEvent
    [Fact]
    public void Apply_KeyOfTombstone_InsertsIntoTheKey()
    {
        var transform = new InsertField<SourceRecord>.Key().Configured(AllFields);
        var record = new SourceRecord(null, null, "test", 0, null, Records.Map(("magic", 42L)), null, null);

        var transformed = transform.ApplyOrFail(record);

        var key = (IDictionary<string, object?>)transformed.Key!;
        key["magic"].Should().Be(42L);
        key["topic_field"].Should().Be("test");
        key["instance_id"].Should().Be("my-instance-id");
        transformed.Value.Should().BeNull();
    }

    // Offsets come from sink records (InsertField: requireSinkRecord).
    [Fact]
    public void Apply_OffsetField_NeedsASinkRecord()
    {
        var sink = new InsertField<SinkRecord>.Value();
        sink.Configure(Props.Of(("offset.field", "offset!")));
        var schema = SchemaBuilder.Struct().Field("id", Schema.Int32).Build();

        var transformed = sink.ApplyOrFail(Records.Sink(schema, new Struct(schema).Put("id", 1), offset: 99));

        transformed.ValueSchema!.FindField("offset")!.Schema.Should().Be(Schema.Int64);
        ((Struct)transformed.Value!).Get("offset").Should().Be(99L);
        transformed.KafkaOffset.Should().Be(99);

        var source = () => ValueInsert(("offset.field", "offset")).Apply(Records.Value(null, Records.Map(("a", 1))));
        source.Should().Throw<DataException>().WithMessage("Only SinkRecord supported for [field insertion], found: Connect.Sdk.Source.SourceRecord");
    }

    // KIP-1040 (InsertFieldTest.testUnsetOptionalKey/testInsertFieldWithReplaceNullWithDefault*)
    [Theory]
    [InlineData("true", 42L)]
    [InlineData("false", null)]
    public void Apply_NullFieldWithDefault_HonoursReplaceNullWithDefault(string replace, object? expected)
    {
        var schema = SchemaBuilder.Struct().Field("magic", SchemaBuilder.Int64().Optional().DefaultValue(42L).Build()).Build();

        var transformed = ValueInsert(("topic.field", "t"), ("replace.null.with.default", replace)).ApplyOrFail(Records.Value(schema, new Struct(schema)));

        ((Struct)transformed.Value!).GetWithoutDefault("magic").Should().Be(expected);
    }

    // InsertField.configure: the two configuration errors.
    [Fact]
    public void Configure_NothingToInsert_Throws()
    {
        var act = () => ValueInsert();

        act.Should().Throw<ConfigException>().WithMessage("No field insertion configured");
    }

    [Fact]
    public void Configure_StaticFieldWithoutValue_ThrowsNamingTheKey()
    {
        var act = () => ValueInsert(("static.field", "instance_id"));

        act.Should().Throw<ConfigException>().WithMessage("Invalid value null for configuration static.value: No value specified for static field: instance_id");
    }
}
