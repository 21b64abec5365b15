using Connect.Sdk.Data;
using static Connect.Sdk.Json.Tests.TestConverters;

namespace Connect.Sdk.Json.Tests;

/// <summary>Header use delegates to the data conversion, as in Kafka; these check the delegation and settings.</summary>
public class JsonHeaderConverterTests
{
    private static JsonConverter Header(params (string Key, string Value)[] settings)
    {
        var converter = new JsonConverter();
        converter.Configure(settings.ToDictionary(s => s.Key, s => s.Value));
        return converter;
    }

    [Fact]
    public void StringHeaderToJson()
    {
        // JsonConverterTest.testStringHeaderToJson, assertion compacted.
        Text(Header().FromConnectHeader(Topic, "headerName", Schema.String, "test-string"))
            .Should().Be("{\"schema\":{\"type\":\"string\",\"optional\":false},\"payload\":\"test-string\"}");
    }

    [Fact]
    public void StringHeaderToConnect()
    {
        // JsonConverterTest.stringHeaderToConnect
        Header().ToConnectHeader(Topic, "headerName", Bytes("{ \"schema\": { \"type\": \"string\" }, \"payload\": \"foo-bar-baz\" }"))
            .Should().Be(new SchemaAndValue(Schema.String, "foo-bar-baz"));
    }

    [Fact]
    public void HeaderWithSchemasDisabled_IsPlainJson()
    {
        var converter = Header((JsonConverter.SchemasEnableConfig, "false"));

        Text(converter.FromConnectHeader(Topic, "h", Schema.Int64, 42L)).Should().Be("42");
        converter.ToConnectHeader(Topic, "h", Bytes("42")).Should().Be(new SchemaAndValue(null, 42L));
    }

    [Fact]
    public void NullHeaderValue_WithoutSchema_IsNull()
    {
        Header().FromConnectHeader(Topic, "h", null, null).Should().BeNull();
        Header().ToConnectHeader(Topic, "h", null).Should().Be(SchemaAndValue.Null);
    }

    [Fact]
    public void StructHeader_RoundTrips()
    {
        var schema = SchemaBuilder.Struct().Name("trace").Field("id", Schema.String).Field("hop", Schema.Int32).Build();
        var value = new Struct(schema).Put("id", "abc").Put("hop", 3);
        var converter = Header();

        var bytes = converter.FromConnectHeader(Topic, "trace", schema, value);

        Text(bytes).Should().Be("{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"string\",\"optional\":false,\"field\":\"id\"},"
            + "{\"type\":\"int32\",\"optional\":false,\"field\":\"hop\"}],\"optional\":false,\"name\":\"trace\"},\"payload\":{\"id\":\"abc\",\"hop\":3}}");
        converter.ToConnectHeader(Topic, "trace", bytes).Should().Be(new SchemaAndValue(schema, value));
    }
}
