using Connect.Sdk.Data;
using Connect.Sdk.Sink;
using Connect.Sdk.Testing.Records;

namespace Connect.Sdk.Testing.Tests.Records;

public class RecordBuilderTests
{
    [Theory]
    [InlineData((sbyte)1, SchemaType.Int8)]
    [InlineData((short)1, SchemaType.Int16)]
    [InlineData(1, SchemaType.Int32)]
    [InlineData(1L, SchemaType.Int64)]
    [InlineData(1f, SchemaType.Float32)]
    [InlineData(1d, SchemaType.Float64)]
    [InlineData(true, SchemaType.Boolean)]
    [InlineData("a", SchemaType.String)]
    public void Infer_Primitive_GetsMatchingRequiredSchema(object value, SchemaType type)
    {
        var inferred = RecordBuilder.Infer(value);

        inferred.Schema.Should().Be(Schema.ForType(type));
        inferred.Value.Should().Be(value);
    }

    [Fact]
    public void Infer_AnonymousObject_BecomesStructWithFieldsInOrder()
    {
        var inferred = RecordBuilder.Infer(new { id = 42, name = "Ada", score = (double?)null, tags = new[] { "x", "y" }, address = new { city = "Oslo" } });

        var schema = inferred.Schema!;
        schema.Type.Should().Be(SchemaType.Struct);
        schema.Fields.Select(f => f.Name).Should().Equal("id", "name", "score", "tags", "address");
        schema.FindField("id")!.Schema.Should().Be(Schema.Int32);
        schema.FindField("score")!.Schema.Should().Be(Schema.OptionalFloat64);
        schema.FindField("tags")!.Schema.Should().Be(SchemaBuilder.Array(Schema.String).Build());
        schema.FindField("address")!.Schema.FindField("city")!.Schema.Should().Be(Schema.String);
        var value = (Struct)inferred.Value!;
        value.Validate();
        value.GetInt32("id").Should().Be(42);
        value.GetStruct("address")!.GetString("city").Should().Be("Oslo");
    }

    [Fact]
    public void Infer_StringKeyedDictionary_BecomesStruct()
    {
        var value = RecordBuilder.ToStruct(new Dictionary<string, object?> { ["id"] = 1L, ["note"] = null });

        value.Schema.FindField("id")!.Schema.Should().Be(Schema.Int64);
        value.Schema.FindField("note")!.Schema.Should().Be(Schema.OptionalString, "a null entry says nothing of its type");
        value.Get("note").Should().BeNull();
    }

    [Fact]
    public void Infer_OtherKeyedDictionary_BecomesMap()
    {
        var inferred = RecordBuilder.Infer(new Dictionary<int, string> { [1] = "a", [2] = "b" });

        inferred.Schema.Should().Be(SchemaBuilder.Map(Schema.Int32, Schema.String).Build());
        inferred.Schema!.Validate(inferred.Value);
    }

    [Fact]
    public void Infer_LogicalTypes_GetLogicalSchemas()
    {
        RecordBuilder.InferSchema(12.50m).Should().Be(ConnectDecimal.Schema(2));
        RecordBuilder.InferSchema(DateTime.UnixEpoch).Should().Be(ConnectTimestamp.Schema);
        RecordBuilder.InferSchema(new DateOnly(2024, 5, 1)).Should().Be(ConnectDate.Schema);
        RecordBuilder.InferSchema(new TimeOnly(12, 30)).Should().Be(ConnectTime.Schema);
        RecordBuilder.Infer(DateTimeOffset.UnixEpoch.AddHours(1)).Value.Should().Be(DateTime.UnixEpoch.AddHours(1));
        RecordBuilder.Infer(new DateOnly(1970, 1, 2)).Value.Should().Be(DateTime.UnixEpoch.AddDays(1));
    }

    [Fact]
    public void Infer_WidensUnsignedAndTextLikeTypes()
    {
        RecordBuilder.Infer((byte)7).Should().Be(new SchemaAndValue(Schema.Int16, (short)7));
        RecordBuilder.Infer(7u).Should().Be(new SchemaAndValue(Schema.Int64, 7L));
        RecordBuilder.Infer(DayOfWeek.Monday).Should().Be(new SchemaAndValue(Schema.String, "Monday"));
        RecordBuilder.Infer(Guid.Empty).Value.Should().Be(Guid.Empty.ToString());
    }

