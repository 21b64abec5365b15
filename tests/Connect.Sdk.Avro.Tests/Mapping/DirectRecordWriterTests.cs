using System.Buffers;
using Connect.Sdk.Avro.Codec;
using Connect.Sdk.Avro.Mapping;
using Connect.Sdk.Data;
using Connect.Sdk.TestSupport;

namespace Connect.Sdk.Avro.Tests.Mapping;

/// <summary>
/// The direct writer must write exactly what converting to a generic record and writing that writes (the path the
/// conformance tests check against the Avro reference implementation), and leave every record it is not sure of to it;
/// <c>AvroConverterTests.FromConnectData_MissingRequiredField_NamesTheField</c> shows the converter then reports the
/// general path's error.
/// </summary>
public class DirectRecordWriterTests
{
    private static readonly string[] Texts = ["", "plain", "caf\u00e9 \u20ac", "\ud83d\ude00", "tab\tnew line\n", "\"quoted\""];

    // Avro writes every double as its eight bytes, non-finite ones included.
    private static readonly double[] Doubles = [0.0, -0.0, 1.0, 19.99, double.NaN, double.PositiveInfinity, double.MaxValue, double.Epsilon];

    private static readonly float[] Floats = [0f, 1.5f, float.NaN, float.NegativeInfinity, float.MaxValue];

    private readonly AvroData _data = new();

    [Fact]
    public void TryWrite_RandomStructsOfPrimitives_WritesWhatTheGenericPathWrites()
    {
        var structs = new RandomPrimitiveStructs(new Random(20261122), Texts, Doubles, Floats);
        var written = 0;
        for (var i = 0; i < 300; i++)
        {
            var schema = structs.NextSchema();
            var avroSchema = _data.FromConnectSchema(schema);
            var writer = DirectRecordWriter.For(schema, avroSchema);
            writer.Should().NotBeNull($"schema {schema} has only primitive and struct fields");
            for (var j = 0; j < 5; j++)
            {
                var value = structs.NextValue(schema);
                var direct = WriteDirectly(writer!, value);
                direct.Should().NotBeNull($"every value of {schema} is of its field's type and every required field is set");
                direct.Should().Equal(WriteGenerically(schema, avroSchema, value), $"schema {schema}");
                written++;
            }
        }

        written.Should().Be(1500);
    }

    [Fact]
    public void TryWrite_OptionalFieldWithDefault_WritesTheUnionBranchesInTheirOrder()
    {
        // An optional field with a default has its type before null in the union, so its branches are 0 and 1 swapped.
        var schema = SchemaBuilder.Struct()
            .Field("count", SchemaBuilder.Int32().Optional().DefaultValue(7).Build())
            .Field("label", SchemaBuilder.String().Optional().Build())
            .Build();
        var avroSchema = _data.FromConnectSchema(schema);
        var writer = DirectRecordWriter.For(schema, avroSchema)!;

        foreach (var value in new[] { new Struct(schema), new Struct(schema).Put("count", 3).Put("label", "x") })
        {
            WriteDirectly(writer, value).Should().Equal(WriteGenerically(schema, avroSchema, value));
        }

        // The unset "count" is written as its default, 7: branch 0 (int), zig-zag 14; "label" is null: branch 0.
        WriteDirectly(writer, new Struct(schema)).Should().Equal(0, 14, 0);
    }

    [Fact]
    public void TryWrite_RequiredFieldWithoutValue_Declines()
    {
        var schema = SchemaBuilder.Struct().Field("id", Schema.Int64).Field("name", Schema.String).Build();
        var writer = DirectRecordWriter.For(schema, _data.FromConnectSchema(schema))!;

        WriteDirectly(writer, new Struct(schema).Put("id", 1L)).Should().BeNull();
    }

