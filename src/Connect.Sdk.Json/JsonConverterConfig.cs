using System.Globalization;
using Connect.Sdk.Converters;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Json;

/// <summary>How Decimal values are written (<c>decimal.format</c>).</summary>
internal enum DecimalFormat
{
    /// <summary>Base64 of the unscaled value's two's complement bytes, as for any bytes value.</summary>
    Base64,

    /// <summary>A JSON number.</summary>
    Numeric,
}

/// <summary>
/// The parsed settings of a <see cref="JsonConverter"/>. Keys, defaults and error texts follow Kafka's
/// <c>JsonConverterConfig</c> and <c>ConfigDef</c>; this class is the one place to switch to a ConfigDef later.
/// </summary>
internal sealed class JsonConverterConfig
{
    public const bool SchemasEnableDefault = true;
    public const int SchemasCacheSizeDefault = 1000;
    public const bool ReplaceNullWithDefaultDefault = true;

    private JsonConverterConfig(
        bool schemasEnabled,
        int schemaCacheSize,
        DecimalFormat decimalFormat,
        bool replaceNullWithDefault,
        ConverterType type)
    {
        SchemasEnabled = schemasEnabled;
        SchemaCacheSize = schemaCacheSize;
        DecimalFormat = decimalFormat;
        ReplaceNullWithDefault = replaceNullWithDefault;
        Type = type;
    }

    /// <summary>The settings of a converter that was never configured: every key at its default, used for values.</summary>
    public static JsonConverterConfig Default { get; } = new(
        SchemasEnableDefault, SchemasCacheSizeDefault, DecimalFormat.Base64, ReplaceNullWithDefaultDefault, ConverterType.Value);

    public bool SchemasEnabled { get; }

    public int SchemaCacheSize { get; }

    public DecimalFormat DecimalFormat { get; }

    public bool ReplaceNullWithDefault { get; }

    public ConverterType Type { get; }

    /// <summary>Parses the settings; unknown keys are ignored, as Kafka does.</summary>
    /// <param name="configs">The converter's settings.</param>
    /// <param name="defaultType">The converter type when <c>converter.type</c> is not set.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="ConnectException">A value is invalid; the message names the key.</exception>
    public static JsonConverterConfig Parse(IReadOnlyDictionary<string, string> configs, ConverterType defaultType)
    {
        ArgumentNullException.ThrowIfNull(configs);
        return new JsonConverterConfig(
            ParseBoolean(configs, JsonConverter.SchemasEnableConfig, SchemasEnableDefault),
            ParseCacheSize(configs),
            ParseDecimalFormat(configs),
            ParseBoolean(configs, JsonConverter.ReplaceNullWithDefaultConfig, ReplaceNullWithDefaultDefault),
            ParseType(configs, defaultType));
    }

    private static bool ParseBoolean(IReadOnlyDictionary<string, string> configs, string key, bool defaultValue)
    {
        if (!configs.TryGetValue(key, out var raw) || raw is null)
        {
            return defaultValue;
        }

        var trimmed = raw.Trim();
        if (trimmed.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (trimmed.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        throw Invalid(key, raw, "Expected value to be either true or false");
    }

    private static int ParseCacheSize(IReadOnlyDictionary<string, string> configs)
    {
        const string key = JsonConverter.SchemasCacheSizeConfig;
        if (!configs.TryGetValue(key, out var raw) || raw is null)
        {
            return SchemasCacheSizeDefault;
        }

        if (!int.TryParse(raw.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var size))
        {
            throw Invalid(key, raw, "Not a number of type INT");
        }

        if (size < 0)
        {
            throw Invalid(key, raw, "Value must be at least 0");
        }

        return size;
    }

    private static DecimalFormat ParseDecimalFormat(IReadOnlyDictionary<string, string> configs)
    {
        const string key = JsonConverter.DecimalFormatConfig;
        if (!configs.TryGetValue(key, out var raw) || raw is null)
        {
            return DecimalFormat.Base64;
        }

        var trimmed = raw.Trim();
        if (trimmed.Equals("BASE64", StringComparison.OrdinalIgnoreCase))
        {
            return DecimalFormat.Base64;
        }

        if (trimmed.Equals("NUMERIC", StringComparison.OrdinalIgnoreCase))
        {
            return DecimalFormat.Numeric;
        }

        throw Invalid(key, raw, "String must be one of (case insensitive): BASE64, NUMERIC");
    }

    private static ConverterType ParseType(IReadOnlyDictionary<string, string> configs, ConverterType defaultType)
    {
        const string key = JsonConverter.ConverterTypeConfig;
        if (!configs.TryGetValue(key, out var raw) || raw is null)
        {
            return defaultType;
        }

        return raw.Trim() switch
        {
            "key" => ConverterType.Key,
            "value" => ConverterType.Value,
            "header" => ConverterType.Header,
            _ => throw Invalid(key, raw, "String must be one of: key, value, header"),
        };
    }

    private static ConnectException Invalid(string key, string value, string reason) =>
        new($"Invalid value {value} for configuration {key}: {reason}");
}
