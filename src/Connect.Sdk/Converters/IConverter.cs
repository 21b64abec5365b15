using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Data;

namespace Connect.Sdk.Converters;

/// <summary>
/// Turns Connect data (a schema and a value) into the bytes of a Kafka record key or value, and back. The runtime
/// creates one instance for keys and one for values per connector, configures it once, then calls it for every record.
/// </summary>
/// <remarks>
/// Implementations must be safe to call from one task thread at a time and should cache what they derive from a
/// schema. A <see langword="null"/> value converts to <see langword="null"/> bytes (a tombstone) and back.
/// </remarks>
public interface IConverter
{
    /// <summary>The definition of the converter's settings, for validation and documentation.</summary>
    /// <value>The default is an empty definition.</value>
    ConfigDef Config => new();

    /// <summary>Configures the converter.</summary>
    /// <param name="configs">The converter's settings, with the <c>key.converter.</c>/<c>value.converter.</c> prefix removed.</param>
    /// <param name="isKey">Whether the converter is used for record keys.</param>
    void Configure(IReadOnlyDictionary<string, string> configs, bool isKey);

    /// <summary>Serializes Connect data.</summary>
    /// <param name="topic">The topic the record is for.</param>
    /// <param name="headers">The record's headers, which a converter may read or add to; may be <see langword="null"/>.</param>
    /// <param name="schema">The schema, or <see langword="null"/> for schemaless data.</param>
    /// <param name="value">The value.</param>
    /// <returns>The bytes, or <see langword="null"/> for a null value.</returns>
    /// <exception cref="Errors.DataException">The value cannot be serialized.</exception>
    byte[]? FromConnectData(string topic, Headers? headers, Schema? schema, object? value);

    /// <summary>Deserializes bytes into Connect data.</summary>
    /// <param name="topic">The topic the record came from.</param>
    /// <param name="headers">The record's headers; may be <see langword="null"/>.</param>
    /// <param name="value">The bytes, or <see langword="null"/> for a tombstone.</param>
    /// <returns>The schema and value.</returns>
    /// <exception cref="Errors.DataException">The bytes cannot be read; the message names the topic.</exception>
    SchemaAndValue ToConnectData(string topic, Headers? headers, byte[]? value);
}
