using System.Text;
using Connect.Sdk.Converters;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Tests.Converters;

public class SimpleConverterTests
{
    private static readonly Dictionary<string, string> NoConfig = [];

    [Fact]
    public void StringConverter_RoundTripsUtf8()
    {
        var converter = new StringConverter();
        converter.Configure(NoConfig, isKey: false);

        var bytes = converter.FromConnectData("t", null, Schema.String, "héllo");

        bytes.Should().Equal(Encoding.UTF8.GetBytes("héllo"));
        converter.ToConnectData("t", null, bytes).Should().Be(new SchemaAndValue(Schema.OptionalString, "héllo"));
    }

    [Fact]
    public void StringConverter_NonStringValues_UseInvariantText()
    {
        var converter = new StringConverter();

        Encoding.UTF8.GetString(converter.FromConnectData("t", null, null, 1.5)!).Should().Be("1.5");
        Encoding.UTF8.GetString(converter.FromConnectData("t", null, null, 42)!).Should().Be("42");
    }

    [Fact]
    public void StringConverter_NullBothWays()
    {
        var converter = new StringConverter();

        converter.FromConnectData("t", null, Schema.OptionalString, null).Should().BeNull();
        converter.ToConnectData("t", null, null).Should().Be(new SchemaAndValue(Schema.OptionalString, null));
    }

    [Fact]
    public void StringConverter_Encoding_IsConfigurable()
    {
        var converter = new StringConverter();
        converter.Configure(new Dictionary<string, string> { ["converter.encoding"] = "UTF-16BE" });

        converter.FromConnectData("t", null, null, "A").Should().Equal(0x00, 0x41);
    }

    [Fact]
    public void StringConverter_UnknownEncoding_NamesTheKey()
    {
        var act = () => new StringConverter().Configure(new Dictionary<string, string> { ["converter.encoding"] = "KLINGON" });

        act.Should().Throw<ConnectException>().WithMessage("Invalid value KLINGON for configuration converter.encoding*");
    }

    [Fact]
    public void ByteArrayConverter_PassesBytesThrough()
    {
        var converter = new ByteArrayConverter();
        byte[] payload = [1, 2, 3];

        converter.FromConnectData("t", null, Schema.Bytes, payload).Should().BeSameAs(payload);
        converter.FromConnectData("t", null, null, new ReadOnlyMemory<byte>(payload)).Should().Equal(payload);
        converter.ToConnectData("t", null, payload).Should().Be(new SchemaAndValue(Schema.OptionalBytes, payload));
        converter.FromConnectData("t", null, null, null).Should().BeNull();
    }

    [Fact]
    public void ByteArrayConverter_RejectsOtherSchemasAndValues()
    {
        var converter = new ByteArrayConverter();

        converter.Invoking(c => c.FromConnectData("t", null, Schema.String, "x")).Should().Throw<DataException>()
            .WithMessage("Invalid schema type for ByteArrayConverter: String.");
        converter.Invoking(c => c.FromConnectData("t", null, null, "x")).Should().Throw<DataException>()
            .WithMessage("ByteArrayConverter is not compatible with objects of type System.String.");
    }

    [Fact]
    public void NumberConverters_WriteBigEndianLikeKafkaSerializers()
    {
        new ShortConverter().FromConnectData("t", null, null, (short)0x0102).Should().Equal(1, 2);
        new IntegerConverter().FromConnectData("t", null, null, 0x01020304).Should().Equal(1, 2, 3, 4);
        new LongConverter().FromConnectData("t", null, null, 1L).Should().Equal(0, 0, 0, 0, 0, 0, 0, 1);
        new FloatConverter().FromConnectData("t", null, null, 1.0f).Should().Equal(0x3F, 0x80, 0, 0);
        new DoubleConverter().FromConnectData("t", null, null, 1.0).Should().Equal(0x3F, 0xF0, 0, 0, 0, 0, 0, 0);
    }

    [Fact]
    public void NumberConverters_ReadBackWithOptionalSchemas()
    {
        new IntegerConverter().ToConnectData("t", null, [0xFF, 0xFF, 0xFF, 0xFE]).Should().Be(new SchemaAndValue(Schema.OptionalInt32, -2));
        new LongConverter().ToConnectData("t", null, null).Should().Be(new SchemaAndValue(Schema.OptionalInt64, null));
        new DoubleConverter().ToConnectData("t", null, [0x3F, 0xF0, 0, 0, 0, 0, 0, 0]).Value.Should().Be(1.0);
        new ShortConverter().ToConnectHeader("t", "h", [0, 5]).Value.Should().Be((short)5);
    }

    [Fact]
    public void NumberConverter_WrongSizeOrType_ThrowsNamingTopic()
    {
        new IntegerConverter().Invoking(c => c.ToConnectData("orders", null, [1, 2])).Should().Throw<DataException>()
            .WithMessage("Failed to deserialize Integer from topic orders: size of data received by IntegerDeserializer is not 4.");
        new IntegerConverter().Invoking(c => c.FromConnectData("orders", null, null, 1L)).Should().Throw<DataException>()
            .WithMessage("Failed to serialize to Integer (was System.Int64)*");
    }

    [Fact]
    public void BooleanConverter_OneByte()
    {
        var converter = new BooleanConverter();

        converter.FromConnectData("t", null, Schema.Boolean, true).Should().Equal(1);
        converter.FromConnectData("t", null, null, false).Should().Equal(0);
        converter.ToConnectData("t", null, [1]).Should().Be(new SchemaAndValue(Schema.OptionalBoolean, true));
        converter.ToConnectData("t", null, null).Should().Be(new SchemaAndValue(Schema.OptionalBoolean, null));
    }

    [Fact]
    public void BooleanConverter_BadInput_Throws()
    {
        var converter = new BooleanConverter();

        converter.Invoking(c => c.ToConnectData("t", null, [2])).Should().Throw<DataException>().WithMessage("*unexpected byte*2*");
        converter.Invoking(c => c.ToConnectData("t", null, [1, 0])).Should().Throw<DataException>().WithMessage("*is not 1*");
        converter.Invoking(c => c.FromConnectData("t", null, Schema.Int32, 1)).Should().Throw<DataException>()
            .WithMessage("Invalid schema type for BooleanConverter: Int32.");
        converter.Invoking(c => c.FromConnectData("t", null, null, 1)).Should().Throw<DataException>()
            .WithMessage("BooleanConverter is not compatible with objects of type System.Int32.");
    }
}
