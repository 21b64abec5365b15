using Connect.Sdk.Avro.Codec;
using Connect.Sdk.Avro.Mapping;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Avro.Tests.Mapping;

// The expected Avro JSON follows Confluent's AvroData (schema-registry avro-data module): property names, the order in
// which it adds them, ConnectDefault naming, union ordering for optional fields with defaults, and MapEntry records.
public class AvroDataSchemaTests
{
    private readonly AvroData _data = new();

    [Fact]
    public void FromConnectSchema_NamedStruct_IsRecordWithNamespaceAndConnectProperties()
    {
        var schema = SchemaBuilder.Struct().Name("com.acme.Order").Version(2).Doc("An order")
            .Field("id", Schema.Int64)
            .Field("note", Schema.OptionalString)
            .Build();

        Json(schema).Should().Be(
            """{"type":"record","name":"Order","namespace":"com.acme","fields":[{"name":"id","type":"long"},{"name":"note","type":["null","string"],"default":null}],"connect.doc":"An order","connect.version":2,"connect.name":"com.acme.Order"}""");
    }

    [Fact]
    public void FromConnectSchema_UnnamedStructs_AreNamedConnectDefaultThenNumbered()
    {
        var inner = SchemaBuilder.Struct().Field("x", Schema.Int32).Build();
        var schema = SchemaBuilder.Struct().Field("inner", inner).Build();

        Json(schema).Should().Be(
            """{"type":"record","name":"ConnectDefault","namespace":"io.confluent.connect.avro","fields":[{"name":"inner","type":{"type":"record","name":"ConnectDefault2","fields":[{"name":"x","type":"int"}]}}]}""");
    }

    [Fact]
    public void FromConnectSchema_OptionalFieldWithDefault_PutsTypeBeforeNull()
    {
        var schema = SchemaBuilder.Struct().Name("R")
            .Field("n", SchemaBuilder.Int32().Optional().DefaultValue(7).Build())
            .Field("r", SchemaBuilder.Int32().DefaultValue(3).Build())
            .Build();

        Json(schema).Should().Be(
            """{"type":"record","name":"R","fields":[{"name":"n","type":[{"type":"int","connect.default":7},"null"],"default":7},{"name":"r","type":{"type":"int","connect.default":3},"default":3}],"connect.name":"R"}""");
    }

    [Fact]
    public void FromConnectSchema_Int8AndInt16_CarryConnectType()
    {
        Json(Schema.Int8).Should().Be("""{"type":"int","connect.type":"int8"}""");
        Json(Schema.Int16).Should().Be("""{"type":"int","connect.type":"int16"}""");
        Json(Schema.OptionalInt16).Should().Be("""["null",{"type":"int","connect.type":"int16"}]""");
    }

    [Fact]
    public void FromConnectSchema_Decimal_IsBytesWithDecimalLogicalType()
    {
        Json(ConnectDecimal.Schema(2)).Should().Be(
            """{"type":"bytes","scale":2,"precision":64,"connect.version":1,"connect.parameters":{"scale":"2"},"connect.name":"org.apache.kafka.connect.data.Decimal","logicalType":"decimal"}""");

        var withPrecision = ConnectDecimal.Builder(3).Parameter("connect.decimal.precision", "10").Build();
        var avro = _data.FromConnectSchema(withPrecision);
        avro.LogicalType!.Precision.Should().Be(10);
        avro.LogicalType.Scale.Should().Be(3);
    }

    [Fact]
    public void FromConnectSchema_DateTimeTimestamp_UseAvroLogicalTypes()
    {
        Json(ConnectDate.Schema).Should().Be("""{"type":"int","connect.version":1,"connect.name":"org.apache.kafka.connect.data.Date","logicalType":"date"}""");
        Json(ConnectTime.Schema).Should().Be("""{"type":"int","connect.version":1,"connect.name":"org.apache.kafka.connect.data.Time","logicalType":"time-millis"}""");
        Json(ConnectTimestamp.Schema).Should().Be("""{"type":"long","connect.version":1,"connect.name":"org.apache.kafka.connect.data.Timestamp","logicalType":"timestamp-millis"}""");
    }

