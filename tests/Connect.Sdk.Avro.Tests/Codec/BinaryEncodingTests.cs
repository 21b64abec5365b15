using System.Buffers;
using Connect.Sdk.Avro.Codec;
using static Connect.Sdk.Avro.Tests.Codec.CodecTestHelpers;

namespace Connect.Sdk.Avro.Tests.Codec;

// Expected bytes come from the Avro 1.11 specification's "Binary Encoding" section (zig-zag table, the string "foo",
// the array {3, 27}, the union ["null","string"]) or follow directly from its rules.
public class BinaryEncodingTests
{
    [Theory]
    [InlineData(0L, "00")]
    [InlineData(-1L, "01")]
    [InlineData(1L, "02")]
    [InlineData(-2L, "03")]
    [InlineData(2L, "04")]
    [InlineData(-64L, "7F")]
    [InlineData(64L, "8001")]
    [InlineData(long.MaxValue, "FEFFFFFFFFFFFFFFFF01")]
    [InlineData(long.MinValue, "FFFFFFFFFFFFFFFFFF01")]
    public void Encode_Long_UsesZigZagVarint(long value, string hex)
    {
        ToHex(Encode("\"long\"", value)).Should().Be(hex);
        Decode("\"long\"", Hex(hex)).Should().Be(value);
    }

    [Theory]
    [InlineData(0, "00")]
    [InlineData(-1, "01")]
    [InlineData(63, "7E")]
    [InlineData(-65, "8101")]
    [InlineData(int.MaxValue, "FEFFFFFF0F")]
    [InlineData(int.MinValue, "FFFFFFFF0F")]
    public void Encode_Int_UsesZigZagVarint(int value, string hex)
    {
        ToHex(Encode("\"int\"", value)).Should().Be(hex);
        Decode("\"int\"", Hex(hex)).Should().Be(value);
    }

    [Fact]
    public void Decode_IntVarintLongerThanFiveBytes_Throws()
    {
        var act = () => Decode("\"int\"", Hex("FFFFFFFF7F"));
        act.Should().Throw<AvroException>().WithMessage("*does not fit in 32 bits*");
    }

    [Fact]
    public void Decode_LongVarintLongerThanTenBytes_Throws()
    {
        var act = () => Decode("\"long\"", Hex("FFFFFFFFFFFFFFFFFFFF01"));
        act.Should().Throw<AvroException>().WithMessage("*does not fit in 64 bits*");
    }

    [Fact]
    public void Encode_FloatAndDouble_AreLittleEndianIeee754()
    {
        ToHex(Encode("\"float\"", 1.5f)).Should().Be("0000C03F");
        ToHex(Encode("\"double\"", -2.25d)).Should().Be("00000000000002C0");
        Decode("\"float\"", Hex("0000C03F")).Should().Be(1.5f);
        Decode("\"double\"", Hex("00000000000002C0")).Should().Be(-2.25d);
    }

