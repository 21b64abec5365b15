using System.Text;
using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Converters;

/// <summary>
/// Converts values to and from strings (<c>org.apache.kafka.connect.storage.StringConverter</c>): any value is
/// written as its text form; bytes are read back as an optional string. Setting: <c>converter.encoding</c>.
/// </summary>
/// <remarks>
/// As in Kafka, a value is written as Java's <c>toString</c> would print it, not with <see cref="Values.ConvertToString"/>:
/// <c>true</c>, <c>1.0</c> for a double 1, <c>1.0E10</c>, decimals as <c>BigDecimal</c> prints them, lists as
/// <c>[1, 2]</c>, dictionaries as <c>{a=1}</c>, structs by <see cref="Struct.ToString"/> (<c>Struct{a=1}</c>), and a <see cref="DateTime"/> as a
/// <c>java.util.Date</c> on a UTC JVM (<c>Thu Jan 01 00:00:00 UTC 1970</c>). Byte arrays, which Java prints as an
/// object reference, are written as their .NET type name.
/// </remarks>
public sealed class StringConverter : IConverter, IHeaderConverter
{
    /// <summary>The setting naming the character encoding.</summary>
    public const string EncodingConfig = "converter.encoding";

    /// <summary>The default encoding name.</summary>
    public const string DefaultEncoding = "UTF8";

    /// <summary>The setting naming what the converter is used for: key, value or header.</summary>
    public const string TypeConfig = "converter.type";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(EncodingConfig, ConfigType.String, DefaultEncoding, Importance.High, "The name of the Java character set to use for encoding strings as byte arrays.", group: "Converter", orderInGroup: 1, width: Width.Medium, displayName: "Encoding")
        .Define(TypeConfig, ConfigType.String, "value", CaseInsensitiveValidString.In("key", "value", "header"), Importance.Low, "How this converter will be used.");

    /// <inheritdoc cref="IConverter.Config" />
    public ConfigDef Config => Definition;

    /// <summary>The character encoding.</summary>
    /// <value>The default is UTF-8.</value>
    public Encoding Encoding { get; private set; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <inheritdoc />
    public void Configure(IReadOnlyDictionary<string, string> configs, bool isKey) => Configure(configs);

    /// <inheritdoc />
    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        ArgumentNullException.ThrowIfNull(configs);
        if (configs.TryGetValue(EncodingConfig, out var name) && !string.IsNullOrWhiteSpace(name))
        {
            Encoding = ResolveEncoding(name.Trim());
        }
    }

    /// <inheritdoc />
    public byte[]? FromConnectData(string topic, Headers? headers, Schema? schema, object? value) =>
        value is null ? null : Encoding.GetBytes(TextOf(value));

    /// <inheritdoc />
    public SchemaAndValue ToConnectData(string topic, Headers? headers, byte[]? value)
    {
        if (value is null)
        {
            return new SchemaAndValue(Schema.OptionalString, null);
        }

        try
        {
            return new SchemaAndValue(Schema.OptionalString, Encoding.GetString(value));
        }
        catch (DecoderFallbackException e)
        {
            throw new DataException($"Failed to deserialize string from topic {topic}: {e.Message}", e);
        }
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

    // Kafka writes value.toString(), not Values.convertToString: match Java's text for the same value (true, 1.0,
    // 1.0E10, BigDecimal's 1E-7, [1, 2], {a=1}); other values use their invariant text.
    private static string TextOf(object value) => JavaText.ToJavaString(value);

    private static Encoding ResolveEncoding(string name)
    {
        // Java names such as UTF8, UTF-16BE and ISO-8859-1 mostly match .NET's; UTF8 without the dash is Java's default.
        var normalized = name.Equals("UTF8", StringComparison.OrdinalIgnoreCase) ? "utf-8" : name;
        try
        {
            var encoding = Encoding.GetEncoding(normalized);
            return encoding is UTF8Encoding ? new UTF8Encoding(false, throwOnInvalidBytes: false) : encoding;
        }
        catch (ArgumentException e)
        {
            throw new ConnectException(
                $"Invalid value {name} for configuration {EncodingConfig}: unknown character encoding. Use a name such as UTF8, UTF-16 or ISO-8859-1.",
                e);
        }
    }
}
