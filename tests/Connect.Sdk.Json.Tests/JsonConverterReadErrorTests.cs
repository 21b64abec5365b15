using Connect.Sdk.Errors;
using static Connect.Sdk.Json.Tests.TestConverters;

namespace Connect.Sdk.Json.Tests;

/// <summary>Bad input gives a <see cref="DataException"/> whose message says what Kafka's would.</summary>
public class JsonConverterReadErrorTests
{
    private const string EnvelopeMessage =
        "JsonConverter with schemas.enable requires \"schema\" and \"payload\" fields and may not contain additional fields." +
        " If you are trying to deserialize plain JSON data, set schemas.enable=false in your converter configuration.";

    private static string ReadError(JsonConverter converter, string json)
    {
        var act = () => converter.ToConnectData(Topic, null, Bytes(json));
        return act.Should().Throw<DataException>().Which.Message;
    }

    private static string ReadError(string json) => ReadError(Value(), json);

    [Theory]
    [InlineData("{\"schema\":{\"type\":\"int32\"}}")]
    [InlineData("{\"payload\":12}")]
    [InlineData("{\"schema\":{\"type\":\"int32\"},\"payload\":12,\"extra\":true}")]
    [InlineData("{}")]
    [InlineData("[1,2]")]
    [InlineData("12")]
    [InlineData("{\"a\":1}")]
    [InlineData("")]
    [InlineData("  \n")]
    public void SchemasEnabled_WithoutExactlySchemaAndPayload_ExplainsTheEnvelope(string json) =>
        ReadError(json).Should().Be(EnvelopeMessage);

