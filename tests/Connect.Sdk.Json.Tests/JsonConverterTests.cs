using System.Collections;
using Connect.Sdk.Converters;
using Connect.Sdk.Data;
using static Connect.Sdk.Json.Tests.TestConverters;

namespace Connect.Sdk.Json.Tests;

public class JsonConverterTests
{
    [Fact]
    public void IsAConverterAndAHeaderConverter()
    {
        var converter = new JsonConverter();

        converter.Should().BeAssignableTo<IConverter>().And.BeAssignableTo<IHeaderConverter>();
    }

    [Fact]
    public void NullSchemaAndNullValue_IsATombstone()
    {
        Value().FromConnectData(Topic, null, null, null).Should().BeNull();
        Schemaless().FromConnectData(Topic, null, null, null).Should().BeNull();
    }

    [Fact]
    public void NullBytes_ReadAsNull()
    {
        Value().ToConnectData(Topic, null, null).Should().Be(SchemaAndValue.Null);
        Schemaless().ToConnectData(Topic, null, null).Should().Be(SchemaAndValue.Null);
    }

    [Fact]
    public void OptionalSchemaWithNullValue_IsAnEnvelopeNotATombstone() =>
        Text(Value().FromConnectData(Topic, null, Schema.OptionalString, null))
            .Should().Be("{\"schema\":{\"type\":\"string\",\"optional\":true},\"payload\":null}");

    [Fact]
    public void SchemasDisabled_OptionalSchemaWithNullValue_WritesNull() =>
        Text(Schemaless().FromConnectData(Topic, null, Schema.OptionalString, null)).Should().Be("null");

    [Fact]
    public void SchemasDisabled_BlankInput_ReadsAsNull()
    {
        Schemaless().ToConnectData(Topic, null, []).Should().Be(SchemaAndValue.Null);
        Schemaless().ToConnectData(Topic, null, Bytes(" \r\n")).Should().Be(SchemaAndValue.Null);
    }

    [Fact]
    public void SchemasDisabled_ReadsSchemalessValues()
    {
        var converter = Schemaless();

        converter.ToConnectData(Topic, null, Bytes("true")).Should().Be(new SchemaAndValue(null, true));
        converter.ToConnectData(Topic, null, Bytes("12")).Should().Be(new SchemaAndValue(null, 12L));
        converter.ToConnectData(Topic, null, Bytes("12.24")).Should().Be(new SchemaAndValue(null, 12.24));
        converter.ToConnectData(Topic, null, Bytes("1e2")).Should().Be(new SchemaAndValue(null, 100.0));
        converter.ToConnectData(Topic, null, Bytes("\"a string\"")).Should().Be(new SchemaAndValue(null, "a string"));
        converter.ToConnectData(Topic, null, Bytes("[1, \"2\", 3]"))
            .Should().Be(new SchemaAndValue(null, new List<object?> { 1L, "2", 3L }));
    }

    [Fact]
    public void SchemasDisabled_ObjectsReadAsStringKeyedDictionaries()
    {
        // JsonConverterTest.schemalessWithEmptyFieldValueToConnect
        var result = Schemaless().ToConnectData(Topic, null, Bytes("{ \"a\": \"\", \"b\": null}"));

        result.Schema.Should().BeNull();
        result.Value.Should().BeOfType<Dictionary<string, object?>>()
            .Which.Should().BeEquivalentTo(new Dictionary<string, object?> { ["a"] = "", ["b"] = null });
    }

    [Fact]
    public void TrailingContentAfterTheValue_IsIgnoredLikeJackson() =>
        Value().ToConnectData(Topic, null, Bytes("{\"schema\":null,\"payload\":1} trailing"))
            .Should().Be(new SchemaAndValue(null, 1L));

    [Fact]
    public void Utf8ByteOrderMark_IsSkipped() =>
        Schemaless().ToConnectData(Topic, null, [0xEF, 0xBB, 0xBF, (byte)'7']).Should().Be(new SchemaAndValue(null, 7L));

    [Fact]
    public void StructMembers_InAnyOrder_AndUnknownOnesIgnored()
    {
        const string json = "{\"payload\":{\"extra\":[1,{\"x\":2}],\"b\":\"two\",\"a\":1},"
            + "\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"field\":\"a\"},{\"type\":\"string\",\"field\":\"b\"}]}}";
        var schema = SchemaBuilder.Struct().Field("a", Schema.Int32).Field("b", Schema.String).Build();

        Value().ToConnectData(Topic, null, Bytes(json))
            .Should().Be(new SchemaAndValue(schema, new Struct(schema).Put("a", 1).Put("b", "two")));
    }

