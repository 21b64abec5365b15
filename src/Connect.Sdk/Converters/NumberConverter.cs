using System.Buffers.Binary;
using Connect.Sdk.Connectors;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Converters;

/// <summary>
/// The shared logic of the fixed-width converters: values of one primitive type written big-endian, as Kafka's
/// serializers write them, and read back with the optional schema of that type.
/// </summary>
/// <typeparam name="T">The .NET type of the values.</typeparam>
public abstract class NumberConverter<T> : IConverter, IHeaderConverter
    where T : struct
{
    private readonly string _typeName;
    private readonly Schema _schema;
    private readonly int _size;

    /// <summary>Initializes the converter.</summary>
    /// <param name="typeName">The Java type name used in messages, e.g. <c>Integer</c>.</param>
    /// <param name="schema">The optional schema of read values.</param>
    /// <param name="size">The number of bytes of a serialized value.</param>
    private protected NumberConverter(string typeName, Schema schema, int size)
    {
        _typeName = typeName;
        _schema = schema;
        _size = size;
    }

    /// <inheritdoc />
    public void Configure(IReadOnlyDictionary<string, string> configs, bool isKey)
    {
    }

    /// <inheritdoc />
    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
    }

    /// <inheritdoc />
    public byte[]? FromConnectData(string topic, Headers? headers, Schema? schema, object? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value is not T typed)
        {
            throw new DataException(
                $"Failed to serialize to {_typeName} (was {value.GetType()}): the {GetType().Name} writes only {typeof(T)} values.");
        }

        var bytes = new byte[_size];
        Write(bytes, typed);
        return bytes;
    }

    /// <inheritdoc />
    public SchemaAndValue ToConnectData(string topic, Headers? headers, byte[]? value)
    {
        if (value is null)
        {
            return new SchemaAndValue(_schema, null);
        }

        if (value.Length != _size)
        {
            throw new DataException(
                $"Failed to deserialize {_typeName} from topic {topic}: size of data received by {_typeName}Deserializer is not {_size}.");
        }

        return new SchemaAndValue(_schema, Read(value));
    }

    /// <inheritdoc />
    public SchemaAndValue ToConnectHeader(string topic, string headerKey, byte[]? value) => ToConnectData(topic, null, value);

    /// <inheritdoc />
    public byte[]? FromConnectHeader(string topic, string headerKey, Schema? schema, object? value) =>
        FromConnectData(topic, null, schema, value);

    /// <inheritdoc />
    public void Dispose()
    {
        GC.SuppressFinalize(this);
    }

    /// <summary>Writes a value big-endian.</summary>
    /// <param name="destination">The destination, exactly the value's size.</param>
    /// <param name="value">The value.</param>
    private protected abstract void Write(Span<byte> destination, T value);

    /// <summary>Reads a big-endian value.</summary>
    /// <param name="source">The bytes, exactly the value's size.</param>
    /// <returns>The value.</returns>
    private protected abstract T Read(ReadOnlySpan<byte> source);
}

/// <summary>Converts 16-bit integers (<c>org.apache.kafka.connect.converters.ShortConverter</c>).</summary>
public sealed class ShortConverter() : NumberConverter<short>("Short", Schema.OptionalInt16, sizeof(short))
{
    private protected override void Write(Span<byte> destination, short value) => BinaryPrimitives.WriteInt16BigEndian(destination, value);

    private protected override short Read(ReadOnlySpan<byte> source) => BinaryPrimitives.ReadInt16BigEndian(source);
}

/// <summary>Converts 32-bit integers (<c>org.apache.kafka.connect.converters.IntegerConverter</c>).</summary>
public sealed class IntegerConverter() : NumberConverter<int>("Integer", Schema.OptionalInt32, sizeof(int))
{
    private protected override void Write(Span<byte> destination, int value) => BinaryPrimitives.WriteInt32BigEndian(destination, value);

    private protected override int Read(ReadOnlySpan<byte> source) => BinaryPrimitives.ReadInt32BigEndian(source);
}

/// <summary>Converts 64-bit integers (<c>org.apache.kafka.connect.converters.LongConverter</c>).</summary>
public sealed class LongConverter() : NumberConverter<long>("Long", Schema.OptionalInt64, sizeof(long))
{
    private protected override void Write(Span<byte> destination, long value) => BinaryPrimitives.WriteInt64BigEndian(destination, value);

    private protected override long Read(ReadOnlySpan<byte> source) => BinaryPrimitives.ReadInt64BigEndian(source);
}

/// <summary>Converts 32-bit floating point numbers (<c>org.apache.kafka.connect.converters.FloatConverter</c>).</summary>
public sealed class FloatConverter() : NumberConverter<float>("Float", Schema.OptionalFloat32, sizeof(float))
{
    private protected override void Write(Span<byte> destination, float value) => BinaryPrimitives.WriteSingleBigEndian(destination, value);

    private protected override float Read(ReadOnlySpan<byte> source) => BinaryPrimitives.ReadSingleBigEndian(source);
}

/// <summary>Converts 64-bit floating point numbers (<c>org.apache.kafka.connect.converters.DoubleConverter</c>).</summary>
public sealed class DoubleConverter() : NumberConverter<double>("Double", Schema.OptionalFloat64, sizeof(double))
{
    private protected override void Write(Span<byte> destination, double value) => BinaryPrimitives.WriteDoubleBigEndian(destination, value);

    private protected override double Read(ReadOnlySpan<byte> source) => BinaryPrimitives.ReadDoubleBigEndian(source);
}
