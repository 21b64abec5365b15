using Connect.Sdk.Avro.Codec;

namespace Connect.Sdk.Avro.Tests.Codec;

public class SchemaParserTests
{
    [Theory]
    [InlineData("\"null\"", "null")]
    [InlineData("\"boolean\"", "boolean")]
    [InlineData("\"int\"", "int")]
    [InlineData("\"long\"", "long")]
    [InlineData("\"float\"", "float")]
    [InlineData("\"double\"", "double")]
    [InlineData("\"bytes\"", "bytes")]
    [InlineData("\"string\"", "string")]
    [InlineData("{\"type\":\"string\"}", "string")]
    public void Parse_Primitive_ReturnsType(string json, string typeName)
    {
        var schema = AvroSchemaParser.Parse(json);
        AvroSchema.TypeName(schema.Type).Should().Be(typeName);
        schema.Should().BeOfType<PrimitiveSchema>();
    }

    [Fact]
    public void Parse_Record_ReadsFieldsDocsDefaultsAliasesAndOrder()
    {
        var schema = (RecordSchema)AvroSchemaParser.Parse("""
            {"type":"record","name":"User","namespace":"com.acme","doc":"A user","aliases":["Person","org.Old"],
             "fields":[
               {"name":"id","type":"long","doc":"the id"},
               {"name":"name","type":"string","default":"anon","aliases":["fullName"]},
               {"name":"tags","type":{"type":"array","items":"string"},"default":[],"order":"descending"}
             ]}
            """);

        schema.FullName.Should().Be("com.acme.User");
        schema.Name.Should().Be("User");
        schema.Namespace.Should().Be("com.acme");
        schema.Doc.Should().Be("A user");
        schema.Aliases.Should().Equal("com.acme.Person", "org.Old");
        schema.Fields.Select(f => f.Name).Should().Equal("id", "name", "tags");
        schema.Fields[0].Doc.Should().Be("the id");
        schema.Fields[0].HasDefault.Should().BeFalse();
        schema.Fields[1].DefaultValue!.Value.GetString().Should().Be("anon");
        schema.Fields[1].Aliases.Should().Equal("fullName");
        schema.Fields[2].Order.Should().Be(AvroFieldOrder.Descending);
        schema.GetField("tags")!.Position.Should().Be(2);
    }

    [Fact]
    public void Parse_NestedNamedTypes_InheritEnclosingNamespace()
    {
        var schema = (RecordSchema)AvroSchemaParser.Parse("""
            {"type":"record","name":"Outer","namespace":"a.b","fields":[
              {"name":"e","type":{"type":"enum","name":"Color","symbols":["RED"]}},
              {"name":"f","type":{"type":"fixed","name":"x.y.Hash","size":4}},
              {"name":"g","type":{"type":"record","name":"Plain","namespace":"","fields":[]}}
            ]}
            """);

        ((NamedSchema)schema.Fields[0].Schema).FullName.Should().Be("a.b.Color");
        ((NamedSchema)schema.Fields[1].Schema).FullName.Should().Be("x.y.Hash");
        ((NamedSchema)schema.Fields[2].Schema).FullName.Should().Be("Plain");
    }

    [Fact]
    public void Parse_ReferenceToEarlierNamedType_ReusesTheSchema()
    {
        var schema = (RecordSchema)AvroSchemaParser.Parse("""
            {"type":"record","name":"Pair","namespace":"ns","fields":[
              {"name":"a","type":{"type":"record","name":"Point","fields":[{"name":"x","type":"int"}]}},
              {"name":"b","type":"Point"},
              {"name":"c","type":"ns.Point"},
              {"name":"d","type":["null","Point"]}
            ]}
            """);

        schema.Fields[1].Schema.Should().BeSameAs(schema.Fields[0].Schema);
        schema.Fields[2].Schema.Should().BeSameAs(schema.Fields[0].Schema);
        ((UnionSchema)schema.Fields[3].Schema).Branches[1].Should().BeSameAs(schema.Fields[0].Schema);
    }

    [Fact]
    public void Parse_RecursiveRecord_RefersToItself()
    {
        var schema = (RecordSchema)AvroSchemaParser.Parse("""
            {"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"]}]}
            """);

        ((UnionSchema)schema.Fields[0].Schema).Branches[1].Should().BeSameAs(schema);
    }

    [Fact]
    public void Parse_LogicalTypes_AreAnnotationsOnTheUnderlyingType()
    {
        AvroSchemaParser.Parse("""{"type":"int","logicalType":"date"}""").LogicalType!.Name.Should().Be("date");
        AvroSchemaParser.Parse("""{"type":"int","logicalType":"time-millis"}""").LogicalType!.Name.Should().Be("time-millis");
        AvroSchemaParser.Parse("""{"type":"long","logicalType":"time-micros"}""").LogicalType!.Name.Should().Be("time-micros");
        AvroSchemaParser.Parse("""{"type":"long","logicalType":"timestamp-millis"}""").LogicalType!.Name.Should().Be("timestamp-millis");
        AvroSchemaParser.Parse("""{"type":"long","logicalType":"timestamp-micros"}""").LogicalType!.Name.Should().Be("timestamp-micros");
        AvroSchemaParser.Parse("""{"type":"string","logicalType":"uuid"}""").LogicalType!.Name.Should().Be("uuid");

        var dec = AvroSchemaParser.Parse("""{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}""");
        dec.Type.Should().Be(AvroType.Bytes);
        dec.LogicalType!.Precision.Should().Be(9);
        dec.LogicalType.Scale.Should().Be(2);

        var fixedDec = AvroSchemaParser.Parse("""{"type":"fixed","name":"D","size":4,"logicalType":"decimal","precision":9}""");
        fixedDec.LogicalType!.Scale.Should().Be(0);
    }

