using System.Text;
using Connect.Sdk.Converters;
using Connect.Sdk.Data;

namespace Connect.Sdk.Json.Tests;

public class JsonConverterRecycleTests
{
    private static readonly Schema Order = SchemaBuilder.Struct().Name("Order").Field("id", Schema.Int64).Field("status", Schema.String).Build();

    // Not written by the direct struct writer: the general path's output is recycled too.
    private static readonly Schema Tagged = SchemaBuilder.Struct().Field("tags", SchemaBuilder.Array(Schema.String).Build()).Build();

    private static JsonConverter Converter(bool schemas)
    {
        var converter = new JsonConverter();
        converter.Configure(new Dictionary<string, string> { [JsonConverter.SchemasEnableConfig] = schemas ? "true" : "false" }, isKey: false);
        return converter;
    }

    public static TheoryData<bool, Schema, object, object> SameLengthPairs => new()
    {
        { true, Order, new Struct(Order).Put("id", 1L).Put("status", "NEW"), new Struct(Order).Put("id", 2L).Put("status", "OLD") },
        { false, Order, new Struct(Order).Put("id", 1L).Put("status", "NEW"), new Struct(Order).Put("id", 2L).Put("status", "OLD") },
        { true, Tagged, new Struct(Tagged).Put("tags", new List<object?> { "a" }), new Struct(Tagged).Put("tags", new List<object?> { "b" }) },
        { false, Schema.String, "first", "other" },
    };

    [Theory]
    [MemberData(nameof(SameLengthPairs))]
    public void FromConnectData_AfterRecycle_WritesTheNextRecordOfThatLengthIntoTheSameArray(bool schemas, Schema schema, object first, object second)
    {
        IRecyclableOutputConverter converter = Converter(schemas);
        var firstBytes = converter.FromConnectData("t", null, schema, first)!;
        var expected = Converter(schemas).FromConnectData("t", null, schema, second)!;
        expected.Should().HaveSameCount(firstBytes, "the pair is chosen to have one length");

        converter.Recycle(firstBytes);
        var secondBytes = converter.FromConnectData("t", null, schema, second)!;

        secondBytes.Should().BeSameAs(firstBytes);
        Encoding.UTF8.GetString(secondBytes).Should().Be(Encoding.UTF8.GetString(expected));
    }

    [Fact]
    public void FromConnectData_WithoutRecycle_ReturnsANewArrayEveryTime()
    {
        var converter = Converter(schemas: true);
        var value = new Struct(Order).Put("id", 1L).Put("status", "NEW");

        converter.FromConnectData("t", null, Order, value).Should().NotBeSameAs(converter.FromConnectData("t", null, Order, value));
    }

    [Fact]
    public void FromConnectData_RecordOfAnotherLength_GetsANewArrayAndLeavesTheRecycledOneAlone()
    {
        var converter = Converter(schemas: false);
        var recycled = converter.FromConnectData("t", null, Order, new Struct(Order).Put("id", 1L).Put("status", "NEW"))!;
        var before = recycled.ToArray();
        converter.Recycle(recycled);

        var longer = converter.FromConnectData("t", null, Order, new Struct(Order).Put("id", 1L).Put("status", "SHIPPED"))!;

        longer.Should().NotBeSameAs(recycled);
        recycled.Should().Equal(before);
        Encoding.UTF8.GetString(longer).Should().Be("{\"id\":1,\"status\":\"SHIPPED\"}");
    }
}
