using Connect.Sdk.Avro.Codec;
using static Connect.Sdk.Avro.Tests.Codec.CodecTestHelpers;

namespace Connect.Sdk.Avro.Tests.Codec;

// Cases follow the "Schema Resolution" section of the Avro 1.11 specification.
public class SchemaResolutionTests
{
    [Theory]
    [InlineData("\"int\"", "\"long\"", 7, 7L)]
    [InlineData("\"int\"", "\"float\"", 7, 7f)]
    [InlineData("\"int\"", "\"double\"", 7, 7d)]
    [InlineData("\"long\"", "\"float\"", 9L, 9f)]
    [InlineData("\"long\"", "\"double\"", 9L, 9d)]
    [InlineData("\"float\"", "\"double\"", 1.5f, 1.5d)]
    public void Resolve_NumericPromotion_ReadsWriterValueAsReaderType(string writer, string reader, object written, object expected)
    {
        Decode(writer, reader, Encode(writer, written)).Should().Be(expected);
    }

    [Fact]
    public void Resolve_StringAndBytes_AreInterchangeable()
    {
        ((byte[])Decode("\"string\"", "\"bytes\"", Encode("\"string\"", "hé"))!).Should().Equal(0x68, 0xC3, 0xA9);
        Decode("\"bytes\"", "\"string\"", Encode("\"bytes\"", new byte[] { 0x68, 0x69 })).Should().Be("hi");
    }

    [Theory]
    [InlineData("\"long\"", "\"int\"")]
    [InlineData("\"double\"", "\"float\"")]
    [InlineData("\"string\"", "\"int\"")]
    [InlineData("\"boolean\"", "\"null\"")]
    public void Resolve_IncompatiblePrimitives_Throws(string writer, string reader)
    {
        var act = () => GenericDatumReader.Create(AvroSchemaParser.Parse(writer), AvroSchemaParser.Parse(reader));
        act.Should().Throw<AvroResolutionException>().WithMessage("Cannot resolve the schemas: the writer's*cannot be read as the reader's*");
    }

    [Fact]
    public void Resolve_AddedFieldWithDefault_UsesDefault()
    {
        const string writer = """{"type":"record","name":"User","fields":[{"name":"id","type":"long"}]}""";
        const string reader = """
            {"type":"record","name":"User","fields":[
              {"name":"id","type":"long"},
              {"name":"email","type":["null","string"],"default":null},
              {"name":"score","type":"double","default":1.5},
              {"name":"tags","type":{"type":"array","items":"string"},"default":["a"]},
              {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["A","B"]},"default":"B"},
              {"name":"raw","type":"bytes","default":"\u00ff\u0001"}
            ]}
            """;
        var record = (AvroRecord)Decode(writer, reader, Encode(writer, Record(writer, ("id", 42L))))!;

        record["id"].Should().Be(42L);
        record["email"].Should().BeNull();
        record["score"].Should().Be(1.5);
        record["tags"].Should().BeEquivalentTo(new List<object?> { "a" });
        ((AvroEnumSymbol)record["kind"]!).Symbol.Should().Be("B");
        ((byte[])record["raw"]!).Should().Equal(0xFF, 0x01);
    }

    [Fact]
    public void Resolve_DefaultValues_AreNotSharedBetweenReads()
    {
        const string writer = """{"type":"record","name":"R","fields":[]}""";
        const string reader = """{"type":"record","name":"R","fields":[{"name":"xs","type":{"type":"array","items":"int"},"default":[1]}]}""";
        var decoder = GenericDatumReader.Create(AvroSchemaParser.Parse(writer), AvroSchemaParser.Parse(reader));
        var first = (AvroRecord)decoder.Read([])!;
        ((List<object?>)first["xs"]!).Add(2);

        var second = (AvroRecord)decoder.Read([])!;
        ((List<object?>)second["xs"]!).Should().Equal(1);
    }

    [Fact]
    public void Resolve_AddedFieldWithoutDefault_ThrowsNamingTheField()
    {
        const string writer = """{"type":"record","name":"User","fields":[{"name":"id","type":"long"}]}""";
        const string reader = """{"type":"record","name":"User","fields":[{"name":"id","type":"long"},{"name":"email","type":"string"}]}""";
        var act = () => GenericDatumReader.Create(AvroSchemaParser.Parse(writer), AvroSchemaParser.Parse(reader));
        act.Should().Throw<AvroResolutionException>()
            .WithMessage("Cannot resolve the schemas at field 'email': the reader's record 'User' has a field 'email' that the writer's record 'User' lacks, and it has no default value.");
    }