    [Fact]
    public void Encode_NonFiniteDoubles_RoundTrip()
    {
        foreach (var value in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0 })
        {
            Decode("\"double\"", Encode("\"double\"", value)).Should().Be(value);
        }
    }

    [Fact]
    public void Encode_String_IsLengthPrefixedUtf8()
    {
        ToHex(Encode("\"string\"", "foo")).Should().Be("06666F6F");
        ToHex(Encode("\"string\"", "é")).Should().Be("04C3A9");
        Decode("\"string\"", Hex("04C3A9")).Should().Be("é");
    }

    [Fact]
    public void Encode_Bytes_IsLengthPrefixed()
    {
        ToHex(Encode("\"bytes\"", new byte[] { 1, 2, 255 })).Should().Be("060102FF");
        ((byte[])Decode("\"bytes\"", Hex("060102FF"))!).Should().Equal(1, 2, 255);
    }

    [Fact]
    public void Encode_Boolean_IsOneByte()
    {
        ToHex(Encode("\"boolean\"", true)).Should().Be("01");
        ToHex(Encode("\"boolean\"", false)).Should().Be("00");
        var act = () => Decode("\"boolean\"", Hex("02"));
        act.Should().Throw<AvroException>().WithMessage("*Invalid boolean*");
    }

    [Fact]
    public void Encode_Null_WritesNothing()
    {
        Encode("\"null\"", null).Should().BeEmpty();
    }

    [Fact]
    public void Encode_Array_WritesOneBlockThenZero()
    {
        ToHex(Encode("{\"type\":\"array\",\"items\":\"long\"}", new List<object?> { 3L, 27L })).Should().Be("04063600");
        ToHex(Encode("{\"type\":\"array\",\"items\":\"long\"}", new List<object?>())).Should().Be("00");
    }

    [Fact]
    public void Decode_ArrayInSeveralBlocks_ConcatenatesThem()
    {
        var value = Decode("{\"type\":\"array\",\"items\":\"long\"}", Hex("02 06 02 36 00"));
        value.Should().BeEquivalentTo(new List<object?> { 3L, 27L });
    }

    [Fact]
    public void Decode_NegativeBlockCount_ReadsSizedBlock()
    {
        // count -2 (zig-zag 03), then the block's size in bytes (2, zig-zag 04), then the items.
        var value = Decode("{\"type\":\"array\",\"items\":\"long\"}", Hex("03 04 06 36 00"));
        value.Should().BeEquivalentTo(new List<object?> { 3L, 27L });
    }

    [Fact]
    public void Decode_NegativeBlockCountInMap_ReadsSizedBlock()
    {
        // one entry "a" -> 1: count -1 (01), size 3 (06), key 02 61, value 02.
        var value = (Dictionary<string, object?>)Decode("{\"type\":\"map\",\"values\":\"int\"}", Hex("01 06 02 61 02 00"))!;
        value.Should().ContainKey("a").WhoseValue.Should().Be(1);
    }

    [Fact]
    public void Decode_SkippedFieldWithSizedBlock_SkipsByByteSize()
    {
        const string writer = """{"type":"record","name":"R","fields":[{"name":"xs","type":{"type":"array","items":"long"}},{"name":"b","type":"int"}]}""";
        const string reader = """{"type":"record","name":"R","fields":[{"name":"b","type":"int"}]}""";
        var record = (AvroRecord)Decode(writer, reader, Hex("03 04 06 36 00 0A"))!;
        record["b"].Should().Be(5);
    }

    [Fact]
    public void Decode_BlockSizeBeyondInput_ThrowsTruncated()
    {
        var act = () => Decode("{\"type\":\"array\",\"items\":\"long\"}", Hex("03 40 06 36 00"));
        act.Should().Throw<AvroException>().WithMessage("*Invalid block size 32*only 3 bytes remain*");
    }

    [Fact]
    public void Encode_Map_WritesKeysAsStrings()
    {
        var map = new Dictionary<string, object?> { ["a"] = 1 };
        ToHex(Encode("{\"type\":\"map\",\"values\":\"int\"}", map)).Should().Be("0202610200");
    }

    [Fact]
    public void Encode_Union_WritesBranchIndexThenValue()
    {
        const string union = "[\"null\",\"string\"]";
        ToHex(Encode(union, null)).Should().Be("00");
        ToHex(Encode(union, "a")).Should().Be("020261");
        Decode(union, Hex("020261")).Should().Be("a");
        Decode(union, Hex("00")).Should().BeNull();
    }

    [Fact]
    public void Decode_UnionIndexOutOfRange_Throws()
    {
        var act = () => Decode("[\"null\",\"string\"]", Hex("04"));
        act.Should().Throw<AvroException>().WithMessage("Invalid union branch index 2*has 2 branches*");
    }

    [Fact]
    public void Encode_UnionWithoutMatchingBranch_Throws()
    {
        var act = () => Encode("[\"null\",\"string\"]", 5);
        act.Should().Throw<AvroTypeException>().WithMessage("No branch of the union*System.Int32*");
    }

    [Fact]
    public void Encode_UnionOfIntAndLong_PicksExactTypeFirst()
    {
        ToHex(Encode("[\"long\",\"int\"]", 1)).Should().Be("0202");
        ToHex(Encode("[\"long\",\"int\"]", 1L)).Should().Be("0002");
    }

    [Fact]
    public void Encode_Fixed_WritesRawBytes()
    {
        var schema = (FixedSchema)AvroSchemaParser.Parse("{\"type\":\"fixed\",\"name\":\"F\",\"size\":3}");
        ToHex(Encode(schema, new AvroFixed(schema, [1, 2, 3]))).Should().Be("010203");
        ((AvroFixed)Decode("{\"type\":\"fixed\",\"name\":\"F\",\"size\":3}", Hex("010203"))!).Bytes.Should().Equal(1, 2, 3);
    }

    [Fact]
    public void Encode_FixedOfWrongSize_Throws()
    {
        var act = () => Encode("{\"type\":\"fixed\",\"name\":\"F\",\"size\":3}", new byte[] { 1 });
        act.Should().Throw<AvroTypeException>().WithMessage("*exactly 3 bytes*has 1*");
    }

    [Fact]
    public void Encode_Enum_WritesSymbolIndex()
    {
        const string schema = """{"type":"enum","name":"Suit","symbols":["SPADES","HEARTS","DIAMONDS","CLUBS"]}""";
        ToHex(Encode(schema, "DIAMONDS")).Should().Be("04");
        ((AvroEnumSymbol)Decode(schema, Hex("06"))!).Symbol.Should().Be("CLUBS");
    }

    [Fact]
    public void Encode_UnknownEnumSymbol_Throws()
    {
        var act = () => Encode("""{"type":"enum","name":"Suit","symbols":["SPADES"]}""", "JOKER");
        act.Should().Throw<AvroTypeException>().WithMessage("'JOKER' is not a symbol of the enum 'Suit'*");
    }

    [Fact]
    public void Decode_EnumIndexOutOfRange_Throws()
    {
        var act = () => Decode("""{"type":"enum","name":"Suit","symbols":["SPADES"]}""", Hex("02"));
        act.Should().Throw<AvroException>().WithMessage("Invalid enum index 1*");
    }

    [Fact]
    public void Encode_Record_WritesFieldsInOrder()
    {
        var schema = (RecordSchema)AvroSchemaParser.Parse(
            """{"type":"record","name":"test","fields":[{"name":"a","type":"long"},{"name":"b","type":"string"}]}""");
        var record = new AvroRecord(schema) { ["a"] = 27L, ["b"] = "foo" };
        ToHex(Encode(schema, record)).Should().Be("3606666F6F");
    }

    [Fact]
    public void Encode_RecordFieldOfWrongType_NamesTheField()
    {
        var schema = (RecordSchema)AvroSchemaParser.Parse(
            """{"type":"record","name":"Outer","fields":[{"name":"inner","type":{"type":"record","name":"Inner","fields":[{"name":"n","type":"int"}]}}]}""");
        var inner = new AvroRecord((RecordSchema)schema.Fields[0].Schema) { ["n"] = "not a number" };
        var act = () => Encode(schema, new AvroRecord(schema) { ["inner"] = inner });
        act.Should().Throw<AvroTypeException>().WithMessage("Field 'inner.n': Expected a value for the Avro schema 'int'*System.String*");
    }

    [Theory]
    [InlineData("\"string\"", "08666F")]
    [InlineData("\"bytes\"", "08")]
    [InlineData("\"long\"", "80")]
    [InlineData("\"double\"", "000000")]
    [InlineData("{\"type\":\"fixed\",\"name\":\"F\",\"size\":4}", "0102")]
    public void Decode_TruncatedInput_ThrowsTruncated(string schema, string hex)
    {
        var act = () => Decode(schema, Hex(hex));
        act.Should().Throw<AvroException>().WithMessage("*Truncated data*");
    }

    [Fact]
    public void Decode_InvalidUtf8_Throws()
    {
        var act = () => Decode("\"string\"", Hex("04C328"));
        act.Should().Throw<AvroException>().WithMessage("Invalid UTF-8*");
    }

    [Fact]
    public void Decode_NegativeLength_Throws()
    {
        var act = () => Decode("\"bytes\"", Hex("01"));
        act.Should().Throw<AvroException>().WithMessage("Invalid bytes length -1*");
    }

    [Fact]
    public void Writer_GrowsBufferAcrossManyValues()
    {
        var buffer = new ArrayBufferWriter<byte>(1);
        var writer = new AvroBinaryWriter(buffer);
        for (var i = 0; i < 1000; i++)
        {
            writer.WriteString("value" + i);
        }

        var reader = new AvroBinaryReader(buffer.WrittenSpan);
        for (var i = 0; i < 1000; i++)
        {
            reader.ReadString().Should().Be("value" + i);
        }

        reader.Remaining.Should().Be(0);
    }
}