    [Fact]
    public void Envelope_RepeatedMember_CountsOnceAndLastWins()
    {
        // Jackson keeps the last of repeated members, so the object still has exactly two.
        var result = Value().ToConnectData(Topic, null, Bytes("{\"schema\":{\"type\":\"string\"},\"payload\":1,\"payload\":\"x\"}"));

        result.Value.Should().Be("x");
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"schema\":null,\"payload\":}")]
    [InlineData("{\"schema\":null,\"payload\":[1,2,]}")]
    [InlineData("{\"schema\":null,\"payload\":tru}")]
    [InlineData("{'schema':null,'payload':1}")]
    [InlineData("{\"schema\":null,\"payload\":1 /* comment */}")]
    public void MalformedJson_NamesTheTopic(string json) =>
        ReadError(json).Should().StartWith("Converting byte[] to Kafka Connect data failed due to serialization error of topic topic: ");

    [Fact]
    public void MalformedJson_SchemasDisabled_NamesTheTopic() =>
        ReadError(Schemaless(), "[1, 2").Should().StartWith(
            "Converting byte[] to Kafka Connect data failed due to serialization error of topic topic: ");

    [Fact]
    public void MalformedJson_KeepsTheParserErrorAsCause()
    {
        var act = () => Value().ToConnectData("orders", null, Bytes("{"));

        act.Should().Throw<DataException>().Which.InnerException.Should().BeAssignableTo<System.Text.Json.JsonException>();
    }

    [Theory]
    [InlineData("{\"schema\":{\"type\":\"int7\"},\"payload\":1}", "Unknown schema type: int7")]
    [InlineData("{\"schema\":{\"type\":\"INT32\"},\"payload\":1}", "Unknown schema type: INT32")]
    [InlineData("{\"schema\":{\"type\":\"float32\"},\"payload\":1}", "Unknown schema type: float32")]
    [InlineData("{\"schema\":{\"optional\":true},\"payload\":1}", "Schema must contain 'type' field")]
    [InlineData("{\"schema\":{\"type\":5},\"payload\":1}", "Schema must contain 'type' field")]
    [InlineData("{\"schema\":\"int32\",\"payload\":1}", "Schema must contain 'type' field")]
    [InlineData("{\"schema\":{\"type\":\"array\"},\"payload\":[]}", "Array schema did not specify the element type")]
    [InlineData("{\"schema\":{\"type\":\"map\",\"values\":{\"type\":\"int32\"}},\"payload\":{}}", "Map schema did not specify the key type")]
    [InlineData("{\"schema\":{\"type\":\"map\",\"keys\":{\"type\":\"string\"}},\"payload\":{}}", "Map schema did not specify the value type")]
    [InlineData("{\"schema\":{\"type\":\"struct\"},\"payload\":{}}", "Struct schema's \"fields\" argument is not an array.")]
    [InlineData("{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\"}]},\"payload\":{}}", "Struct schema's field name not specified properly")]
    [InlineData("{\"schema\":{\"type\":\"string\",\"parameters\":{\"a\":1}},\"payload\":\"x\"}", "Schema parameters must have string values.")]
    public void InvalidSchema_SaysWhatIsWrong(string json, string message) =>
        ReadError(json).Should().Be(message);

    [Fact]
    public void StructFieldMissing_NamesTheField() =>
        ReadError("{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,\"field\":\"id\"}],\"optional\":false},\"payload\":{}}")
            .Should().Be("Invalid null value for required INT32 field (field \"id\")");

    [Fact]
    public void StructFieldOfWrongType_NamesTheField() =>
        ReadError("{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,\"field\":\"id\"}],\"optional\":false},\"payload\":{\"id\":\"seven\"}}")
            .Should().Be("Invalid value for INT32: expected an integer but found STRING (field \"id\")");

    [Fact]
    public void NestedValueOfWrongType_NamesThePath()
    {
        const string json = "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"array\",\"items\":{\"type\":\"struct\","
            + "\"fields\":[{\"type\":\"int16\",\"optional\":false,\"field\":\"qty\"}],\"optional\":false},\"optional\":false,\"field\":\"lines\"}],"
            + "\"optional\":false},\"payload\":{\"lines\":[{\"qty\":1},{\"qty\":true}]}}";

        ReadError(json).Should().Be("Invalid value for INT16: expected an integer but found BOOLEAN (field \"lines[1].qty\")");
    }

    [Theory]
    [InlineData("int8", "300", "Invalid value for INT8: 300 is not an integer in its range")]
    [InlineData("int32", "12.5", "Invalid value for INT32: 12.5 is not an integer in its range")]
    [InlineData("int64", "9223372036854775808", "Invalid value for INT64: 9223372036854775808 is not an integer in its range")]
    [InlineData("boolean", "1", "Invalid value for BOOLEAN: expected a boolean but found NUMBER")]
    [InlineData("string", "1", "Invalid value for STRING: expected a string but found NUMBER")]
    [InlineData("double", "\"1.5\"", "Invalid value for FLOAT64: expected a number but found STRING")]
    [InlineData("bytes", "\"not base64!\"", "Invalid bytes field: the string is not valid base64")]
    [InlineData("bytes", "[1]", "Invalid value for BYTES: expected a base64 string but found ARRAY")]
    [InlineData("int32", "null", "Invalid null value for required INT32 field")]
    public void PrimitiveOfWrongShape_SaysWhatWasExpected(string type, string payload, string message) =>
        ReadError($"{{\"schema\":{{\"type\":\"{type}\"}},\"payload\":{payload}}}").Should().Be(message);

    [Theory]
    [InlineData("{\"type\":\"struct\",\"fields\":[]}", "[]", "Structs should be encoded as JSON objects, but found ARRAY")]
    [InlineData("{\"type\":\"array\",\"items\":{\"type\":\"int32\"}}", "{}", "Arrays should be encoded as JSON arrays, but found OBJECT")]
    [InlineData("{\"type\":\"map\",\"keys\":{\"type\":\"string\"},\"values\":{\"type\":\"int32\"}}", "[]", "Maps with string fields should be encoded as JSON objects, but found ARRAY")]
    [InlineData("{\"type\":\"map\",\"keys\":{\"type\":\"int32\"},\"values\":{\"type\":\"int32\"}}", "{}", "Maps with non-string fields should be encoded as JSON array of tuples, but found OBJECT")]
    [InlineData("{\"type\":\"map\",\"keys\":{\"type\":\"int32\"},\"values\":{\"type\":\"int32\"}}", "[1]", "Found invalid map entry instead of array tuple: NUMBER")]
    [InlineData("{\"type\":\"map\",\"keys\":{\"type\":\"int32\"},\"values\":{\"type\":\"int32\"}}", "[[1,2,3]]", "Found invalid map entry, expected length 2 but found 3")]
    public void ContainerOfWrongShape_SaysWhatWasExpected(string schema, string payload, string message) =>
        ReadError($"{{\"schema\":{schema},\"payload\":{payload}}}").Should().Be(message);

    [Theory]
    [InlineData("org.apache.kafka.connect.data.Date", "int32", "\"x\"", "Invalid type for Date, underlying representation should be integer but was STRING")]
    [InlineData("org.apache.kafka.connect.data.Date", "int32", "1.5", "Invalid type for Date, underlying representation should be integer but was NUMBER")]
    [InlineData("org.apache.kafka.connect.data.Time", "int32", "true", "Invalid type for Time, underlying representation should be integer but was BOOLEAN")]
    [InlineData("org.apache.kafka.connect.data.Timestamp", "int64", "\"x\"", "Invalid type for Timestamp, underlying representation should be integral but was STRING")]
    public void LogicalOfWrongShape_SaysWhatKafkaSays(string name, string type, string payload, string message) =>
        ReadError($"{{\"schema\":{{\"type\":\"{type}\",\"name\":\"{name}\",\"version\":1}},\"payload\":{payload}}}").Should().Be(message);

    [Theory]
    [InlineData("true", "Invalid type for Decimal, underlying representation should be numeric or bytes but was BOOLEAN")]
    [InlineData("\"!!\"", "Invalid bytes for Decimal field: The string is not valid base64.")]
    [InlineData("\"\"", "Invalid bytes for Decimal field: Invalid Decimal value: no bytes for the unscaled value.")]
    public void DecimalOfWrongShape_SaysWhatKafkaSays(string payload, string message) =>
        ReadError("{\"schema\":{\"type\":\"bytes\",\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"2\"}},\"payload\":" + payload + "}")
            .Should().Be(message);

    [Fact]
    public void Schemaless_IntegerBeyondInt64_IsAnError() =>
        ReadError(Schemaless(), "[99999999999999999999]")
            .Should().Be("Integer 99999999999999999999 does not fit INT64, the type of schemaless integers. (field \"[0]\")");
}
