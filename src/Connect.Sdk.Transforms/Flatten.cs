using System.Collections;
using System.ComponentModel;
using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Transforms.Internal;

namespace Connect.Sdk.Transforms;

/// <summary>
/// Flattens nested structs or maps into one level, joining the field names with a delimiter (Kafka's
/// <c>org.apache.kafka.connect.transforms.Flatten</c>): <c>{"a": {"b": 1}}</c> becomes <c>{"a.b": 1}</c>. Arrays are
/// kept as they are. A flattened field is optional when any struct above it is, and takes its default from the
/// nearest default above it. Null keys and values pass through.
/// </summary>
/// <remarks>
/// Schemaless maps may hold <see cref="DateTime"/> and <see cref="decimal"/> values, which are kept like other primitives
/// (Kafka rejects <c>java.util.Date</c> and <c>BigDecimal</c> in schemaless maps). Output schemas are cached per input
/// schema.
/// </remarks>
/// <typeparam name="TRecord">The record type.</typeparam>
[Description(OverviewDoc)]
public abstract class Flatten<TRecord> : ITransformation<TRecord>
    where TRecord : ConnectRecord<TRecord>
{
    internal const string OverviewDoc =
        "Flatten a nested data structure, generating names for each field by concatenating the field names at each level "
        + "with a configurable delimiter character. Applies to Struct when schema present, or a Map in the case of schemaless data. "
        + "Array fields and their contents are not modified. The default delimiter is '.'. "
        + "Use the concrete transformation type designed for the record key (Flatten$Key) or value (Flatten$Value).";

    private const string DelimiterConfig = "delimiter";
    private const string Purpose = "flattening";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(
            DelimiterConfig,
            ConfigType.String,
            ".",
            Importance.Medium,
            "Delimiter to insert between field names from the input record when generating field names for the output record");

    /// <summary>The key or the value, as the <c>Key</c> or <c>Value</c> variant chose.</summary>
    private readonly RecordPart<TRecord> _part;

    private readonly SchemaUpdateCache _schemaUpdateCache = new();
    private string _delimiter = ".";

    private protected Flatten(RecordPart<TRecord> part)
    {
        _part = part;
    }

    /// <inheritdoc />
    public ConfigDef Config => Definition;

    /// <summary>Configures the transform from <c>delimiter</c>.</summary>
    /// <param name="configs">The settings.</param>
    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = ConfigSupport.Parse(Definition, configs);
        _delimiter = config.GetString(DelimiterConfig) ?? ".";
        _schemaUpdateCache.Clear();
    }

    /// <inheritdoc />
    /// <exception cref="DataException">The key or value is not a struct or map, or holds a map (with a schema) or an unsupported value.</exception>
    public TRecord? Apply(TRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var schema = _part.SchemaOf(record);
        var value = _part.ValueOf(record);
        if (schema is null)
        {
            if (value is null)
            {
                return record;
            }

            var flattened = new Dictionary<string, object?>(StringComparer.Ordinal);
            FlattenMap(Requirements.RequireMap(value, Purpose), string.Empty, flattened);
            return _part.With(record, null, flattened);
        }

        var structValue = Requirements.RequireStructOrNull(value, Purpose);
        if (structValue is null && schema.Type != SchemaType.Struct)
        {
            return record;
        }

        var updatedSchema = _schemaUpdateCache.GetOrAdd(schema, this, static (s, self) => self.BuildSchema(s));
        if (structValue is null)
        {
            return _part.With(record, updatedSchema, null);
        }

        var updatedValue = new Struct(updatedSchema);
        FlattenStruct(structValue, string.Empty, updatedValue);
        return _part.With(record, updatedSchema, updatedValue);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _schemaUpdateCache.Clear();
        GC.SuppressFinalize(this);
    }

    private static bool IsLeaf(SchemaType type) => type.IsPrimitive() || type == SchemaType.Array;

    private string FieldName(string prefix, string name) => prefix.Length == 0 ? name : prefix + _delimiter + name;

    private void FlattenMap(IDictionary map, string prefix, Dictionary<string, object?> output)
    {
        foreach (DictionaryEntry entry in map)
        {
            var fieldName = FieldName(prefix, Requirements.KeyText(entry.Key));
            var value = entry.Value;
            if (value is null or DateTime or decimal)
            {
                output[fieldName] = value;
                continue;
            }

            var inferred = Schema.SchemaTypeFor(value.GetType())
                ?? throw new DataException(
                    $"Flatten transformation was passed a value of type {Requirements.TypeName(value)} which is not supported by Connect's data API");
            if (IsLeaf(inferred))
            {
                output[fieldName] = value;
            }
            else if (inferred == SchemaType.Map)
            {
                FlattenMap((IDictionary)value, fieldName, output);
            }
            else
            {
                throw new DataException(
                    $"Flatten transformation does not support {Requirements.TypeName(value)} for record without schemas (for field {fieldName}).");
            }
        }
    }

    private Schema BuildSchema(Schema schema)
    {
        var builder = SchemaUtil.CopyStructBasics(schema);
        AddFlattenedFields(schema, string.Empty, builder, schema.IsOptional, schema.DefaultValue as Struct);
        if (schema.IsOptional)
        {
            builder.Optional();
        }

        return builder.Build();
    }

    private void AddFlattenedFields(Schema schema, string prefix, SchemaBuilder output, bool optional, Struct? defaultFromParent)
    {
        foreach (var field in schema.Fields)
        {
            var fieldName = FieldName(prefix, field.Name);
            var fieldIsOptional = optional || field.Schema.IsOptional;
            var fieldDefault = field.Schema.DefaultValue
                ?? (defaultFromParent?.Schema.FindField(field.Name) is { } parentField ? defaultFromParent.Get(parentField) : null);
            if (IsLeaf(field.Schema.Type))
            {
                var fieldBuilder = SchemaUtil.CopyBasics(field.Schema);
                if (fieldIsOptional)
                {
                    fieldBuilder.Optional();
                }

                if (fieldDefault is not null)
                {
                    fieldBuilder.DefaultValue(fieldDefault);
                }

                output.Field(fieldName, fieldBuilder.Build());
            }
            else if (field.Schema.Type == SchemaType.Struct)
            {
                AddFlattenedFields(field.Schema, fieldName, output, fieldIsOptional, fieldDefault as Struct);
            }
            else
            {
                throw new DataException(
                    $"Flatten transformation does not support {field.Schema.Type.ToWireName().ToUpperInvariant()} for record with schemas (for field {fieldName}).");
            }
        }
    }

    private void FlattenStruct(Struct? value, string prefix, Struct output)
    {
        if (value is null)
        {
            return;
        }

        foreach (var field in value.Schema.Fields)
        {
            var fieldName = FieldName(prefix, field.Name);
            if (IsLeaf(field.Schema.Type))
            {
                output.Put(fieldName, value.Get(field));
            }
            else
            {
                FlattenStruct((Struct?)value.Get(field), fieldName, output);
            }
        }
    }

    /// <summary>Flattens the record key (Kafka's <c>Flatten$Key</c>).</summary>
    [Description(OverviewDoc)]
    public sealed class Key() : Flatten<TRecord>(RecordPart<TRecord>.Key);

    /// <summary>Flattens the record value (Kafka's <c>Flatten$Value</c>).</summary>
    [Description(OverviewDoc)]
    public sealed class Value() : Flatten<TRecord>(RecordPart<TRecord>.Value);
}