    [Theory]
    [InlineData("12.0", 12)]
    [InlineData("1e2", 100)]
    [InlineData("-3", -3)]
    public void IntegersWrittenInFloatingPointForm_AreRead(string payload, int expected) =>
        Value().ToConnectData(Topic, null, Bytes($"{{\"schema\":{{\"type\":\"int32\"}},\"payload\":{payload}}}"))
            .Value.Should().Be(expected);

    [Fact]
    public void FloatsAcceptIntegers() =>
        Value().ToConnectData(Topic, null, Bytes("{\"schema\":{\"type\":\"float\"},\"payload\":12}")).Value.Should().Be(12f);

    [Theory]
    [InlineData(double.NaN, "\"NaN\"")]
    [InlineData(double.PositiveInfinity, "\"Infinity\"")]
    [InlineData(double.NegativeInfinity, "\"-Infinity\"")]
    public void NonFiniteDoubles_AreQuotedAndReadBack(double value, string payload)
    {
        var converter = Value();
        var bytes = converter.FromConnectData(Topic, null, Schema.Float64, value);

        Text(bytes).Should().Be($"{{\"schema\":{{\"type\":\"double\",\"optional\":false}},\"payload\":{payload}}}");
        converter.ToConnectData(Topic, null, bytes).Value.Should().Be(value);
    }

    [Fact]
    public void NonFiniteFloats_AreQuotedAndReadBack()
    {
        var converter = Value();
        var bytes = converter.FromConnectData(Topic, null, Schema.Float32, float.NaN);

        Text(bytes).Should().EndWith("\"payload\":\"NaN\"}");
        converter.ToConnectData(Topic, null, bytes).Value.Should().Be(float.NaN);
    }

    [Fact]
    public void UnpairedSurrogates_RoundTrip()
    {
        var value = "x" + (char)0xD83D + "y";
        var converter = Value();
        var bytes = converter.FromConnectData(Topic, null, Schema.String, value);

        Text(bytes).Should().EndWith("\"payload\":\"x\\uD83Dy\"}");
        converter.ToConnectData(Topic, null, bytes).Value.Should().Be(value);
    }

    [Fact]
    public void ReadOnlyMemoryBytes_AreWrittenAsBase64() =>
        Text(Value().FromConnectData(Topic, null, Schema.Bytes, new ReadOnlyMemory<byte>([1, 2, 3, 4], 1, 2)))
            .Should().EndWith("\"payload\":\"AgM=\"}");

    [Fact]
    public void DecimalIsRescaledToTheSchemaScale()
    {
        Text(Value().FromConnectData(Topic, null, ConnectDecimal.Schema(2), 1.5m)).Should().EndWith("\"payload\":\"AJY=\"}");
        Text(Value((JsonConverter.DecimalFormatConfig, "NUMERIC")).FromConnectData(Topic, null, ConnectDecimal.Schema(2), 1.5m))
            .Should().EndWith("\"payload\":1.50}");
    }

    [Fact]
    public void NumericDecimal_IsReadWhateverTheConfiguredFormat()
    {
        // Kafka reads both forms regardless of decimal.format; JsonConverterTest.numericDecimalToConnect.
        var result = Value().ToConnectData(Topic, null, Bytes(
            "{ \"schema\": { \"type\": \"bytes\", \"name\": \"org.apache.kafka.connect.data.Decimal\", \"version\": 1, \"parameters\": { \"scale\": \"2\" } }, \"payload\": 1.56 }"));

        result.Should().Be(new SchemaAndValue(ConnectDecimal.Schema(2), 1.56m));
    }

    [Fact]
    public void NumericDecimal_KeepsTheScaleOfTheText()
    {
        // JsonConverterTest.numericDecimalWithTrailingZerosToConnect: 1.5600 keeps scale 4.
        var result = Value().ToConnectData(Topic, null, Bytes(
            "{ \"schema\": { \"type\": \"bytes\", \"name\": \"org.apache.kafka.connect.data.Decimal\", \"version\": 1, \"parameters\": { \"scale\": \"4\" } }, \"payload\": 1.5600 }"));

        ((decimal)result.Value!).Scale.Should().Be(4);
        result.Value.Should().Be(1.5600m);
    }