    [Fact]
    public void FromConnectSchema_Maps_StringKeysToAvroMapOthersToMapEntryArrays()
    {
        Json(SchemaBuilder.Map(Schema.String, Schema.Int32).Build()).Should().Be("""{"type":"map","values":"int"}""");
        Json(SchemaBuilder.Map(Schema.Int32, Schema.String).Build()).Should().Be(
            """{"type":"array","items":{"type":"record","name":"MapEntry","namespace":"io.confluent.connect.avro","fields":[{"name":"key","type":"int"},{"name":"value","type":"string"}]}}""");
        Json(SchemaBuilder.Map(Schema.OptionalString, Schema.String).Build()).Should().StartWith("""{"type":"array","items":{"type":"record","name":"MapEntry""");
    }

    [Fact]
    public void FromConnectSchema_TwoDifferentMapEntryRecords_GetDistinctNames()
    {
        var schema = SchemaBuilder.Struct().Name("R")
            .Field("a", SchemaBuilder.Map(Schema.Int32, Schema.String).Build())
            .Field("b", SchemaBuilder.Map(Schema.Int64, Schema.String).Build())
            .Build();

        var json = Json(schema);

        json.Should().Contain("\"name\":\"MapEntry\"").And.Contain("\"name\":\"MapEntry2\"").And.Contain("\"connect.internal.type\":\"MapEntry\"");
        AvroSchemaParser.Parse(json).Should().NotBeNull();
    }

    [Fact]
    public void FromConnectSchema_SameStructTwice_DefinesItOnceThenRefersByName()
    {
        var point = SchemaBuilder.Struct().Name("geo.Point").Field("x", Schema.Float64).Build();
        var optionalPoint = SchemaBuilder.Struct().Name("geo.Point").Field("x", Schema.Float64).Optional().Build();
        var schema = SchemaBuilder.Struct().Name("geo.Line").Field("from", point).Field("to", point).Field("via", optionalPoint).Build();

        var json = Json(schema);

        json.Should().Contain("""{"name":"to","type":"geo.Point"}""").And.Contain("""{"name":"via","type":["null","geo.Point"],"default":null}""");
    }

    [Fact]
    public void FromConnectSchema_DifferentStructsWithSameName_Throws()
    {
        var a = SchemaBuilder.Struct().Name("x.Same").Field("a", Schema.Int32).Build();
        var b = SchemaBuilder.Struct().Name("x.Same").Field("b", Schema.Int32).Build();
        var schema = SchemaBuilder.Struct().Name("x.Outer").Field("a", a).Field("b", b).Build();

        var act = () => _data.FromConnectSchema(schema);

        act.Should().Throw<DataException>().WithMessage("Two different Connect schemas map to the Avro name 'x.Same'*");
    }

    [Fact]
    public void FromConnectSchema_InvalidAvroNames_ThrowNamingThem()
    {
        var badField = SchemaBuilder.Struct().Name("R").Field("first-name", Schema.String).Build();
        var badName = SchemaBuilder.Struct().Name("my-record").Field("a", Schema.String).Build();

        FluentActions.Invoking(() => _data.FromConnectSchema(badField)).Should().Throw<DataException>()
            .WithMessage("The field name \"first-name\" of struct \"R\" is not a valid Avro name*");
        FluentActions.Invoking(() => _data.FromConnectSchema(badName)).Should().Throw<DataException>()
            .WithMessage("The Connect schema name \"my-record\" is not a valid Avro name*");
    }

