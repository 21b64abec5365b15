using System.ComponentModel;
using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Transforms.Internal;

namespace Connect.Sdk.Transforms;

/// <summary>
/// Converts a timestamp, the whole key or value or one of its fields, between Unix epoch numbers, formatted strings and
/// the Date, Time and Timestamp logical types (Kafka's <c>org.apache.kafka.connect.transforms.TimestampConverter</c>):
/// <c>field=created</c>, <c>target.type=string</c>, <c>format=yyyy-MM-dd'T'HH:mm:ss.SSS'Z'</c>.
/// </summary>
/// <remarks>
/// <para><c>format</c> is a <c>java.text.SimpleDateFormat</c> pattern, applied in UTC with SimpleDateFormat's
/// semantics (see <see cref="JavaDateFormat"/>); it formats string output and parses string input. Unix values are
/// <see cref="long"/>s in <c>unix.precision</c> units; Date, Time and Timestamp values are <see cref="DateTime"/>s in UTC.
/// Like Kafka, conversions go through millisecond precision.</para>
/// <para>The input type comes from the schema (a Date, Time or Timestamp logical type, a string, or an int64 for Unix
/// time), or without a schema from the value (<see cref="DateTime"/> is a Timestamp, <see cref="long"/> is Unix time, a
/// string is parsed with <c>format</c>). Output schemas are cached per input schema.</para>
/// </remarks>
/// <typeparam name="TRecord">The record type.</typeparam>
[Description(OverviewDoc)]
public abstract class TimestampConverter<TRecord> : ITransformation<TRecord>
    where TRecord : ConnectRecord<TRecord>
{
    internal const string OverviewDoc =
        "Convert timestamps between different formats such as Unix epoch, strings, and Connect Date/Timestamp types. "
        + "Applies to individual fields or to the entire value. "
        + "Use the concrete transformation type designed for the record key (TimestampConverter$Key) or value (TimestampConverter$Value).";

    private const string FieldConfig = "field";
    private const string TargetTypeConfig = "target.type";
    private const string FormatConfig = "format";
    private const string UnixPrecisionConfig = "unix.precision";
    private const string Purpose = "converting timestamp formats";

    private const string TypeString = "string";
    private const string TypeUnix = "unix";
    private const string TypeDate = "Date";
    private const string TypeTime = "Time";
    private const string TypeTimestamp = "Timestamp";

    private const string PrecisionMillis = "milliseconds";
    private const string PrecisionMicros = "microseconds";
    private const string PrecisionNanos = "nanoseconds";
    private const string PrecisionSeconds = "seconds";

    private const long MillisPerDay = 24L * 60 * 60 * 1000;

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(FieldConfig, ConfigType.String, string.Empty, Importance.High, "The field containing the timestamp, or empty if the entire value is a timestamp")
        .Define(
            TargetTypeConfig,
            ConfigType.String,
            ConfigDef.NoDefaultValue,
            ValidString.In(TypeString, TypeUnix, TypeDate, TypeTime, TypeTimestamp),
            Importance.High,
            "The desired timestamp representation: string, unix, Date, Time, or Timestamp")
        .Define(
            FormatConfig,
            ConfigType.String,
            string.Empty,
            Importance.Medium,
            "A SimpleDateFormat-compatible format for the timestamp. Used to generate the output when type=string or used to parse the input if the input is a string.")
        .Define(
            UnixPrecisionConfig,
            ConfigType.String,
            PrecisionMillis,
            ValidString.In(PrecisionNanos, PrecisionMicros, PrecisionMillis, PrecisionSeconds),
            Importance.Low,
            "The desired Unix precision for the timestamp: seconds, milliseconds, microseconds, or nanoseconds. "
            + "Used to generate the output when type=unix or used to parse the input if the input is a Long. "
            + "Note: This SMT will cause precision loss during conversions from, and to, values with sub-millisecond components.")
        .DefineReplaceNullWithDefault();

    /// <summary>The key or the value, as the <c>Key</c> or <c>Value</c> variant chose.</summary>
    private readonly RecordPart<TRecord> _part;

    private readonly SchemaUpdateCache _schemaUpdateCache = new();
    private string _field = string.Empty;
    private string _targetType = TypeTimestamp;
    private JavaDateFormat? _format;
    private string _unixPrecision = PrecisionMillis;
    private bool _replaceNullWithDefault = true;

    private protected TimestampConverter(RecordPart<TRecord> part)
    {
        _part = part;
    }

    /// <inheritdoc />
    public ConfigDef Config => Definition;

    /// <summary>Configures the transform from <c>field</c>, <c>target.type</c>, <c>format</c>, <c>unix.precision</c> and <c>replace.null.with.default</c>.</summary>
    /// <param name="configs">The settings.</param>
    /// <exception cref="ConfigException">
    /// <c>target.type</c> is missing or unknown, <c>format</c> is missing for string output or is not a valid
    /// SimpleDateFormat pattern, or <c>unix.precision</c> is unknown.
    /// </exception>
    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = ConfigSupport.Parse(Definition, configs);
        _field = config.GetString(FieldConfig) ?? string.Empty;
        _targetType = config.GetString(TargetTypeConfig)!;
        var pattern = config.GetString(FormatConfig) ?? string.Empty;
        _unixPrecision = config.GetString(UnixPrecisionConfig)!;
        _replaceNullWithDefault = config.GetBoolean(ConfigSupport.ReplaceNullWithDefaultConfig);

        if (_targetType == TypeString && string.IsNullOrWhiteSpace(pattern))
        {
            throw new ConfigException(FormatConfig, pattern, "TimestampConverter requires format option to be specified when using string timestamps");
        }

        _format = null;
        if (!string.IsNullOrWhiteSpace(pattern))
        {
            try
            {
                _format = JavaDateFormat.Create(pattern);
            }
            catch (ArgumentException e)
            {
                throw new ConfigException(
                    FormatConfig,
                    pattern,
                    "TimestampConverter requires a SimpleDateFormat-compatible pattern for string timestamps: " + e.Message);
            }
        }

        _schemaUpdateCache.Clear();
    }

    /// <inheritdoc />
    /// <exception cref="DataException">A timestamp is of a type that does not fit its schema or cannot be converted, or a string does not match <c>format</c>.</exception>
    /// <exception cref="ConnectException">A schema does not describe a timestamp.</exception>
    public TRecord? Apply(TRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var schema = _part.SchemaOf(record);
        return schema is null ? ApplySchemaless(record) : ApplyWithSchema(record, schema);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _schemaUpdateCache.Clear();
        GC.SuppressFinalize(this);
    }

    private TRecord ApplyWithSchema(TRecord record, Schema schema)
    {
        var value = _part.ValueOf(record);
        if (_field.Length == 0)
        {
            return _part.With(record, TypeSchema(_targetType, schema.IsOptional), Convert(value, TimestampTypeFromSchema(schema)));
        }

        var structValue = Requirements.RequireStructOrNull(value, Purpose);
        var updatedSchema = _schemaUpdateCache.GetOrAdd(schema, this, static (s, self) => self.BuildSchema(s));
        return _part.With(record, updatedSchema, ConvertStruct(structValue, updatedSchema));
    }

    private Schema BuildSchema(Schema schema)
    {
        var builder = SchemaUtil.CopyStructBasics(schema);
        foreach (var field in schema.Fields)
        {
            builder.Field(field.Name, field.Name == _field ? TypeSchema(_targetType, field.Schema.IsOptional) : field.Schema);
        }

        if (schema.IsOptional)
        {
            builder.Optional();
        }

        if (schema.DefaultValue is Struct defaultValue)
        {
            builder.DefaultValue(ConvertStruct(defaultValue, builder.Build()));
        }

        return builder.Build();
    }

    private Struct? ConvertStruct(Struct? value, Schema updatedSchema)
    {
        if (value is null)
        {
            return null;
        }

        var updated = new Struct(updatedSchema);
        var updatedFields = updatedSchema.Fields;
        foreach (var field in value.Schema.Fields)
        {
            var fieldValue = _replaceNullWithDefault ? value.Get(field) : value.GetWithoutDefault(field.Name);
            updated.Put(updatedFields[field.Index], field.Name == _field ? Convert(fieldValue, TimestampTypeFromSchema(field.Schema)) : fieldValue);
        }

        return updated;
    }

    private TRecord ApplySchemaless(TRecord record)
    {
        var value = _part.ValueOf(record);
        if (value is null || _field.Length == 0)
        {
            return _part.With(record, null, Convert(value, null));
        }

        var map = Requirements.RequireMap(value, Purpose);
        var updated = Requirements.CopyMap(map);
        updated[_field] = Convert(Requirements.Get(map, _field), null);
        return _part.With(record, null, updated);
    }

    private static string TimestampTypeFromSchema(Schema schema) => schema.Name switch
    {
        ConnectTimestamp.LogicalName => TypeTimestamp,
        ConnectDate.LogicalName => TypeDate,
        ConnectTime.LogicalName => TypeTime,
        _ => schema.Type switch
        {
            SchemaType.String => TypeString,
            SchemaType.Int64 => TypeUnix,
            _ => throw new ConnectException($"Schema {schema} does not correspond to a known timestamp type format"),
        },
    };

    private static string InferTimestampType(object timestamp) => timestamp switch
    {
        DateTime => TypeTimestamp,
        long => TypeUnix,
        string => TypeString,
        _ => throw new DataException($"TimestampConverter does not support {Requirements.TypeName(timestamp)} objects as timestamps"),
    };

    private static Schema TypeSchema(string type, bool optional) => type switch
    {
        TypeString => optional ? Schema.OptionalString : Schema.String,
        TypeUnix => optional ? Schema.OptionalInt64 : Schema.Int64,
        TypeDate => optional ? ConnectDate.OptionalSchema : ConnectDate.Schema,
        TypeTime => optional ? ConnectTime.OptionalSchema : ConnectTime.Schema,
        _ => optional ? ConnectTimestamp.OptionalSchema : ConnectTimestamp.Schema,
    };

    private object? Convert(object? timestamp, string? sourceType)
    {
        if (timestamp is null)
        {
            return null;
        }

        var raw = ToRaw(timestamp, sourceType ?? InferTimestampType(timestamp));
        return ToType(raw);
    }

    /// <summary>Milliseconds since the epoch, the common form every conversion goes through (Kafka's java.util.Date).</summary>
    private long ToRaw(object timestamp, string sourceType)
    {
        switch (sourceType)
        {
            case TypeString:
                if (timestamp is not string text)
                {
                    throw new DataException("Expected string timestamp to be a String, but found " + Requirements.TypeName(timestamp));
                }

                if (_format is null)
                {
                    throw new DataException($"Could not parse timestamp: value ({text}) needs the format option to be set");
                }

                return _format.TryParse(text, out var parsed)
                    ? JavaValueText.EpochMillis(parsed)
                    : throw new DataException($"Could not parse timestamp: value ({text}) does not match pattern ({_format.Pattern})");
            case TypeUnix:
                if (timestamp is not long unixTime)
                {
                    throw new DataException("Expected Unix timestamp to be a Long, but found " + Requirements.TypeName(timestamp));
                }

                return _unixPrecision switch
                {
                    PrecisionSeconds => SaturatingMultiply(unixTime, 1000),
                    PrecisionMicros => unixTime / 1000,
                    PrecisionNanos => unixTime / 1_000_000,
                    _ => unixTime,
                };
            default:
                if (timestamp is not DateTime instant)
                {
                    throw new DataException($"Expected {sourceType} to be a System.DateTime, but found {Requirements.TypeName(timestamp)}");
                }

                return JavaValueText.EpochMillis(instant);
        }
    }

    private object ToType(long millis) => _targetType switch
    {
        TypeString => _format!.Format(ToDateTime(millis)),
        TypeUnix => _unixPrecision switch
        {
            PrecisionSeconds => millis / 1000,
            PrecisionMicros => SaturatingMultiply(millis, 1000),
            PrecisionNanos => SaturatingMultiply(millis, 1_000_000),
            _ => millis,
        },
        TypeDate => ToDateTime(JavaValueText.FloorDiv(millis, MillisPerDay) * MillisPerDay),
        TypeTime => ToDateTime(millis - (JavaValueText.FloorDiv(millis, MillisPerDay) * MillisPerDay)),
        _ => ToDateTime(millis),
    };

    private static DateTime ToDateTime(long millis) => ConnectTimestamp.ToLogical(ConnectTimestamp.Schema, millis);

    private static long SaturatingMultiply(long value, long factor)
    {
        if (value > long.MaxValue / factor)
        {
            return long.MaxValue;
        }

        return value < long.MinValue / factor ? long.MinValue : value * factor;
    }

    /// <summary>Converts a timestamp in the record key (Kafka's <c>TimestampConverter$Key</c>).</summary>
    [Description(OverviewDoc)]
    public sealed class Key() : TimestampConverter<TRecord>(RecordPart<TRecord>.Key);

    /// <summary>Converts a timestamp in the record value (Kafka's <c>TimestampConverter$Value</c>).</summary>
    [Description(OverviewDoc)]
    public sealed class Value() : TimestampConverter<TRecord>(RecordPart<TRecord>.Value);
}
