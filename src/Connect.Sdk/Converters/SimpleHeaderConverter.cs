using System.Text;
using Connect.Sdk.Data;

namespace Connect.Sdk.Converters;

/// <summary>
/// The default header converter of Kafka Connect (<c>org.apache.kafka.connect.storage.SimpleHeaderConverter</c>):
/// writes a header value as the UTF-8 of its <see cref="Values.ConvertToString"/> text, and reads header bytes back
/// with <see cref="Values.ParseString"/>, inferring the most fitting type (number, boolean, array, map, date, or
/// string). Schemas are not written. It has no settings.
/// </summary>
/// <remarks>
/// The text forms are Kafka's, so headers written here read the same in a Java worker and the other way round:
/// <c>42</c> reads as an Int8, <c>1.5</c> as a Float32, <c>[1,2]</c> as an array, <c>{"a":1}</c> as a map, and text
/// that is no such form (including malformed structures like <c>[1,</c>) as a string.
/// </remarks>
public sealed class SimpleHeaderConverter : IHeaderConverter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <inheritdoc />
    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
    }

    /// <summary>Reads a header value: <see langword="null"/> gives <see cref="SchemaAndValue.Null"/>, and other bytes
    /// are decoded as UTF-8 (malformed sequences become U+FFFD) and parsed with <see cref="Values.ParseString"/>.</summary>
    /// <param name="topic">The topic of the record.</param>
    /// <param name="headerKey">The header key.</param>
    /// <param name="value">The bytes, or <see langword="null"/>.</param>
    /// <returns>The parsed schema and value; the empty string gives <c>(Schema.String, "")</c>. If parsing fails
    /// unexpectedly, the raw bytes with <see cref="Schema.Bytes"/>, as Kafka falls back.</returns>
    public SchemaAndValue ToConnectHeader(string topic, string headerKey, byte[]? value)
    {
        if (value is null)
        {
            return SchemaAndValue.Null;
        }

        try
        {
            return Values.ParseString(Utf8.GetString(value));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new SchemaAndValue(Schema.Bytes, value);
        }
    }

    /// <summary>Writes a header value as the UTF-8 bytes of <see cref="Values.ConvertToString"/>.</summary>
    /// <param name="topic">The topic of the record.</param>
    /// <param name="headerKey">The header key.</param>
    /// <param name="schema">The value's schema; not needed.</param>
    /// <param name="value">The value.</param>
    /// <returns>The bytes, or <see langword="null"/> for a null value.</returns>
    /// <exception cref="Errors.DataException">The value is not a Connect value (e.g. a <see cref="Guid"/>).</exception>
    public byte[]? FromConnectHeader(string topic, string headerKey, Schema? schema, object? value) =>
        value is null ? null : Utf8.GetBytes(Values.ConvertToString(schema, value)!);

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