    [Theory]
    [InlineData("""{"type":"string","logicalType":"date"}""")]
    [InlineData("""{"type":"int","logicalType":"unknown-thing"}""")]
    [InlineData("""{"type":"bytes","logicalType":"decimal","precision":2,"scale":3}""")]
    [InlineData("""{"type":"bytes","logicalType":"decimal"}""")]
    [InlineData("""{"type":"fixed","name":"D","size":2,"logicalType":"decimal","precision":5}""")]
    public void Parse_InvalidLogicalType_IsIgnored(string json)
    {
        var schema = AvroSchemaParser.Parse(json);
        schema.LogicalType.Should().BeNull();
        schema.GetStringProperty("logicalType").Should().NotBeNull();
    }

    [Fact]
    public void Parse_Enum_ReadsSymbolsAndDefault()
    {
        var schema = (EnumSchema)AvroSchemaParser.Parse("""{"type":"enum","name":"E","symbols":["A","B"],"default":"B","doc":"d"}""");
        schema.Symbols.Should().Equal("A", "B");
        schema.Default.Should().Be("B");
        schema.IndexOf("B").Should().Be(1);
        schema.IndexOf("Z").Should().Be(-1);
    }

    [Fact]
    public void Parse_UnknownAttributes_AreKeptAsProperties()
    {
        var schema = AvroSchemaParser.Parse("""{"type":"long","connect.version":1,"connect.name":"x.Y"}""");
        schema.GetStringProperty("connect.name").Should().Be("x.Y");
        schema.TryGetProperty("connect.version", out var version).Should().BeTrue();
        version.GetInt32().Should().Be(1);
    }

    [Theory]
    [InlineData("\"Nope\"", "Unknown type 'Nope'*")]
    [InlineData("{\"type\":\"record\",\"fields\":[]}", "A record schema has no 'name'*")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\"}", "Record 'R' has no 'fields' array*")]
    [InlineData("{\"type\":\"record\",\"name\":\"1R\",\"fields\":[]}", "Invalid name '1R'*")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\"}]}", "Field 'a' of record 'R' has no 'type'*")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"a\",\"type\":\"int\"}]}", "Record 'R' has more than one field named 'a'*")]
    [InlineData("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"A\"]}", "Enum 'E' has duplicate symbol 'A'*")]
    [InlineData("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\"],\"default\":\"B\"}", "The default symbol 'B'*")]
    [InlineData("{\"type\":\"fixed\",\"name\":\"F\"}", "Fixed 'F' needs a non-negative integer 'size'*")]
    [InlineData("{\"type\":\"array\"}", "Array schema has no 'items'*")]
    [InlineData("{\"type\":\"map\"}", "Map schema has no 'values'*")]
    [InlineData("[\"int\",\"int\"]", "Unions may not contain more than one schema of the same type*")]
    [InlineData("[\"int\",[\"string\"]]", "Unions may not immediately contain other unions*")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":{\"type\":\"record\",\"name\":\"R\",\"fields\":[]}}]}", "*The type 'R' is defined more than once*")]
    [InlineData("{\"type\":\"fixed\",\"name\":\"int\",\"size\":1}", "A named type cannot be called 'int'*")]
    [InlineData("{not json", "Schema is not valid JSON*")]
    [InlineData("42", "A schema must be a JSON string, object or array*")]
    public void Parse_InvalidSchema_ThrowsWithReason(string json, string message)
    {
        var act = () => AvroSchemaParser.Parse(json);
        act.Should().Throw<AvroSchemaException>().WithMessage(message);
    }

    [Fact]
    public void ToJson_RoundTripsThroughTheParser()
    {
        const string json = """
            {"type":"record","name":"Outer","namespace":"a.b","doc":"d","fields":[
              {"name":"e","type":{"type":"enum","name":"Color","symbols":["RED","GREEN"],"default":"RED"},"default":"GREEN"},
              {"name":"e2","type":"Color"},
              {"name":"p","type":{"type":"record","name":"Plain","namespace":"","fields":[{"name":"x","type":{"type":"int","logicalType":"date"}}]}},
              {"name":"m","type":{"type":"map","values":["null","Plain"]},"doc":"map","order":"ignore"},
              {"name":"f","type":{"type":"fixed","name":"Hash","size":16,"aliases":["Digest"]}}
            ],"connect.name":"a.b.Outer"}
            """;
        var schema = AvroSchemaParser.Parse(json);
        var text = AvroSchemaWriter.ToJson(schema);
        var again = AvroSchemaParser.Parse(text);

        AvroSchemaWriter.ToJson(again).Should().Be(text);
        AvroSchemaWriter.ToCanonicalForm(again).Should().Be(AvroSchemaWriter.ToCanonicalForm(schema));
        text.Should().Contain("\"namespace\":\"\"").And.Contain("\"connect.name\":\"a.b.Outer\"").And.Contain("\"logicalType\":\"date\"");
        text.Should().Contain("{\"name\":\"e2\",\"type\":\"a.b.Color\"}");
    }
}