    [Fact]
    public void FromConnectSchema_DocsAndParameters_AreCarried()
    {
        var schema = SchemaBuilder.Struct().Name("R")
            .Parameter("io.confluent.connect.avro.record.doc", "record doc")
            .Parameter("io.confluent.connect.avro.field.doc.a", "field doc")
            .Field("a", SchemaBuilder.String().Doc("schema doc").Parameter("k", "v").Build())
            .Build();

        Json(schema).Should().Be(
            """{"type":"record","name":"R","doc":"record doc","fields":[{"name":"a","type":{"type":"string","connect.doc":"schema doc","connect.parameters":{"k":"v"}},"doc":"field doc"}],"connect.parameters":{"io.confluent.connect.avro.record.doc":"record doc","io.confluent.connect.avro.field.doc.a":"field doc"},"connect.name":"R"}""");
    }

    [Fact]
    public void FromConnectSchema_EnumParameters_BecomeAvroEnumOnlyWithEnhancedSupport()
    {
        var color = SchemaBuilder.String().Name("com.acme.Color")
            .Parameter("io.confluent.connect.avro.Enum", "com.acme.Color")
            .Parameter("io.confluent.connect.avro.Enum.RED", "RED")
            .Parameter("io.confluent.connect.avro.Enum.GREEN", "GREEN")
            .Build();

        _data.FromConnectSchema(color).Type.Should().Be(AvroType.String);
        var enhanced = (EnumSchema)new AvroData(enhancedSchemaSupport: true).FromConnectSchema(color);
        enhanced.FullName.Should().Be("com.acme.Color");
        enhanced.Symbols.Should().Equal("RED", "GREEN");
    }

    [Fact]
    public void ToConnectSchema_ForeignRecord_MapsEveryType()
    {
        var avro = AvroSchemaParser.Parse("""
            {"type":"record","name":"Event","namespace":"ns","doc":"an event","fields":[
              {"name":"i","type":"int","default":5,"doc":"an int"},
              {"name":"l","type":"long"},
              {"name":"f","type":"float"},
              {"name":"d","type":"double"},
              {"name":"b","type":"boolean"},
              {"name":"s","type":["null","string"],"default":null},
              {"name":"raw","type":"bytes"},
              {"name":"hash","type":{"type":"fixed","name":"MD5","size":16}},
              {"name":"color","type":{"type":"enum","name":"Color","symbols":["RED","GREEN"],"default":"RED"}},
              {"name":"tags","type":{"type":"array","items":"string"}},
              {"name":"attrs","type":{"type":"map","values":"long"}},
              {"name":"choice","type":["null","int","string","Color"]},
              {"name":"when","type":{"type":"long","logicalType":"timestamp-millis"}},
              {"name":"day","type":{"type":"int","logicalType":"date"}},
              {"name":"at","type":{"type":"int","logicalType":"time-millis"}},
              {"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}},
              {"name":"micros","type":{"type":"long","logicalType":"timestamp-micros"}}
            ]}
            """);

        var schema = _data.ToConnectSchema(avro, version: 3);

        schema.Name.Should().Be("ns.Event");
        schema.Version.Should().Be(3);
        schema.Parameters.Should().Contain("io.confluent.connect.avro.record.doc", "an event").And.Contain("io.confluent.connect.avro.field.doc.i", "an int");
        Field(schema, "i").Type.Should().Be(SchemaType.Int32);
        Field(schema, "i").DefaultValue.Should().Be(5);
        Field(schema, "i").Parameters.Should().Contain("io.confluent.connect.avro.field.default", "true");
        Field(schema, "l").Type.Should().Be(SchemaType.Int64);
        Field(schema, "f").Type.Should().Be(SchemaType.Float32);
        Field(schema, "d").Type.Should().Be(SchemaType.Float64);
        Field(schema, "b").Type.Should().Be(SchemaType.Boolean);
        Field(schema, "s").Should().Be(Schema.OptionalString);
        Field(schema, "raw").Should().Be(Schema.Bytes);
        Field(schema, "hash").Type.Should().Be(SchemaType.Bytes);
        Field(schema, "hash").Name.Should().Be("ns.MD5");
        Field(schema, "hash").Parameters.Should().Contain("connect.fixed.size", "16");
        Field(schema, "color").Type.Should().Be(SchemaType.String);
        Field(schema, "color").Name.Should().Be("ns.Color");
        Field(schema, "color").Parameters.Should().Contain("io.confluent.connect.avro.Enum", "ns.Color")
            .And.Contain("io.confluent.connect.avro.Enum.GREEN", "GREEN")
            .And.Contain("io.confluent.connect.avro.enum.default.Color", "RED");
        Field(schema, "tags").ValueSchema.Should().Be(Schema.String);
        Field(schema, "attrs").KeySchema.Should().Be(Schema.String);
        Field(schema, "attrs").ValueSchema.Should().Be(Schema.Int64);
        var choice = Field(schema, "choice");
        choice.Name.Should().Be("io.confluent.connect.avro.Union");
        choice.IsOptional.Should().BeTrue();
        choice.Fields.Select(f => f.Name).Should().Equal("int", "string", "Color");
        Field(schema, "when").Name.Should().Be(ConnectTimestamp.LogicalName);
        Field(schema, "day").Name.Should().Be(ConnectDate.LogicalName);
        Field(schema, "at").Name.Should().Be(ConnectTime.LogicalName);
        Field(schema, "amount").Name.Should().Be(ConnectDecimal.LogicalName);
        Field(schema, "amount").Parameters.Should().Contain("scale", "2").And.Contain("connect.decimal.precision", "10");
        Field(schema, "micros").Should().Be(Schema.Int64);
    }

