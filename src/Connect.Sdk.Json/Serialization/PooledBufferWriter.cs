using System.Buffers;
using System.Text.Json;

namespace Connect.Sdk.Json.Serialization;

/// <summary>A growable <see cref="IBufferWriter{T}"/> over arrays rented from <see cref="ArrayPool{T}.Shared"/>.</summary>
internal sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    private const int MinimumSize = 256;

    private byte[] _buffer;
    private int _written;

    public PooledBufferWriter(int initialSize = MinimumSize)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialSize, MinimumSize));
    }

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    /// <summary>The size of the rented array.</summary>
    public int Capacity => _buffer.Length;

    /// <inheritdoc />
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _written);
        _written += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsMemory(_written);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Forgets what was written, keeping the array.</summary>
    public void Clear() => _written = 0;

    /// <inheritdoc />
    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _written = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Reserve(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
        {
            return;
        }

        var newSize = Math.Max(_buffer.Length * 2, _written + needed);
        var bigger = ArrayPool<byte>.Shared.Rent(newSize);
        _buffer.AsSpan(0, _written).CopyTo(bigger);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = bigger;
    }
}

/// <summary>
/// A <see cref="Utf8JsonWriter"/> with its pooled buffer, kept per thread so that converting a record allocates
/// nothing but the resulting byte array. A nested use on the same thread gets a fresh pair.
/// </summary>
internal sealed class JsonWriterLease : IDisposable
{
    // A buffer that grew beyond this is given back to the pool rather than kept by the thread.
    private const int MaxRetainedSize = 1024 * 1024;

    [ThreadStatic]
    private static JsonWriterLease? t_cached;

    private JsonWriterLease()
    {
        Buffer = new PooledBufferWriter();
        Writer = new Utf8JsonWriter(Buffer, Options);
    }

    /// <summary>Compact output with Jackson's escaping; the converter writes only well-formed JSON, so validation is skipped.</summary>
    public static JsonWriterOptions Options { get; } = new()
    {
        Encoder = JacksonText.Encoder,
        Indented = false,
        SkipValidation = true,
    };

    public PooledBufferWriter Buffer { get; private set; }

    public Utf8JsonWriter Writer { get; }

    /// <summary>Takes the thread's writer, or a new one when it is in use.</summary>
    /// <returns>A writer with an empty buffer.</returns>
    public static JsonWriterLease Rent()
    {
        var lease = t_cached;
        if (lease is null)
        {
            return new JsonWriterLease();
        }

        t_cached = null;
        return lease;
    }

    /// <summary>What was written, valid until the lease is disposed.</summary>
    /// <returns>The JSON bytes.</returns>
    public ReadOnlySpan<byte> Written()
    {
        Writer.Flush();
        return Buffer.WrittenSpan;
    }

    /// <summary>Resets the writer and gives it back to the thread.</summary>
    public void Dispose()
    {
        Buffer.Clear();
        if (Buffer.Capacity > MaxRetainedSize)
        {
            Buffer.Dispose();
            Buffer = new PooledBufferWriter();
        }

        Writer.Reset(Buffer);
        t_cached ??= this;
    }
}
