using Connect.Sdk.Connectors;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Converters;

/// <summary>
/// Converts booleans to one byte, 1 for true and 0 for false (<c>org.apache.kafka.connect.converters.BooleanConverter</c>).
/// </summary>
public sealed class BooleanConverter : IConverter, IHeaderConverter
{
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
        if (schema is not null && schema.Type != SchemaType.Boolean)
        {
            throw new DataException($"Invalid schema type for BooleanConverter: {schema.Type}.");
        }

        return value switch
        {
            null => null,
            bool b => [b ? (byte)1 : (byte)0],
            _ => throw new DataException($"BooleanConverter is not compatible with objects of type {value.GetType()}."),
        };
    }

    /// <inheritdoc />
    public SchemaAndValue ToConnectData(string topic, Headers? headers, byte[]? value)
    {
        if (value is null)
        {
            return new SchemaAndValue(Schema.OptionalBoolean, null);
        }

        if (value.Length != 1)
        {
            throw new DataException($"Failed to deserialize boolean from topic {topic}: size of data received by BooleanDeserializer is not 1.");
        }

        return value[0] switch
        {
            0 => new SchemaAndValue(Schema.OptionalBoolean, false),
            1 => new SchemaAndValue(Schema.OptionalBoolean, true),
            _ => throw new DataException($"Failed to deserialize boolean from topic {topic}: unexpected byte received by BooleanDeserializer: {value[0]}."),
        };
    }

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
