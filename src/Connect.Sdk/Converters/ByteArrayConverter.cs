using Connect.Sdk.Connectors;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Converters;

/// <summary>
/// Passes bytes through unchanged (<c>org.apache.kafka.connect.converters.ByteArrayConverter</c>). Only bytes schemas
/// and byte values are accepted; bytes are read back with an optional bytes schema.
/// </summary>
public sealed class ByteArrayConverter : IConverter, IHeaderConverter
{
    // SchemaAndValue is immutable: every null (key, tombstone) can share one.
    private static readonly SchemaAndValue NullBytes = new(Schema.OptionalBytes, null);

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
        if (schema is not null && schema.Type != SchemaType.Bytes)
        {
            throw new DataException($"Invalid schema type for ByteArrayConverter: {schema.Type}.");
        }

        return value switch
        {
            null => null,
            byte[] bytes => bytes,
            ReadOnlyMemory<byte> memory => memory.ToArray(),
            _ => throw new DataException($"ByteArrayConverter is not compatible with objects of type {value.GetType()}."),
        };
    }

    /// <inheritdoc />
    public SchemaAndValue ToConnectData(string topic, Headers? headers, byte[]? value) =>
        value is null ? NullBytes : new(Schema.OptionalBytes, value);

    /// <inheritdoc />
    public SchemaAndValue ToConnectHeader(string topic, string headerKey, byte[]? value) => ToConnectData(topic, null, value);

    /// <inheritdoc />
    public byte[]? FromConnectHeader(string topic, string headerKey, Schema? schema, object? value) =>
        FromConnectData(topic, null, schema, value);

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
