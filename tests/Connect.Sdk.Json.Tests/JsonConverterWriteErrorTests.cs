using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using static Connect.Sdk.Json.Tests.TestConverters;

namespace Connect.Sdk.Json.Tests;

/// <summary>Values that do not match their schema give a <see cref="DataException"/> naming the field.</summary>
public class JsonConverterWriteErrorTests
{
    private static string WriteError(Schema? schema, object? value, JsonConverter? converter = null)
    {
        var act = () => (converter ?? Value()).FromConnectData(Topic, null, schema, value);
        return act.Should().Throw<DataException>().Which.Message;
    }

    [Fact]
    public void MismatchingPrimitive_NamesTheType() =>
        WriteError(Schema.Float64, true).Should().Be("Invalid type for FLOAT64: System.Boolean");

    [Fact]
    public void RequiredNullWithoutDefault_IsAnError() =>
        WriteError(Schema.String, null).Should().Be("Conversion error: null value for field that is required and has no default value");

    [Fact]
    public void MapValueOfWrongType_NamesTheKey()
    {
        var schema = SchemaBuilder.Map(Schema.String, Schema.Int32).Build();

        WriteError(schema, new Dictionary<string, object> { ["a"] = 1, ["b"] = "two" })
            .Should().Be("Invalid type for INT32: System.String (field \"[b]\")");
    }

    [Fact]
    public void StructFieldInsideArray_NamesThePath()
    {
        var line = SchemaBuilder.Struct().Field("qty", Schema.Int16).Build();
        var order = SchemaBuilder.Struct().Field("lines", SchemaBuilder.Array(line).Build()).Build();
        var lines = new List<object> { new Struct(line).Put("qty", (short)1) };
        var value = new Struct(order).Put("lines", lines);
        lines.Add(new Struct(line)); // after Put's validation: an incomplete struct reaches the converter

        WriteError(order, value)
            .Should().Be("Conversion error: null value for field that is required and has no default value (field \"lines[1].qty\")");
    }

    [Fact]
    public void StructWithAnotherSchema_IsMismatching()
    {
        var expected = SchemaBuilder.Struct().Name("a").Field("x", Schema.Int32).Build();
        var other = SchemaBuilder.Struct().Name("b").Field("x", Schema.Int32).Build();

        WriteError(expected, new Struct(other).Put("x", 1)).Should().StartWith("Mismatching schema");
    }

    [Fact]
    public void SchemalessStruct_IsMismatching()
    {
        // Kafka cannot write a Struct without its schema either.
        var schema = SchemaBuilder.Struct().Field("x", Schema.Int32).Build();

        WriteError(null, new Struct(schema).Put("x", 1)).Should().StartWith("Mismatching schema");
    }

    [Theory]
    [InlineData(12u)]
    [InlineData((byte)1)]
    public void SchemalessValueWithoutSchemaType_IsAnError(object value) =>
        WriteError(null, value).Should().Be($".NET type {value.GetType()} does not have corresponding schema type.");

    [Fact]
    public void SchemalessDecimal_IsAnError() =>
        WriteError(null, 1.56m).Should().Be(".NET type System.Decimal does not have corresponding schema type.");

    [Theory]
    [InlineData(ConnectDate.LogicalName, "Invalid type for Date, expected System.DateTime but was System.String")]
    [InlineData(ConnectTime.LogicalName, "Invalid type for Time, expected System.DateTime but was System.String")]
    public void LogicalOfWrongType_SaysWhatKafkaSays(string name, string message) =>
        WriteError(SchemaBuilder.Int32().Name(name).Version(1).Build(), "2024-01-01").Should().Be(message);

    [Fact]
    public void DecimalOfWrongType_SaysWhatKafkaSays() =>
        WriteError(ConnectDecimal.Schema(2), 1.5).Should().Be("Invalid type for Decimal, expected System.Decimal but was System.Double");

    [Fact]
    public void DecimalWithMoreDigitsThanTheScale_IsAnError() =>
        WriteError(ConnectDecimal.Schema(2), 1.005m).Should().StartWith("Decimal value 1.005 has more than 2 decimal places");

    [Fact]
    public void MapKeyOfWrongType_ForStringKeyedMap_IsAnError()
    {
        var schema = SchemaBuilder.Map(Schema.String, Schema.Int32).Build();

        WriteError(schema, new Dictionary<object, object> { [1] = 1 }).Should().Be("Invalid type for STRING: System.Int32");
    }

    [Fact]
    public void RequiredFieldWithDefault_NullAndReplaceOff_IsAnError()
    {
        var schema = SchemaBuilder.Struct().Field("n", SchemaBuilder.Int32().DefaultValue(5).Build()).Build();

        WriteError(schema, new Struct(schema), Value((JsonConverter.ReplaceNullWithDefaultConfig, "false")))
            .Should().Be("Conversion error: null value for field that is required and has no default value (field \"n\")");
    }
}