    [Fact]
    public void ToConnectSchema_RecursiveRecord_Throws()
    {
        var avro = AvroSchemaParser.Parse("""{"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"]}]}""");
        var act = () => _data.ToConnectSchema(avro);
        act.Should().Throw<DataException>().WithMessage("*'Node' refers to itself*");
    }

    [Fact]
    public void ToConnectSchema_StandaloneNull_Throws()
    {
        var act = () => _data.ToConnectSchema(AvroSchemaParser.Parse("\"null\""));
        act.Should().Throw<DataException>().WithMessage("Standalone null schemas are not supported by this converter.");
    }

    [Fact]
    public void SchemaMapping_RoundTrip_GivesEqualConnectSchema()
    {
        var address = SchemaBuilder.Struct().Name("com.acme.Address").Version(1)
            .Field("street", Schema.String)
            .Field("zip", SchemaBuilder.Int32().Optional().DefaultValue(0).Build())
            .Build();
        var schema = SchemaBuilder.Struct().Name("com.acme.Customer").Version(4).Doc("A customer")
            .Field("id", Schema.Int64)
            .Field("small", Schema.Int8)
            .Field("medium", Schema.OptionalInt16)
            .Field("ratio", Schema.Float32)
            .Field("score", Schema.OptionalFloat64)
            .Field("active", SchemaBuilder.Boolean().DefaultValue(true).Build())
            .Field("name", SchemaBuilder.String().Doc("full name").Build())
            .Field("photo", Schema.OptionalBytes)
            .Field("balance", ConnectDecimal.Builder(2).Optional().Build())
            .Field("born", ConnectDate.Schema)
            .Field("wakes", ConnectTime.OptionalSchema)
            .Field("seen", ConnectTimestamp.Schema)
            .Field("tags", SchemaBuilder.Array(Schema.String).Build())
            .Field("counts", SchemaBuilder.Map(Schema.String, Schema.Int64).Optional().Build())
            .Field("byId", SchemaBuilder.Map(Schema.Int32, address).Build())
            .Field("home", address)
            .Field("work", SchemaBuilder.Struct().Name("com.acme.Address").Version(1).Field("street", Schema.String)
                .Field("zip", SchemaBuilder.Int32().Optional().DefaultValue(0).Build()).Optional().Build())
            .Build();

        var back = _data.ToConnectSchema(AvroSchemaParser.Parse(AvroSchemaWriter.ToJson(_data.FromConnectSchema(schema))));

        back.Should().Be(schema);
    }

    private string Json(Schema schema) => AvroSchemaWriter.ToJson(_data.FromConnectSchema(schema));

    private static Schema Field(Schema schema, string name) => schema.FindField(name)!.Schema;
}
