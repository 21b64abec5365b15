using System.Buffers;
using Connect.Sdk.Avro.Codec;

namespace Connect.Sdk.Avro.Tests.Codec;

internal static class CodecTestHelpers
{
    public static byte[] Encode(string schemaJson, object? datum) => Encode(AvroSchemaParser.Parse(schemaJson), datum);

    public static byte[] Encode(AvroSchema schema, object? datum)
    {
        var buffer = new ArrayBufferWriter<byte>();
        GenericDatumWriter.Write(new AvroBinaryWriter(buffer), schema, datum);
        return buffer.WrittenSpan.ToArray();
    }

    public static object? Decode(string schemaJson, byte[] data) => GenericDatumReader.Create(AvroSchemaParser.Parse(schemaJson)).Read(data);

    public static object? Decode(string writerJson, string readerJson, byte[] data) =>
        GenericDatumReader.Create(AvroSchemaParser.Parse(writerJson), AvroSchemaParser.Parse(readerJson)).Read(data);

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    public static string ToHex(byte[] bytes) => Convert.ToHexString(bytes);
}
