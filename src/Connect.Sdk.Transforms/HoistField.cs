using System.ComponentModel;
using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Transforms.Internal;

namespace Connect.Sdk.Transforms;

/// <summary>
/// Wraps the key or value in a struct (or a map when schemaless) with a single field (Kafka's
/// <c>org.apache.kafka.connect.transforms.HoistField</c>): <c>field=line</c> turns <c>"hello"</c> into
/// <c>{"line": "hello"}</c>. Output schemas are cached per input schema.
/// </summary>
/// <typeparam name="TRecord">The record type.</typeparam>
[Description(OverviewDoc)]
public abstract class HoistField<TRecord> : ITransformation<TRecord>
    where TRecord : ConnectRecord<TRecord>
{
    internal const string OverviewDoc =
        "Wrap data using the specified field name in a Struct when schema present, or a Map in the case of schemaless data. "
        + "Use the concrete transformation type designed for the record key (HoistField$Key) or value (HoistField$Value).";

    private const string FieldConfig = "field";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(
            FieldConfig,
            ConfigType.String,
            ConfigDef.NoDefaultValue,
            Importance.Medium,
            "Field name for the single field that will be created in the resulting Struct or Map.");

    /// <summary>The key or the value, as the <c>Key</c> or <c>Value</c> variant chose.</summary>
    private readonly RecordPart<TRecord> _part;

    private readonly SchemaUpdateCache _schemaUpdateCache = new();
    private string _fieldName = string.Empty;

    private protected HoistField(RecordPart<TRecord> part)
    {
        _part = part;
    }

    /// <inheritdoc />
    public ConfigDef Config => Definition;

    /// <summary>Configures the transform from <c>field</c>.</summary>
    /// <param name="configs">The settings.</param>
    /// <exception cref="ConfigException"><c>field</c> is missing.</exception>
    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = ConfigSupport.Parse(Definition, configs);
        _fieldName = config.GetString(FieldConfig)!;
        _schemaUpdateCache.Clear();
    }

    /// <inheritdoc />
    /// <exception cref="DataException">The key or value is null but its schema is required.</exception>
    public TRecord? Apply(TRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var schema = _part.SchemaOf(record);
        var value = _part.ValueOf(record);
        if (schema is null)
        {
            return _part.With(record, null, new Dictionary<string, object?>(1, StringComparer.Ordinal) { [_fieldName] = value });
        }

        var updatedSchema = _schemaUpdateCache.GetOrAdd(
            schema,
            _fieldName,
            static (s, name) => SchemaBuilder.Struct().Field(name, s).Build());
        return _part.With(record, updatedSchema, new Struct(updatedSchema).Put(updatedSchema.Fields[0], value));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _schemaUpdateCache.Clear();
        GC.SuppressFinalize(this);
    }

    /// <summary>Wraps the record key (Kafka's <c>HoistField$Key</c>).</summary>
    [Description(OverviewDoc)]
    public sealed class Key() : HoistField<TRecord>(RecordPart<TRecord>.Key);

    /// <summary>Wraps the record value (Kafka's <c>HoistField$Value</c>).</summary>
    [Description(OverviewDoc)]
    public sealed class Value() : HoistField<TRecord>(RecordPart<TRecord>.Value);
}