    [Fact]
    public void Resolve_RemovedField_IsSkipped()
    {
        const string writer = """
            {"type":"record","name":"R","fields":[
              {"name":"a","type":"int"},
              {"name":"gone","type":{"type":"record","name":"Sub","fields":[{"name":"s","type":"string"},{"name":"m","type":{"type":"map","values":["null","double"]}}]}},
              {"name":"u","type":["null","string"]},
              {"name":"b","type":"string"}]}
            """;
        const string reader = """{"type":"record","name":"R","fields":[{"name":"b","type":"string"},{"name":"a","type":"long"}]}""";
        var writerSchema = (RecordSchema)AvroSchemaParser.Parse(writer);
        var sub = new AvroRecord((RecordSchema)writerSchema.Fields[1].Schema)
        {
            ["s"] = "skip me",
            ["m"] = new Dictionary<string, object?> { ["x"] = 1.0, ["y"] = null },
        };
        var value = new AvroRecord(writerSchema) { ["a"] = 1, ["gone"] = sub, ["u"] = "also", ["b"] = "kept" };

        var record = (AvroRecord)Decode(writer, reader, Encode(writerSchema, value))!;

        record["b"].Should().Be("kept");
        record["a"].Should().Be(1L);
    }

    [Fact]
    public void Resolve_FieldAlias_MatchesRenamedField()
    {
        const string writer = """{"type":"record","name":"R","fields":[{"name":"old","type":"int"}]}""";
        const string reader = """{"type":"record","name":"R","fields":[{"name":"renamed","type":"int","aliases":["old"]}]}""";
        ((AvroRecord)Decode(writer, reader, Encode(writer, Record(writer, ("old", 5))))!)["renamed"].Should().Be(5);
    }

    [Fact]
    public void Resolve_RecordAlias_MatchesRenamedRecord()
    {
        const string writer = """{"type":"record","name":"a.Old","fields":[{"name":"x","type":"int"}]}""";
        const string reader = """{"type":"record","name":"b.New","aliases":["a.Old"],"fields":[{"name":"x","type":"int"}]}""";
        ((AvroRecord)Decode(writer, reader, Encode(writer, Record(writer, ("x", 5))))!)["x"].Should().Be(5);
    }

    [Fact]
    public void Resolve_RecordsWithDifferentNames_Throw()
    {
        var act = () => GenericDatumReader.Create(
            AvroSchemaParser.Parse("""{"type":"record","name":"A","fields":[]}"""),
            AvroSchemaParser.Parse("""{"type":"record","name":"B","fields":[]}"""));
        act.Should().Throw<AvroResolutionException>().WithMessage("*record 'A' does not match the reader's record 'B'*");
    }

    [Fact]
    public void Resolve_EnumSymbolMissingInReader_UsesReaderDefault()
    {
        const string writer = """{"type":"enum","name":"Color","symbols":["RED","GREEN","PURPLE"]}""";
        const string reader = """{"type":"enum","name":"Color","symbols":["RED","GREEN","OTHER"],"default":"OTHER"}""";
        ((AvroEnumSymbol)Decode(writer, reader, Encode(writer, "PURPLE"))!).Symbol.Should().Be("OTHER");
        ((AvroEnumSymbol)Decode(writer, reader, Encode(writer, "GREEN"))!).Symbol.Should().Be("GREEN");
    }

    [Fact]
    public void Resolve_EnumSymbolMissingInReaderWithoutDefault_ThrowsWhenRead()
    {
        const string writer = """{"type":"enum","name":"Color","symbols":["RED","PURPLE"]}""";
        const string reader = """{"type":"enum","name":"Color","symbols":["RED"]}""";
        ((AvroEnumSymbol)Decode(writer, reader, Encode(writer, "RED"))!).Symbol.Should().Be("RED");
        var act = () => Decode(writer, reader, Encode(writer, "PURPLE"));
        act.Should().Throw<AvroResolutionException>().WithMessage("The writer's symbol 'PURPLE' is not a symbol of the reader's enum 'Color', which has no default.");
    }

    [Fact]
    public void Resolve_WriterUnionToNonUnion_ReadsMatchingBranchAndFailsOthers()
    {
        const string writer = "[\"int\",\"string\"]";
        Decode(writer, "\"long\"", Encode(writer, 3)).Should().Be(3L);
        var act = () => Decode(writer, "\"long\"", Encode(writer, "x"));
        act.Should().Throw<AvroResolutionException>().WithMessage("*'string' cannot be read as the reader's 'long'*");
    }