    [Fact]
    public void HighPrecisionNumericDecimal_IsReadExactly()
    {
        // JsonConverterTest.highPrecisionNumericDecimalToConnect
        var result = Value().ToConnectData(Topic, null, Bytes(
            "{ \"schema\": { \"type\": \"bytes\", \"name\": \"org.apache.kafka.connect.data.Decimal\", \"version\": 1, \"parameters\": { \"scale\": \"17\" } }, \"payload\": 1.23456789123456789 }"));

        result.Value.Should().Be(1.23456789123456789m);
    }

    [Fact]
    public void ReplaceNullWithDefault_OnRead()
    {
        const string json = "{\"schema\":{\"type\":\"string\",\"optional\":true,\"default\":\"default\"},\"payload\":null}";

        Value().ToConnectData(Topic, null, Bytes(json)).Value.Should().Be("default");
        Value((JsonConverter.ReplaceNullWithDefaultConfig, "false")).ToConnectData(Topic, null, Bytes(json)).Value.Should().BeNull();
    }

    [Fact]
    public void ReplaceNullWithDefault_ForStructFieldsOnRead()
    {
        const string json = "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"string\",\"optional\":true,\"default\":\"default\",\"field\":\"field1\"}],\"optional\":false},\"payload\":{\"field1\":null}}";

        ((Struct)Value().ToConnectData(Topic, null, Bytes(json)).Value!).GetWithoutDefault("field1").Should().Be("default");
        ((Struct)Value((JsonConverter.ReplaceNullWithDefaultConfig, "false")).ToConnectData(Topic, null, Bytes(json)).Value!)
            .GetWithoutDefault("field1").Should().BeNull();
    }

    [Fact]
    public void StructDefault_RoundTrips()
    {
        var pointFields = SchemaBuilder.Struct().Field("x", Schema.Int32).Field("y", Schema.Int32);
        var origin = new Struct(pointFields.Build()).Put("x", 0).Put("y", 0);
        var schema = SchemaBuilder.Struct().Field("x", Schema.Int32).Field("y", Schema.Int32).Optional().DefaultValue(origin).Build();
        var converter = Value();

        var bytes = converter.FromConnectData(Topic, null, schema, null);

        Text(bytes).Should().Be("{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,\"field\":\"x\"},"
            + "{\"type\":\"int32\",\"optional\":false,\"field\":\"y\"}],\"optional\":true,\"default\":{\"x\":0,\"y\":0}},\"payload\":{\"x\":0,\"y\":0}}");
        var read = converter.ToConnectData(Topic, null, bytes);
        read.Schema!.DefaultValue.Should().BeOfType<Struct>().Which.GetInt32("x").Should().Be(0);
        ((Struct)read.Value!).GetInt32("y").Should().Be(0);
    }

    [Fact]
    public void MapsWithNonStringKeys_ReadAsContentComparedDictionaries()
    {
        var schema = SchemaBuilder.Map(Schema.Bytes, Schema.Int32).Build();
        var converter = Value();
        var bytes = converter.FromConnectData(Topic, null, schema, new Dictionary<object, object> { [new byte[] { 1 }] = 7 });

        Text(bytes).Should().EndWith("\"payload\":[[\"AQ==\",7]]}");
        var map = (IDictionary)converter.ToConnectData(Topic, null, bytes).Value!;
        map[new byte[] { 1 }].Should().Be(7);
    }

    [Fact]
    public void Timestamps_BeforeTheEpoch_AreNegativeMillis()
    {
        var converter = Value();
        var value = new DateTime(1969, 12, 31, 23, 59, 59, 999, DateTimeKind.Utc);
        var bytes = converter.FromConnectData(Topic, null, ConnectTimestamp.Schema, value);

        Text(bytes).Should().EndWith("\"payload\":-1}");
        converter.ToConnectData(Topic, null, bytes).Value.Should().Be(value);
    }

    [Fact]
    public void ConvertersAreUsableFromSeveralThreads()
    {
        var converter = Value();
        var schema = SchemaBuilder.Struct().Field("id", Schema.Int64).Field("name", Schema.String).Build();

        Parallel.For(0, 2000, i =>
        {
            var value = new Struct(schema).Put("id", (long)i).Put("name", "n" + i);
            var bytes = converter.FromConnectData(Topic, null, schema, value);
            converter.ToConnectData(Topic, null, bytes).Value.Should().Be(value);
        });
    }
}
