using System.Text;
using Connect.Sdk.Converters;
using Connect.Sdk.Data;

namespace Connect.Sdk.Tests.Converters;

public class StringConverterTests
{
    public static TheoryData<object, string> JavaToStringValues => new()
    {
        { "text", "text" },
        { true, "true" },
        { false, "false" },
        { 42, "42" },
        { (sbyte)-1, "-1" },
        { long.MaxValue, "9223372036854775807" },
        { 1.0, "1.0" },
        { 0.1, "0.1" },
        { 1e10, "1.0E10" },
        { 1.0E-4, "1.0E-4" },
        { double.NaN, "NaN" },
        { 1.0f, "1.0" },
        { 1.50m, "1.50" },
        { 0.0000001m, "1E-7" },
        { new List<object?> { 1, "a", null }, "[1, a, null]" },
        { new Dictionary<string, int> { ["a"] = 1 }, "{a=1}" },
        { DateTime.UnixEpoch, "Thu Jan 01 00:00:00 UTC 1970" },
    };

    [Theory]
    [MemberData(nameof(JavaToStringValues))]
    public void FromConnectData_Value_WritesJavaToStringText(object value, string expected)
    {
        var converter = new StringConverter();
        converter.Configure(new Dictionary<string, string>(), isKey: false);
        Encoding.UTF8.GetString(converter.FromConnectData("topic", null, null, value)!).Should().Be(expected);
    }

    [Fact]
    public void FromConnectData_Struct_WritesKafkaStructText()
    {
        var schema = SchemaBuilder.Struct().Field("id", Schema.Int32).Field("name", Schema.String).Build();
        var converter = new StringConverter();
        Encoding.UTF8.GetString(converter.FromConnectData("topic", null, schema, new Struct(schema).Put("id", 1).Put("name", "x"))!)
            .Should().Be("Struct{id=1,name=x}");
    }

    [Fact]
    public void FromConnectHeader_Double_WritesJavaText() =>
        Encoding.UTF8.GetString(new StringConverter().FromConnectHeader("topic", "key", Schema.Float64, 2.0)!).Should().Be("2.0");

    [Fact]
    public void FromConnectData_Null_GivesNull() =>
        new StringConverter().FromConnectData("topic", null, Schema.OptionalString, null).Should().BeNull();
}