    [Fact]
    public void Infer_NullAndSchemaAndValue_AreTakenAsTheyAre()
    {
        RecordBuilder.Infer(null).Should().Be(SchemaAndValue.Null);
        var given = new SchemaAndValue(Schema.OptionalInt32, null);
        RecordBuilder.Infer(given).Should().Be(given);
        RecordBuilder.Infer(given).Schema.Should().BeSameAs(Schema.OptionalInt32, "the given schema is kept, not rebuilt");
    }

    [Fact]
    public void Infer_Unsupported_ThrowsNamingThePath()
    {
        var act = () => RecordBuilder.Infer(new { id = 1, big = 1UL });

        act.Should().Throw<ArgumentException>().WithMessage("Cannot infer a schema for value.big: System.UInt64 has no Connect type*");
        FluentActions.Invoking(() => RecordBuilder.Infer(new List<object> { 1, "a" })).Should().Throw<ArgumentException>()
            .WithMessage("Cannot infer one schema for value elements*");
    }

    [Fact]
    public void SinkRecordBuilder_NumbersOffsetsPerPartition()
    {
        var builder = new SinkRecordBuilder("orders");

        var a = builder.Value("a").Build();
        var b = builder.Value("b").Build();
        var c = builder.Partition(3).Value("c").Build();
        var d = builder.Partition(0).Offset(10).Value("d").Build();

        new[] { a, b, c, d }.Select(r => (r.KafkaPartition, r.KafkaOffset)).Should().Equal((0, 0L), (0, 1L), (3, 0L), (0, 10L));
        builder.NextOffset(new TopicPartition("orders", 0)).Should().Be(11);
        a.ValueSchema.Should().Be(Schema.String);
    }

    [Fact]
    public void SinkRecordBuilder_IsATemplateForKeyHeadersAndTimestamp()
    {
        var builder = new SinkRecordBuilder().Key("k").Header("trace", "t-1").Timestamp(DateTimeOffset.FromUnixTimeMilliseconds(1000));

        var records = builder.BuildEach(1, 2);
        var tombstone = builder.ClearHeaders().Tombstone().Build();

        records.Should().AllSatisfy(r =>
        {
            r.Key.Should().Be("k");
            r.Topic.Should().Be(SinkRecordBuilder.DefaultTopic);
            r.Headers.LastWithName("trace")!.Value.Should().Be("t-1");
            r.Timestamp.Should().Be(1000);
            r.TimestampType.Should().Be(TimestampType.CreateTime);
        });
        tombstone.Value.Should().BeNull();
        tombstone.ValueSchema.Should().BeNull();
        tombstone.Headers.Should().BeEmpty();
    }

    [Fact]
    public void Builder_TypedSchema_IsChecked()
    {
        var schema = SchemaBuilder.Struct().Name("Order").Field("id", Schema.Int64).Build();
        var order = new Struct(schema).Put("id", 5L);

        new SinkRecordBuilder().Value(schema, order).Build().ValueSchema.Should().BeSameAs(schema);
        FluentActions.Invoking(() => new SinkRecordBuilder().Value(Schema.Int64, "five")).Should().Throw<Errors.DataException>();
    }

    [Fact]
    public void SourceRecordBuilder_TakesPartitionAndOffsetAsAnonymousObjects()
    {
        var record = new SourceRecordBuilder("lines").SourcePartition(new { file = "a.txt" }).SourceOffset(new { position = 3L }).KafkaPartition(2).Value("hello").Build();

        record.SourcePartition.Should().Equal(new Dictionary<string, object?> { ["file"] = "a.txt" });
        record.SourceOffset.Should().Equal(new Dictionary<string, object?> { ["position"] = 3L });
        record.KafkaPartition.Should().Be(2);
        record.Topic.Should().Be("lines");
    }
}
