using System.Buffers.Binary;
using System.Text;

namespace Connect.Sdk.Avro.Codec;

/// <summary>
/// Reads Avro's binary encoding from a span, checking every length against what remains so that truncated or
/// corrupt input fails with a clear <see cref="AvroException"/> instead of reading past the end.
/// </summary>
internal ref struct AvroBinaryReader
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public AvroBinaryReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    /// <summary>The offset of the next byte to read.</summary>
    public readonly int Position => _position;

    /// <summary>The number of bytes not read yet.</summary>
    public readonly int Remaining => _data.Length - _position;

    public bool ReadBoolean()
    {
        var b = ReadByte();
        return b switch
        {
            0 => false,
            1 => true,
            _ => throw new AvroException($"Invalid boolean byte {b} at offset {_position - 1}; expected 0 or 1."),
        };
    }

    public int ReadInt()
    {
        var start = _position;
        uint result = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = ReadByte();
            if (shift == 28 && (b & 0xF0) != 0)
            {
                throw new AvroException($"Invalid int at offset {start}: the varint does not fit in 32 bits.");
            }

            result |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return (int)(result >> 1) ^ -(int)(result & 1);
            }
        }

        throw new AvroException($"Invalid int at offset {start}: the varint does not fit in 32 bits.");
    }

    public long ReadLong()
    {
        var start = _position;
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = ReadByte();
            if (shift == 63 && (b & 0xFE) != 0)
            {
                throw new AvroException($"Invalid long at offset {start}: the varint does not fit in 64 bits.");
            }

            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return (long)(result >> 1) ^ -(long)(result & 1);
            }
        }

        throw new AvroException($"Invalid long at offset {start}: the varint does not fit in 64 bits.");
    }

    public float ReadFloat() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    public byte[] ReadBytes() => Take(ReadLength("bytes")).ToArray();

    public string ReadString()
    {
        var start = _position;
        var bytes = Take(ReadLength("string"));
        try
        {
            return Utf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new AvroException($"Invalid UTF-8 in the string at offset {start}.", e);
        }
    }

    public byte[] ReadFixed(int size) => Take(size).ToArray();

    public int ReadEnum() => ReadInt();

    public int ReadUnionIndex(int branchCount)
    {
        var start = _position;
        var index = ReadLong();
        if (index < 0 || index >= branchCount)
        {
            throw new AvroException($"Invalid union branch index {index} at offset {start}; the union has {branchCount} branches.");
        }

        return (int)index;
    }

    /// <summary>
    /// Reads the item count of the next array or map block. A negative count is followed by the block's size in bytes
    /// (which lets readers skip it); the count is returned as positive and the size through <paramref name="byteSize"/>.
    /// </summary>
    /// <param name="byteSize">The block's size in bytes when the writer gave one, otherwise -1.</param>
    /// <returns>The number of items in the block; zero ends the array or map.</returns>
    public long ReadBlockCount(out long byteSize)
    {
        var start = _position;
        var count = ReadLong();
        byteSize = -1;
        if (count < 0)
        {
            if (count == long.MinValue)
            {
                throw new AvroException($"Invalid block count at offset {start}.");
            }

            count = -count;
            byteSize = ReadLong();
            if (byteSize < 0 || byteSize > Remaining)
            {
                throw new AvroException(
                    $"Invalid block size {byteSize} at offset {start}: only {Remaining} bytes remain.");
            }
        }

        // Items may take zero bytes (nulls), so the count cannot be checked against what remains; bound it instead.
        if (count > int.MaxValue)
        {
            throw new AvroException($"Invalid block count {count} at offset {start}.");
        }

        return count;
    }

    public void Skip(int count) => Take(count);

    public void SkipBytes() => Take(ReadLength("bytes"));

    private int ReadLength(string what)
    {
        var start = _position;
        var length = ReadLong();
        if (length < 0)
        {
            throw new AvroException($"Invalid {what} length {length} at offset {start}.");
        }

        if (length > Remaining)
        {
            throw new AvroException(
                $"Truncated data: the {what} at offset {start} needs {length} bytes but only {Remaining} remain.");
        }

        return (int)length;
    }

    private byte ReadByte()
    {
        if (_position >= _data.Length)
        {
            throw new AvroException($"Truncated data: unexpected end of input at offset {_position}.");
        }

        return _data[_position++];
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > Remaining)
        {
            throw new AvroException(
                $"Truncated data: needed {count} bytes at offset {_position} but only {Remaining} remain.");
        }

        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }
}
