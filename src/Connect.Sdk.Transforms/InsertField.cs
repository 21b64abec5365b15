using System.ComponentModel;
using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Transforms.Internal;

namespace Connect.Sdk.Transforms;

/// <summary>
/// Adds fields holding the record's topic, partition, offset (sink records only), timestamp, or a static string to the
/// key or value (Kafka's <c>org.apache.kafka.connect.transforms.InsertField</c>): <c>topic.field=source_topic</c>,
/// <c>static.field=origin</c> with <c>static.value=crm</c>. A field name ending in <c>!</c> is required in the output
/// schema, one ending in <c>?</c> (or in neither) is optional. With a schema the timestamp is a Timestamp
/// (<see cref="DateTime"/>); without one it is the epoch milliseconds. Null keys and values pass through; output
/// schemas are cached per input schema.
/// </summary>
/// <typeparam name="TRecord">The record type.</typeparam>
[Description(OverviewDoc)]
public abstract class InsertField<TRecord> : ITransformation<TRecord>
    where TRecord : ConnectRecord<TRecord>
{
    internal const string OverviewDoc =
        "Insert field(s) using attributes from the record metadata or a configured static value. "
        + "Use the concrete transformation type designed for the record key (InsertField$Key) or value (InsertField$Value).";

    private const string TopicFieldConfig = "topic.field";
    private const string PartitionFieldConfig = "partition.field";
    private const string OffsetFieldConfig = "offset.field";
    private const string TimestampFieldConfig = "timestamp.field";
    private const string StaticFieldConfig = "static.field";
    private const string StaticValueConfig = "static.value";
    private const string Purpose = "field insertion";
    private const string OptionalityDoc = "Suffix with `!` to make this a required field, or `?` to keep it optional (the default).";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(TopicFieldConfig, ConfigType.String, null, Importance.Medium, "Field name for Kafka topic. " + OptionalityDoc)
        .Define(PartitionFieldConfig, ConfigType.String, null, Importance.Medium, "Field name for Kafka partition. " + OptionalityDoc)
        .Define(OffsetFieldConfig, ConfigType.String, null, Importance.Medium, "Field name for Kafka offset - only applicable to sink connectors. " + OptionalityDoc)
        .Define(TimestampFieldConfig, ConfigType.String, null, Importance.Medium, "Field name for record timestamp. " + OptionalityDoc)
        .Define(StaticFieldConfig, ConfigType.String, null, Importance.Medium, "Field name for static data field. " + OptionalityDoc)
        .Define(StaticValueConfig, ConfigType.String, null, Importance.Medium, "Static field value, if field name configured.")
        .DefineReplaceNullWithDefault();

    /// <summary>The key or the value, as the <c>Key</c> or <c>Value</c> variant chose.</summary>
    private readonly RecordPart<TRecord> _part;

    private readonly SchemaUpdateCache _schemaUpdateCache = new();
    private InsertionSpec? _topicField;
    private InsertionSpec? _partitionField;
    private InsertionSpec? _offsetField;
    private InsertionSpec? _timestampField;
    private InsertionSpec? _staticField;
    private string? _staticValue;
    private bool _replaceNullWithDefault = true;

    private protected InsertField(RecordPart<TRecord> part)
    {
        _part = part;
    }

    /// <inheritdoc />
    public ConfigDef Config => Definition;

    /// <summary>Configures the transform from the <c>*.field</c> keys, <c>static.value</c> and <c>replace.null.with.default</c>.</summary>
    /// <param name="configs">The settings.</param>
    /// <exception cref="ConfigException">No field is configured, or <c>static.field</c> is set without <c>static.value</c>.</exception>
    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = ConfigSupport.Parse(Definition, configs);
        _topicField = InsertionSpec.Parse(config.GetString(TopicFieldConfig));
        _partitionField = InsertionSpec.Parse(config.GetString(PartitionFieldConfig));
        _offsetField = InsertionSpec.Parse(config.GetString(OffsetFieldConfig));
        _timestampField = InsertionSpec.Parse(config.GetString(TimestampFieldConfig));
        _staticField = InsertionSpec.Parse(config.GetString(StaticFieldConfig));
        _staticValue = config.GetString(StaticValueConfig);
        _replaceNullWithDefault = config.GetBoolean(ConfigSupport.ReplaceNullWithDefaultConfig);

        if (_topicField is null && _partitionField is null && _offsetField is null && _timestampField is null && _staticField is null)
        {
            throw new ConfigException("No field insertion configured");
        }

        if (_staticField is not null && _staticValue is null)
        {
            throw new ConfigException(StaticValueConfig, null, "No value specified for static field: " + _staticField.Name);
        }

        _schemaUpdateCache.Clear();
    }

    /// <inheritdoc />
    /// <exception cref="DataException">The key or value is not a struct or map, or an offset is to be inserted into a source record.</exception>
    public TRecord? Apply(TRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var value = _part.ValueOf(record);
        if (value is null)
        {
            return record;
        }

        return _part.SchemaOf(record) is null ? ApplySchemaless(record, value) : ApplyWithSchema(record, value);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _schemaUpdateCache.Clear();
        GC.SuppressFinalize(this);
    }

    private TRecord ApplySchemaless(TRecord record, object value)
    {
        var updated = Requirements.CopyMap(Requirements.RequireMap(value, Purpose));
        if (_topicField is not null)
        {
            updated[_topicField.Name] = record.Topic;
        }

        if (_partitionField is not null && record.KafkaPartition is { } partition)
        {
            updated[_partitionField.Name] = partition;
        }

        if (_offsetField is not null)
        {
            updated[_offsetField.Name] = Requirements.RequireSinkRecord(record, Purpose).KafkaOffset;
        }

        if (_timestampField is not null && record.Timestamp is { } timestamp)
        {
            updated[_timestampField.Name] = timestamp;
        }

        if (_staticField is not null && _staticValue is not null)
        {
            updated[_staticField.Name] = _staticValue;
        }

        return _part.With(record, null, updated);
    }

    private TRecord ApplyWithSchema(TRecord record, object value)
    {
        var structValue = Requirements.RequireStruct(value, Purpose);
        var updatedSchema = _schemaUpdateCache.GetOrAdd(structValue.Schema, this, static (s, self) => self.BuildSchema(s));
        var updated = new Struct(updatedSchema);
        var updatedFields = updatedSchema.FieldArray;
        foreach (var field in structValue.Schema.FieldArray)
        {
            updated.PutFrom(updatedFields[field.Index], structValue, field, _replaceNullWithDefault);
        }

        if (_topicField is not null)
        {
            updated.Put(_topicField.Name, record.Topic);
        }

        if (_partitionField is not null && record.KafkaPartition is { } partition)
        {
            updated.Put(_partitionField.Name, partition);
        }

        if (_offsetField is not null)
        {
            updated.Put(_offsetField.Name, Requirements.RequireSinkRecord(record, Purpose).KafkaOffset);
        }

        if (_timestampField is not null && record.Timestamp is { } timestamp)
        {
            updated.Put(_timestampField.Name, JavaValueText.FromEpochMillis(timestamp));
        }

        if (_staticField is not null && _staticValue is not null)
        {
            updated.Put(_staticField.Name, _staticValue);
        }

        return _part.With(record, updatedSchema, updated);
    }

    private Schema BuildSchema(Schema schema)
    {
        var builder = SchemaUtil.CopyStructBasics(schema);
        foreach (var field in schema.Fields)
        {
            builder.Field(field.Name, field.Schema);
        }

        if (_topicField is not null)
        {
            builder.Field(_topicField.Name, _topicField.Optional ? Schema.OptionalString : Schema.String);
        }

        if (_partitionField is not null)
        {
            builder.Field(_partitionField.Name, _partitionField.Optional ? Schema.OptionalInt32 : Schema.Int32);
        }

        if (_offsetField is not null)
        {
            builder.Field(_offsetField.Name, _offsetField.Optional ? Schema.OptionalInt64 : Schema.Int64);
        }

        if (_timestampField is not null)
        {
            builder.Field(_timestampField.Name, _timestampField.Optional ? ConnectTimestamp.OptionalSchema : ConnectTimestamp.Schema);
        }

        if (_staticField is not null)
        {
            builder.Field(_staticField.Name, _staticField.Optional ? Schema.OptionalString : Schema.String);
        }

        return builder.Build();
    }

    private sealed record InsertionSpec(string Name, bool Optional)
    {
        public static InsertionSpec? Parse(string? spec) => spec switch
        {
            null => null,
            _ when spec.EndsWith('?') => new InsertionSpec(spec[..^1], true),
            _ when spec.EndsWith('!') => new InsertionSpec(spec[..^1], false),
            _ => new InsertionSpec(spec, true),
        };
    }

    /// <summary>Inserts fields into the record key (Kafka's <c>InsertField$Key</c>).</summary>
    [Description(OverviewDoc)]
    public sealed class Key() : InsertField<TRecord>(RecordPart<TRecord>.Key);

    /// <summary>Inserts fields into the record value (Kafka's <c>InsertField$Value</c>).</summary>
    [Description(OverviewDoc)]
    public sealed class Value() : InsertField<TRecord>(RecordPart<TRecord>.Value);
}
