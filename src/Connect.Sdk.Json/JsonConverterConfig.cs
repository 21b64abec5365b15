using Connect.Sdk.Config;
using Connect.Sdk.Converters;

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
/// <c>JsonConverterConfig</c> and <c>ConfigDef</c>; parsed with a ConfigDef so the validate endpoint and docs list them.
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

    /// <summary>The definition of the converter's settings, with Kafka's keys, defaults and documentation.</summary>
    public static ConfigDef Definition { get; } = new ConfigDef()
        .Define(JsonConverter.SchemasEnableConfig, ConfigType.Boolean, SchemasEnableDefault, Importance.High,
            "Include schemas within each of the serialized values and keys.", "Schemas", 0, Width.Medium, "Enable Schemas")
        .Define(JsonConverter.SchemasCacheSizeConfig, ConfigType.Int, SchemasCacheSizeDefault, RangeValidator.AtLeast(0), Importance.High,
            "The maximum number of schemas that can be cached in this converter instance.", "Schemas", 1, Width.Medium, "Schema Cache Size")
        .Define(JsonConverter.DecimalFormatConfig, ConfigType.String, "BASE64", CaseInsensitiveValidString.In("BASE64", "NUMERIC"), Importance.Low,
            "Controls which format this converter will serialize decimals in. This value is case insensitive and can be either 'BASE64' (default) or 'NUMERIC'",
            "Serialization", 0, Width.Medium, "Decimal Format")
        .Define(JsonConverter.ReplaceNullWithDefaultConfig, ConfigType.Boolean, ReplaceNullWithDefaultDefault, Importance.Low,
            "Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.",
            "Serialization", 1, Width.Medium, "Replace null with default")
        .Define(JsonConverter.ConverterTypeConfig, ConfigType.String, ConfigDef.NoDefaultValue, ValidString.In("key", "value", "header"), Importance.Low,
            "How this converter will be used.");

    /// <summary>Parses the settings; unknown keys are ignored, as Kafka does.</summary>
    /// <param name="configs">The converter's settings.</param>
    /// <param name="defaultType">The converter type when <c>converter.type</c> is not set.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="ConfigException">A value is invalid; the message names the key.</exception>
    public static JsonConverterConfig Parse(IReadOnlyDictionary<string, string> configs, ConverterType defaultType)
    {
        ArgumentNullException.ThrowIfNull(configs);
        var withType = new Dictionary<string, string>(configs, StringComparer.Ordinal);
        if (!withType.ContainsKey(JsonConverter.ConverterTypeConfig))
        {
            withType[JsonConverter.ConverterTypeConfig] = defaultType.ToString().ToLowerInvariant();
        }

        var values = Definition.Parse(withType);
        return new JsonConverterConfig(
            (bool)values[JsonConverter.SchemasEnableConfig]!,
            (int)values[JsonConverter.SchemasCacheSizeConfig]!,
            string.Equals((string)values[JsonConverter.DecimalFormatConfig]!, "NUMERIC", StringComparison.OrdinalIgnoreCase) ? DecimalFormat.Numeric : DecimalFormat.Base64,
            (bool)values[JsonConverter.ReplaceNullWithDefaultConfig]!,
            (string)values[JsonConverter.ConverterTypeConfig]! switch
            {
                "key" => ConverterType.Key,
                "header" => ConverterType.Header,
                _ => ConverterType.Value,
            });
    }
}