    [Fact]
    public void TryWrite_NestedStructOfAnEqualSchemaInstance_WritesIt()
    {
        var inner = SchemaBuilder.Struct().Name("Inner").Field("a", Schema.Int32).Build();
        var equalInner = SchemaBuilder.Struct().Name("Inner").Field("a", Schema.Int32).Build();
        var outer = SchemaBuilder.Struct().Field("inner", inner).Build();
        var avroSchema = _data.FromConnectSchema(outer);
        var value = new Struct(outer).Put("inner", new Struct(equalInner).Put("a", 5));

        WriteDirectly(DirectRecordWriter.For(outer, avroSchema)!, value).Should().Equal(10).And.Equal(WriteGenerically(outer, avroSchema, value));
    }

    public static TheoryData<Schema> SchemasLeftToTheGenericPath => new()
    {
        SchemaBuilder.Struct().Field("b", Schema.Bytes).Build(),
        SchemaBuilder.Struct().Field("a", SchemaBuilder.Array(Schema.Int32).Build()).Build(),
        SchemaBuilder.Struct().Field("m", SchemaBuilder.Map(Schema.String, Schema.Int32).Build()).Build(),
        SchemaBuilder.Struct().Field("d", ConnectDecimal.Schema(2)).Build(),
        SchemaBuilder.Struct().Field("t", ConnectTimestamp.Schema).Build(),
        SchemaBuilder.Struct().Field("day", ConnectDate.Schema).Build(),
        SchemaBuilder.Struct().Field("time", ConnectTime.Schema).Build(),
        SchemaBuilder.Struct().Field("outer", SchemaBuilder.Struct().Field("b", Schema.Bytes).Build()).Build(),
        SchemaBuilder.Struct().Field("u", SchemaBuilder.Struct().Name("io.confluent.connect.avro.Union").Field("int", Schema.OptionalInt32).Field("string", Schema.OptionalString).Optional().Build()).Build(),
    };

    [Theory]
    [MemberData(nameof(SchemasLeftToTheGenericPath))]
    public void For_SchemaWithMoreThanPrimitives_HasNoWriter(Schema schema) =>
        DirectRecordWriter.For(schema, _data.FromConnectSchema(schema)).Should().BeNull();

    [Fact]
    public void For_EnumWithEnhancedSchemaSupport_HasNoWriter()
    {
        // With enhanced.avro.schema.support a string with enum parameters becomes an Avro enum, written as an index.
        var schema = SchemaBuilder.Struct()
            .Field("e", SchemaBuilder.String().Parameter(AvroData.EnumParam, "Color").Parameter(AvroData.EnumParam + ".RED", "RED").Build())
            .Build();

        DirectRecordWriter.For(schema, new AvroData(enhancedSchemaSupport: true).FromConnectSchema(schema)).Should().BeNull();
        DirectRecordWriter.For(schema, _data.FromConnectSchema(schema)).Should().NotBeNull("without it the field is an Avro string");
    }

    [Fact]
    public void For_NonStructSchema_HasNoWriter() =>
        DirectRecordWriter.For(Schema.String, _data.FromConnectSchema(Schema.String)).Should().BeNull();

    [Fact]
    public void For_OptionalTopLevelStruct_HasNoWriter()
    {
        // Its Avro schema is a union with null, whose branch index the direct writer does not write.
        var schema = SchemaBuilder.Struct().Field("a", Schema.Int32).Optional().Build();

        DirectRecordWriter.For(schema, _data.FromConnectSchema(schema)).Should().BeNull();
    }

    private static byte[]? WriteDirectly(DirectRecordWriter writer, Struct value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        return writer.TryWrite(new AvroBinaryWriter(buffer), value) ? buffer.WrittenSpan.ToArray() : null;
    }

    private byte[] WriteGenerically(Schema schema, AvroSchema avroSchema, Struct value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        GenericDatumWriter.Write(new AvroBinaryWriter(buffer), avroSchema, _data.FromConnectData(schema, avroSchema, value));
        return buffer.WrittenSpan.ToArray();
    }
}
