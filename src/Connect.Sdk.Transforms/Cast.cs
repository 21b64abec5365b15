using System.ComponentModel;
using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Transforms.Internal;

namespace Connect.Sdk.Transforms;

/// <summary>
/// Casts fields, or the entire key or value, to another primitive type (Kafka's
/// <c>org.apache.kafka.connect.transforms.Cast</c>): <c>spec=id:int64,price:float64</c> casts fields of a struct or map,
/// <c>spec=int32</c> casts the whole key or value. Integers, floating point numbers, booleans and strings cast to any of
/// those types, bytes (Base64) and logical types (Date, Time, Timestamp, Decimal) cast to strings, and logical types
/// cast to numbers through their stored value (days, milliseconds, or the number itself).
/// </summary>
/// <remarks>
/// <para>Conversions follow Java's: integers wrap when narrowed, floating point numbers saturate, strings parse as
/// <c>Integer.parseInt</c> and friends do, and any string other than <c>true</c> is false. Null keys and values pass
/// through unchanged. Output schemas are cached per input schema.</para>
/// <para>Casting a whole Decimal, Date, Time or Timestamp value drops the logical type's name from the new schema;
/// Kafka keeps it, which leaves a string schema named as a Timestamp that converters then reject.</para>
/// </remarks>
/// <typeparam name="TRecord">The record type.</typeparam>
[Description(OverviewDoc)]
public abstract class Cast<TRecord> : ITransformation<TRecord>
    where TRecord : ConnectRecord<TRecord>
{
    internal const string OverviewDoc =
        "Cast fields or the entire key or value to a specific type, e.g. to force an integer field to a smaller width. "
        + "Cast from integers, floats, boolean and string to any other type, and cast binary to string (base64 encoded). "
        + "Use the concrete transformation type designed for the record key (Cast$Key) or value (Cast$Value).";

    private const string SpecConfig = "spec";
    private const string Purpose = "cast types";

    private static readonly SchemaType[] SupportedInputTypes =
    [
        SchemaType.Int8, SchemaType.Int16, SchemaType.Int32, SchemaType.Int64, SchemaType.Float32, SchemaType.Float64,
        SchemaType.Boolean, SchemaType.String, SchemaType.Bytes,
    ];

    private static readonly SchemaType[] SupportedOutputTypes =
    [
        SchemaType.Int8, SchemaType.Int16, SchemaType.Int32, SchemaType.Int64, SchemaType.Float32, SchemaType.Float64,
        SchemaType.Boolean, SchemaType.String,
    ];

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(
            SpecConfig,
            ConfigType.List,
            ConfigDef.NoDefaultValue,
            LambdaValidator.With(
                (name, value) => ParseFieldTypes(name, value as IReadOnlyList<string>),
                () => "list of colon-delimited pairs, e.g. foo:bar,abc:xyz"),
            Importance.High,
            "List of fields and the type to cast them to of the form field1:type,field2:type to cast fields of Maps or Structs. "
            + "A single type to cast the entire value. Valid types are int8, int16, int32, int64, float32, float64, boolean, and string. "
            + "Note that binary fields can only be cast to string.")
        .DefineReplaceNullWithDefault();

    /// <summary>The key or the value, as the <c>Key</c> or <c>Value</c> variant chose.</summary>
    private readonly RecordPart<TRecord> _part;

    private readonly SchemaUpdateCache<Plan> _schemaUpdateCache = new();
    private Dictionary<string, SchemaType> _casts = new(StringComparer.Ordinal);
    private SchemaType? _wholeValueCastType;
    private bool _replaceNullWithDefault = true;

    private protected Cast(RecordPart<TRecord> part)
    {
        _part = part;
    }

    /// <inheritdoc />
    public ConfigDef Config => Definition;

    /// <summary>Configures the transform from <c>spec</c> and <c>replace.null.with.default</c>.</summary>
    /// <param name="configs">The settings.</param>
    /// <exception cref="ConfigException">The spec is empty, malformed, names an unknown type or a type that cannot be cast to, or mixes a whole-value cast with field casts.</exception>
    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = ConfigSupport.Parse(Definition, configs);
        (_casts, _wholeValueCastType) = ParseFieldTypes(SpecConfig, config.GetList(SpecConfig));
        _replaceNullWithDefault = config.GetBoolean(ConfigSupport.ReplaceNullWithDefaultConfig);
        _schemaUpdateCache.Clear();
    }

    /// <inheritdoc />
    public TRecord? Apply(TRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var value = _part.ValueOf(record);
        if (value is null)
        {
            return record;
        }

        var schema = _part.SchemaOf(record);
        return schema is null ? ApplySchemaless(record, value) : ApplyWithSchema(record, schema, value);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _schemaUpdateCache.Clear();
        GC.SuppressFinalize(this);
    }

    private TRecord ApplySchemaless(TRecord record, object value)
    {
        if (_wholeValueCastType is { } wholeType)
        {
            return _part.With(record, null, CastValueToType(null, value, wholeType));
        }

        var map = Requirements.RequireMap(value, Purpose);
        var updated = Requirements.CopyMap(map);
        foreach (var (field, type) in _casts)
        {
            updated[field] = CastValueToType(null, Requirements.Get(map, field), type);
        }

        return _part.With(record, null, updated);
    }

    private TRecord ApplyWithSchema(TRecord record, Schema schema, object value)
    {
        if (_wholeValueCastType is { } wholeType)
        {
            var wholeSchema = _schemaUpdateCache.GetOrAdd(schema, this, static (s, self) => self.BuildPlan(s)).Schema;
            return _part.With(record, wholeSchema, CastValueToType(schema, value, wholeType));
        }

        var structValue = Requirements.RequireStruct(value, Purpose);
        var plan = _schemaUpdateCache.GetOrAdd(structValue.Schema, this, static (s, self) => self.BuildPlan(s));
        var updatedValue = new Struct(plan.Schema);
        var updatedFields = plan.Schema.Fields;
        var fields = structValue.Schema.Fields;
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            var original = _replaceNullWithDefault ? structValue.Get(field) : structValue.GetWithoutDefault(field.Name);
            var newValue = plan.TargetTypes[i] is { } targetType
                ? CastValueToType(field.Schema, original, targetType)
                : original;
            updatedValue.Put(updatedFields[i], newValue);
        }

        return _part.With(record, plan.Schema, updatedValue);
    }

    private Plan BuildPlan(Schema valueSchema)
    {
        var schema = BuildSchema(valueSchema);
        SchemaType?[] targetTypes = _wholeValueCastType is null
            ? [.. valueSchema.Fields.Select(f => _casts.TryGetValue(f.Name, out var type) ? type : (SchemaType?)null)]
            : [];
        return new Plan(schema, targetTypes);
    }

    private Schema BuildSchema(Schema valueSchema)
    {
        SchemaBuilder builder;
        if (_wholeValueCastType is { } wholeType)
        {
            builder = ConvertFieldType(wholeType);
            if (!valueSchema.IsLogical)
            {
                SchemaUtil.CopyBasics(valueSchema, builder);
            }
        }
        else
        {
            builder = SchemaUtil.CopyStructBasics(valueSchema);
            foreach (var field in valueSchema.Fields)
            {
                if (_casts.TryGetValue(field.Name, out var type))
                {
                    var fieldBuilder = ConvertFieldType(type);
                    if (field.Schema.IsOptional)
                    {
                        fieldBuilder.Optional();
                    }

                    if (field.Schema.DefaultValue is { } fieldDefault)
                    {
                        fieldBuilder.DefaultValue(CastValueToType(field.Schema, fieldDefault, fieldBuilder.Type));
                    }

                    builder.Field(field.Name, fieldBuilder.Build());
                }
                else
                {
                    builder.Field(field.Name, field.Schema);
                }
            }
        }

        if (valueSchema.IsOptional)
        {
            builder.Optional();
        }

        if (valueSchema.DefaultValue is { } defaultValue)
        {
            builder.DefaultValue(_wholeValueCastType is null
                ? CastStructDefault((Struct)defaultValue, builder)
                : CastValueToType(valueSchema, defaultValue, builder.Type));
        }

        return builder.Build();
    }

    private Struct CastStructDefault(Struct defaultValue, SchemaBuilder builder)
    {
        // The default of a struct value must carry the new fields, so cast it field by field.
        var fieldsOnly = SchemaBuilder.Struct();
        foreach (var field in builder.Fields)
        {
            fieldsOnly.Field(field.Name, field.Schema);
        }

        var schemaWithoutDefault = fieldsOnly.Build();
        var updated = new Struct(schemaWithoutDefault);
        foreach (var field in defaultValue.Schema.Fields)
        {
            var value = defaultValue.Get(field);
            updated.Put(field.Name, _casts.TryGetValue(field.Name, out var type) ? CastValueToType(field.Schema, value, type) : value);
        }

        return updated;
    }

    /// <summary>The output schema for an input schema, and the type each input field is cast to (null: kept).</summary>
    private sealed record Plan(Schema Schema, SchemaType?[] TargetTypes);

    private static SchemaBuilder ConvertFieldType(SchemaType type) => type switch
    {
        SchemaType.Int8 => SchemaBuilder.Int8(),
        SchemaType.Int16 => SchemaBuilder.Int16(),
        SchemaType.Int32 => SchemaBuilder.Int32(),
        SchemaType.Int64 => SchemaBuilder.Int64(),
        SchemaType.Float32 => SchemaBuilder.Float32(),
        SchemaType.Float64 => SchemaBuilder.Float64(),
        SchemaType.Boolean => SchemaBuilder.Boolean(),
        SchemaType.String => SchemaBuilder.String(),
        _ => throw new DataException("Unexpected type in Cast transformation: " + UpperName(type)),
    };

    private static object? CastValueToType(Schema? schema, object? value, SchemaType targetType)
    {
        if (value is null)
        {
            return null;
        }

        var inferredType = schema?.Type ?? Schema.SchemaTypeFor(value.GetType());
        if (inferredType is not { } sourceType)
        {
            throw new DataException(
                $"Cast transformation was passed a value of type {Requirements.TypeName(value)} which is not supported by Connect's data API");
        }

        if (Array.IndexOf(SupportedInputTypes, sourceType) < 0)
        {
            throw new DataException(
                $"Cast transformation does not support casting from {UpperName(sourceType)}; supported types are {UpperNames(SupportedInputTypes)}");
        }

        if (schema?.Name is not null && targetType != SchemaType.String)
        {
            value = EncodeLogicalType(schema, value);
        }

        return targetType switch
        {
            SchemaType.Int8 => ToInt8(value),
            SchemaType.Int16 => ToInt16(value),
            SchemaType.Int32 => ToInt32(value),
            SchemaType.Int64 => ToInt64(value),
            SchemaType.Float32 => ToFloat32(value),
            SchemaType.Float64 => ToFloat64(value),
            SchemaType.Boolean => ToBoolean(value),
            SchemaType.String => JavaValueText.ToJavaString(value),
            _ => throw new DataException(UpperName(targetType) + " is not supported in the Cast transformation."),
        };
    }

    private static object EncodeLogicalType(Schema schema, object value) => schema.Name switch
    {
        ConnectDate.LogicalName when value is DateTime date => ConnectDate.FromLogical(schema, date),
        ConnectTime.LogicalName when value is DateTime time => ConnectTime.FromLogical(schema, time),
        ConnectTimestamp.LogicalName when value is DateTime timestamp => ConnectTimestamp.FromLogical(schema, timestamp),
        _ => value,
    };

    private static sbyte ToInt8(object value) => value switch
    {
        bool flag => flag ? (sbyte)1 : (sbyte)0,
        string text => JavaNumbers.TryParseLong(text, out var parsed) && parsed is >= sbyte.MinValue and <= sbyte.MaxValue
            ? (sbyte)parsed
            : throw OutOfRange(text),
        _ when JavaNumbers.IsNumber(value) => JavaNumbers.ByteValue(value),
        _ => throw UnexpectedType(value),
    };

    private static short ToInt16(object value) => value switch
    {
        bool flag => flag ? (short)1 : (short)0,
        string text => JavaNumbers.TryParseLong(text, out var parsed) && parsed is >= short.MinValue and <= short.MaxValue
            ? (short)parsed
            : throw OutOfRange(text),
        _ when JavaNumbers.IsNumber(value) => JavaNumbers.ShortValue(value),
        _ => throw UnexpectedType(value),
    };

    private static int ToInt32(object value) => value switch
    {
        bool flag => flag ? 1 : 0,
        string text => JavaNumbers.TryParseLong(text, out var parsed) && parsed is >= int.MinValue and <= int.MaxValue
            ? (int)parsed
            : throw OutOfRange(text),
        _ when JavaNumbers.IsNumber(value) => JavaNumbers.IntValue(value),
        _ => throw UnexpectedType(value),
    };

    private static long ToInt64(object value) => value switch
    {
        bool flag => flag ? 1L : 0L,
        string text => JavaNumbers.TryParseLong(text, out var parsed) ? parsed : throw OutOfRange(text),
        _ when JavaNumbers.IsNumber(value) => JavaNumbers.LongValue(value),
        _ => throw UnexpectedType(value),
    };

    private static float ToFloat32(object value) => value switch
    {
        bool flag => flag ? 1f : 0f,
        string text => JavaNumbers.TryParseFloat(text, out var parsed) ? parsed : throw OutOfRange(text),
        _ when JavaNumbers.IsNumber(value) => JavaNumbers.FloatValue(value),
        _ => throw UnexpectedType(value),
    };

    private static double ToFloat64(object value) => value switch
    {
        bool flag => flag ? 1d : 0d,
        string text => JavaNumbers.TryParseDouble(text, out var parsed) ? parsed : throw OutOfRange(text),
        _ when JavaNumbers.IsNumber(value) => JavaNumbers.DoubleValue(value),
        _ => throw UnexpectedType(value),
    };

    private static bool ToBoolean(object value) => value switch
    {
        bool flag => flag,
        string text => JavaNumbers.ParseBoolean(text),
        _ when JavaNumbers.IsNumber(value) => JavaNumbers.LongValue(value) != 0L,
        _ => throw UnexpectedType(value),
    };

    private static DataException OutOfRange(string value) =>
        new($"Value ({value}) was out of range for requested data type");

    private static DataException UnexpectedType(object value) =>
        new("Unexpected type in Cast transformation: " + Requirements.TypeName(value));

    private static (Dictionary<string, SchemaType> Casts, SchemaType? WholeValue) ParseFieldTypes(string name, IReadOnlyList<string>? mappings)
    {
        if (mappings is null || mappings.Count == 0)
        {
            throw new ConfigException(name, mappings, "Must specify at least one field to cast.");
        }

        var casts = new Dictionary<string, SchemaType>(StringComparer.Ordinal);
        SchemaType? wholeValue = null;
        foreach (var mapping in mappings)
        {
            // Java's String.split drops trailing empty parts.
            var parts = mapping.Split(':').ToList();
            while (parts.Count > 0 && parts[^1].Length == 0)
            {
                parts.RemoveAt(parts.Count - 1);
            }

            if (parts.Count > 2 || parts.Count == 0)
            {
                throw new ConfigException(name, mappings, "Invalid rename mapping: " + mapping);
            }

            if (parts.Count == 1)
            {
                wholeValue = ValidOutputType(name, mappings, ParseType(name, mappings, parts[0]));
            }
            else
            {
                casts[parts[0].Trim()] = ValidOutputType(name, mappings, ParseType(name, mappings, parts[1]));
            }
        }

        if (wholeValue is not null && mappings.Count > 1)
        {
            throw new ConfigException(
                name,
                mappings,
                "Cast transformations that specify a type to cast the entire value to may ony specify a single cast in their spec");
        }

        return (casts, wholeValue);
    }

    private static SchemaType ParseType(string name, IReadOnlyList<string> mappings, string text) =>
        SchemaTypeExtensions.TryParseWireName(text.Trim(), out var type)
            ? type
            : throw new ConfigException(name, mappings, "Invalid type found in casting spec: " + text.Trim());

    private static SchemaType ValidOutputType(string name, IReadOnlyList<string> mappings, SchemaType type) =>
        Array.IndexOf(SupportedOutputTypes, type) >= 0
            ? type
            : throw new ConfigException(
                name,
                mappings,
                $"Cast transformation does not support casting to {UpperName(type)}; supported types are {UpperNames(SupportedOutputTypes)}");

    private static string UpperName(SchemaType type) => type.ToWireName().ToUpperInvariant();

    private static string UpperNames(SchemaType[] types) => "[" + string.Join(", ", types.Select(UpperName)) + "]";

    /// <summary>Casts fields of, or the whole, record key (Kafka's <c>Cast$Key</c>).</summary>
    [Description(OverviewDoc)]
    public sealed class Key() : Cast<TRecord>(RecordPart<TRecord>.Key);

    /// <summary>Casts fields of, or the whole, record value (Kafka's <c>Cast$Value</c>).</summary>
    [Description(OverviewDoc)]
    public sealed class Value() : Cast<TRecord>(RecordPart<TRecord>.Value);
}
