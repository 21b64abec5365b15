using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Connect.Sdk.Avro.Codec;

/// <summary>
/// Writes Avro's binary encoding into an <see cref="IBufferWriter{T}"/>: zig-zag varints for int and long,
/// little-endian IEEE 754 for float and double, length-prefixed bytes and UTF-8 strings, raw fixed bytes.
/// </summary>
internal readonly struct AvroBinaryWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly IBufferWriter<byte> _output;

    public AvroBinaryWriter(IBufferWriter<byte> output)
    {
        _output = output;
    }

    public void WriteBoolean(bool value)
    {
        var span = _output.GetSpan(1);
        span[0] = value ? (byte)1 : (byte)0;
        _output.Advance(1);
    }

    public void WriteInt(int value) => WriteVarint(unchecked((uint)((value << 1) ^ (value >> 31))));

    public void WriteLong(long value) => WriteVarint(unchecked((ulong)((value << 1) ^ (value >> 63))));

    public void WriteFloat(float value)
    {
        var span = _output.GetSpan(4);
        BinaryPrimitives.WriteSingleLittleEndian(span, value);
        _output.Advance(4);
    }

    public void WriteDouble(double value)
    {
        var span = _output.GetSpan(8);
        BinaryPrimitives.WriteDoubleLittleEndian(span, value);
        _output.Advance(8);
    }

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteLong(value.Length);
        WriteFixed(value);
    }

    public void WriteString(string value)
    {
        var length = Utf8.GetByteCount(value);
        WriteLong(length);
        if (length == 0)
        {
            return;
        }

        var span = _output.GetSpan(length);
        var written = Utf8.GetBytes(value, span);
        _output.Advance(written);
    }

    public void WriteFixed(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            return;
        }

        var span = _output.GetSpan(value.Length);
        value.CopyTo(span);
        _output.Advance(value.Length);
    }

    /// <summary>Writes a block count (a long) for arrays and maps; a count of zero ends the sequence.</summary>
    /// <param name="count">The number of items in the block.</param>
    public void WriteBlockCount(long count) => WriteLong(count);

    public void WriteUnionIndex(int index) => WriteLong(index);

    public void WriteEnum(int index) => WriteInt(index);

    private void WriteVarint(ulong value)
    {
        var span = _output.GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        _output.Advance(i);
    }

    private void WriteVarint(uint value) => WriteVarint((ulong)value);
}
