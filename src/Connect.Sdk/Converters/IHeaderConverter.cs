using Connect.Sdk.Config;
using Connect.Sdk.Data;

namespace Connect.Sdk.Converters;

/// <summary>Turns header values into bytes and back. The runtime configures one per connector.</summary>
public interface IHeaderConverter : IDisposable
{
    /// <summary>The definition of the converter's settings, for validation and documentation.</summary>
    /// <value>The default is an empty definition.</value>
    ConfigDef Config => new();

    /// <summary>Configures the converter.</summary>
    /// <param name="configs">The converter's settings, with the <c>header.converter.</c> prefix removed.</param>
    void Configure(IReadOnlyDictionary<string, string> configs);

    /// <summary>Deserializes a header value.</summary>
    /// <param name="topic">The topic of the record.</param>
    /// <param name="headerKey">The header key.</param>
    /// <param name="value">The bytes, or <see langword="null"/>.</param>
    /// <returns>The schema and value.</returns>
    SchemaAndValue ToConnectHeader(string topic, string headerKey, byte[]? value);

    /// <summary>Serializes a header value.</summary>
    /// <param name="topic">The topic of the record.</param>
    /// <param name="headerKey">The header key.</param>
    /// <param name="schema">The value's schema, or <see langword="null"/>.</param>
    /// <param name="value">The value.</param>
    /// <returns>The bytes, or <see langword="null"/> for a null value.</returns>
    byte[]? FromConnectHeader(string topic, string headerKey, Schema? schema, object? value);
}
