using System.Collections;
using System.ComponentModel;
using System.Globalization;
using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Transforms.Internal;

namespace Connect.Sdk.Transforms;

/// <summary>
/// Replaces the values of fields with an empty value of their type (0, false, the empty string, an empty list or map,
/// the epoch for dates), or with a configured replacement for numeric and string fields (Kafka's
/// <c>org.apache.kafka.connect.transforms.MaskField</c>): <c>fields=ssn,card</c>, <c>replacement=****</c>. Null fields stay
/// null; null keys and values pass through.
/// </summary>
/// <typeparam name="TRecord">The record type.</typeparam>
[Description(OverviewDoc)]
public abstract class MaskField<TRecord> : ITransformation<TRecord>
    where TRecord : ConnectRecord<TRecord>
{
    internal const string OverviewDoc =
        "Mask specified fields with a valid null value for the field type (i.e. 0, false, empty string, and so on). "
        + "For numeric and string fields, an optional replacement value can be specified that is converted to the correct type. "
        + "Use the concrete transformation type designed for the record key (MaskField$Key) or value (MaskField$Value).";

    private const string FieldsConfig = "fields";
    private const string ReplacementConfig = "replacement";
    private const string Purpose = "mask fields";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(FieldsConfig, ConfigType.List, ConfigDef.NoDefaultValue, ConfigSupport.NonEmptyList, Importance.High, "Names of fields to mask.")
        .Define(
            ReplacementConfig,
            ConfigType.String,
            null,
            NonEmptyString.Instance,
            Importance.Low,
            "Custom value replacement, that will be applied to all 'fields' values (numeric or non-empty string values only).")
        .DefineReplaceNullWithDefault();

    /// <summary>The key or the value, as the <c>Key</c> or <c>Value</c> variant chose.</summary>
    private readonly RecordPart<TRecord> _part;

    private HashSet<string> _maskedFields = new(StringComparer.Ordinal);
    private string? _replacement;
    private bool _replaceNullWithDefault = true;

    private protected MaskField(RecordPart<TRecord> part)
    {
        _part = part;
    }

    /// <inheritdoc />
    public ConfigDef Config => Definition;

    /// <summary>Configures the transform from <c>fields</c>, <c>replacement</c> and <c>replace.null.with.default</c>.</summary>
    /// <param name="configs">The settings.</param>
    /// <exception cref="ConfigException"><c>fields</c> is missing or empty, or <c>replacement</c> is empty.</exception>
    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = ConfigSupport.Parse(Definition, configs);
        _maskedFields = new HashSet<string>(config.GetList(FieldsConfig)!, StringComparer.Ordinal);
        _replacement = config.GetString(ReplacementConfig);
        _replaceNullWithDefault = config.GetBoolean(ConfigSupport.ReplaceNullWithDefaultConfig);
    }

    /// <inheritdoc />
    /// <exception cref="DataException">The key or value is not a struct or map, or a field's type cannot be masked (with the replacement).</exception>
    public TRecord? Apply(TRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var value = _part.ValueOf(record);
        if (value is null)
        {
            return record;
        }

        if (_part.SchemaOf(record) is null)
        {
            var map = Requirements.RequireMap(value, Purpose);
            var updated = Requirements.CopyMap(map);
            foreach (var field in _maskedFields)
            {
                updated[field] = Masked(Requirements.Get(map, field));
            }

            return _part.With(record, _part.SchemaOf(record), updated);
        }

        var structValue = Requirements.RequireStruct(value, Purpose);
        var updatedStruct = new Struct(structValue.Schema);
        foreach (var field in structValue.Schema.Fields)
        {
            var original = _replaceNullWithDefault ? structValue.Get(field) : structValue.GetWithoutDefault(field.Name);
            updatedStruct.Put(field, _maskedFields.Contains(field.Name) ? Masked(original) : original);
        }

        return _part.With(record, _part.SchemaOf(record), updatedStruct);
    }

    /// <inheritdoc />
    public void Dispose() => GC.SuppressFinalize(this);

    private object? Masked(object? value) => value switch
    {
        null => null,
        _ when _replacement is null => MaskWithEmptyValue(value),
        _ => MaskWithReplacement(value, _replacement),
    };

    private static object MaskWithEmptyValue(object value) => value switch
    {
        bool => false,
        sbyte => (sbyte)0,
        short => (short)0,
        int => 0,
        long => 0L,
        float => 0f,
        double => 0d,
        decimal => 0m,
        DateTime => DateTime.UnixEpoch,
        string => string.Empty,
        byte[] or ReadOnlyMemory<byte> => throw new DataException("Cannot mask value of type: " + Requirements.TypeName(value)),
        IList => new List<object?>(),
        IDictionary => new Dictionary<object, object?>(),
        _ => throw new DataException("Cannot mask value of type: " + Requirements.TypeName(value)),
    };

    private static object MaskWithReplacement(object value, string replacement)
    {
        try
        {
            return value switch
            {
                sbyte => JavaNumbers.ByteValue(ParseNumber(replacement)),
                short => JavaNumbers.ShortValue(ParseNumber(replacement)),
                int => JavaNumbers.IntValue(ParseNumber(replacement)),
                long => JavaNumbers.LongValue(ParseNumber(replacement)),
                float => JavaNumbers.FloatValue(ParseNumber(replacement)),
                double => JavaNumbers.DoubleValue(ParseNumber(replacement)),
                decimal => decimal.Parse(replacement, NumberStyles.Float, CultureInfo.InvariantCulture),
                string => replacement,
                _ => throw new DataException($"Cannot mask value of type {Requirements.TypeName(value)} with custom replacement."),
            };
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new DataException($"Unable to convert {replacement} ({typeof(string).FullName}) to number", e);
        }
    }

    private static object ParseNumber(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Masks fields of the record key (Kafka's <c>MaskField$Key</c>).</summary>
    [Description(OverviewDoc)]
    public sealed class Key() : MaskField<TRecord>(RecordPart<TRecord>.Key);

    /// <summary>Masks fields of the record value (Kafka's <c>MaskField$Value</c>).</summary>
    [Description(OverviewDoc)]
    public sealed class Value() : MaskField<TRecord>(RecordPart<TRecord>.Value);
}