    [Fact]
    public void Resolve_NonUnionToReaderUnion_PicksFirstMatchingBranch()
    {
        Decode("\"int\"", "[\"null\",\"string\",\"long\"]", Encode("\"int\"", 4)).Should().Be(4L);
        Decode("\"string\"", "[\"null\",\"string\"]", Encode("\"string\"", "s")).Should().Be("s");
    }

    [Fact]
    public void Resolve_NonUnionToReaderUnionWithoutMatch_Throws()
    {
        var act = () => GenericDatumReader.Create(AvroSchemaParser.Parse("\"boolean\""), AvroSchemaParser.Parse("[\"null\",\"string\"]"));
        act.Should().Throw<AvroResolutionException>().WithMessage("*'boolean' matches no branch of the reader's union*");
    }

    [Fact]
    public void Resolve_UnionToUnion_ResolvesEachBranch()
    {
        const string writer = "[\"null\",\"int\",\"string\"]";
        const string reader = "[\"string\",\"null\",\"double\"]";
        Decode(writer, reader, Encode(writer, 5)).Should().Be(5d);
        Decode(writer, reader, Encode(writer, null)).Should().BeNull();
        Decode(writer, reader, Encode(writer, "z")).Should().Be("z");
    }

    [Fact]
    public void Resolve_ArraysAndMaps_ResolveTheirItems()
    {
        const string writer = """{"type":"map","values":{"type":"array","items":"int"}}""";
        const string reader = """{"type":"map","values":{"type":"array","items":"double"}}""";
        var value = new Dictionary<string, object?> { ["k"] = new List<object?> { 1, 2 } };
        var result = (Dictionary<string, object?>)Decode(writer, reader, Encode(writer, value))!;
        result["k"].Should().BeEquivalentTo(new List<object?> { 1d, 2d });
    }

    [Fact]
    public void Resolve_FixedOfDifferentSize_Throws()
    {
        var act = () => GenericDatumReader.Create(
            AvroSchemaParser.Parse("""{"type":"fixed","name":"F","size":4}"""),
            AvroSchemaParser.Parse("""{"type":"fixed","name":"F","size":8}"""));
        act.Should().Throw<AvroResolutionException>().WithMessage("*4 bytes*8 bytes*");
    }

    [Fact]
    public void Resolve_NestedFieldMismatch_NamesThePath()
    {
        const string writer = """{"type":"record","name":"R","fields":[{"name":"inner","type":{"type":"record","name":"I","fields":[{"name":"v","type":"string"}]}}]}""";
        const string reader = """{"type":"record","name":"R","fields":[{"name":"inner","type":{"type":"record","name":"I","fields":[{"name":"v","type":"int"}]}}]}""";
        var act = () => GenericDatumReader.Create(AvroSchemaParser.Parse(writer), AvroSchemaParser.Parse(reader));
        act.Should().Throw<AvroResolutionException>().WithMessage("Cannot resolve the schemas at field 'inner.v'*");
    }

    [Fact]
    public void Resolve_RecursiveSchemas_Resolve()
    {
        const string writer = """{"type":"record","name":"Node","fields":[{"name":"v","type":"int"},{"name":"next","type":["null","Node"]}]}""";
        const string reader = """{"type":"record","name":"Node","fields":[{"name":"v","type":"long"},{"name":"next","type":["null","Node"]},{"name":"x","type":"int","default":0}]}""";
        var schema = (RecordSchema)AvroSchemaParser.Parse(writer);
        var tail = new AvroRecord(schema) { ["v"] = 2, ["next"] = null };
        var head = new AvroRecord(schema) { ["v"] = 1, ["next"] = tail };

        var result = (AvroRecord)Decode(writer, reader, Encode(schema, head))!;

        result["v"].Should().Be(1L);
        ((AvroRecord)result["next"]!)["v"].Should().Be(2L);
        ((AvroRecord)result["next"]!)["x"].Should().Be(0);
    }

    [Fact]
    public void Defaults_InvalidForType_AreReported()
    {
        var schema = AvroSchemaParser.Parse("\"int\"");
        using var doc = System.Text.Json.JsonDocument.Parse("\"five\"");
        var act = () => AvroDefaults.ToGeneric(doc.RootElement, schema);
        act.Should().Throw<AvroException>().WithMessage("Invalid default value \"five\" for the Avro type int.");
    }

    private static AvroRecord Record(string schemaJson, params (string Name, object? Value)[] values)
    {
        var record = new AvroRecord((RecordSchema)AvroSchemaParser.Parse(schemaJson));
        foreach (var (name, value) in values)
        {
            record[name] = value;
        }

        return record;
    }
}
