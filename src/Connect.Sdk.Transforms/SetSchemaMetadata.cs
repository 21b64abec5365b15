using System.ComponentModel;
using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Transforms.Internal;

namespace Connect.Sdk.Transforms;

/// <summary>
/// Sets the name, the version or both of the key or value schema (Kafka's
/// <c>org.apache.kafka.connect.transforms.SetSchemaMetadata</c>): <c>schema.name=com.acme.Order</c>,
/// <c>schema.version=2</c>. Everything else about the schema is kept; a struct key or value is rebuilt on the renamed
/// schema. A record whose key or value is null and has no schema passes through. Output schemas are cached per input
/// schema.
/// </summary>
/// <typeparam name="TRecord">The record type.</typeparam>
[Description(OverviewDoc)]
public abstract class SetSchemaMetadata<TRecord> : ITransformation<TRecord>
    where TRecord : ConnectRecord<TRecord>
{
    internal const string OverviewDoc =
        "Set the schema name, version or both on the record's key (SetSchemaMetadata$Key) or value (SetSchemaMetadata$Value) schema.";

    private const string SchemaNameConfig = "schema.name";
    private const string SchemaVersionConfig = "schema.version";
    private const string Purpose = "updating schema metadata";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(SchemaNameConfig, ConfigType.String, null, Importance.High, "Schema name to set.")
        .Define(SchemaVersionConfig, ConfigType.Int, null, Importance.High, "Schema version to set.")
        .DefineReplaceNullWithDefault();

    /// <summary>The key or the value, as the <c>Key</c> or <c>Value</c> variant chose.</summary>
    private readonly RecordPart<TRecord> _part;

    private readonly SchemaUpdateCache _schemaUpdateCache = new();
    private string? _schemaName;
    private int? _schemaVersion;
    private bool _replaceNullWithDefault = true;

    private protected SetSchemaMetadata(RecordPart<TRecord> part)
    {
        _part = part;
    }

    /// <inheritdoc />
    public ConfigDef Config => Definition;

    /// <summary>Configures the transform from <c>schema.name</c>, <c>schema.version</c> and <c>replace.null.with.default</c>.</summary>
    /// <param name="configs">The settings.</param>
    /// <exception cref="ConfigException">Neither <c>schema.name</c> nor <c>schema.version</c> is set.</exception>
    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = ConfigSupport.Parse(Definition, configs);
        _schemaName = config.GetString(SchemaNameConfig);
        _schemaVersion = config.GetNullableInt(SchemaVersionConfig);
        _replaceNullWithDefault = config.GetBoolean(ConfigSupport.ReplaceNullWithDefaultConfig);
        if (_schemaName is null && _schemaVersion is null)
        {
            throw new ConfigException("Neither schema name nor version configured");
        }

        _schemaUpdateCache.Clear();
    }

    /// <inheritdoc />
    /// <exception cref="DataException">The key or value is not null but has no schema.</exception>
    public TRecord? Apply(TRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var schema = _part.SchemaOf(record);
        if (schema is null && _part.ValueOf(record) is null)
        {
            return record;
        }

        Requirements.RequireSchema(schema, Purpose);
        var updatedSchema = _schemaUpdateCache.GetOrAdd(schema!, this, static (s, self) => self.BuildSchema(s));
        return _part.With(record, updatedSchema, UpdateSchemaIn(_part.ValueOf(record), updatedSchema));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _schemaUpdateCache.Clear();
        GC.SuppressFinalize(this);
    }

    private Schema BuildSchema(Schema schema)
    {
        var builder = schema.Type switch
        {
            SchemaType.Array => SchemaBuilder.Array(schema.ValueSchema),
            SchemaType.Map => SchemaBuilder.Map(schema.KeySchema, schema.ValueSchema),
            _ => SchemaBuilder.OfType(schema.Type),
        };
        if ((_schemaName ?? schema.Name) is { } name)
        {
            builder.Name(name);
        }

        if ((_schemaVersion ?? schema.Version) is { } version)
        {
            builder.Version(version);
        }

        if (schema.Doc is not null)
        {
            builder.Doc(schema.Doc);
        }

        if (schema.Parameters is not null)
        {
            builder.Parameters(schema.Parameters);
        }

        if (schema.Type == SchemaType.Struct)
        {
            foreach (var field in schema.Fields)
            {
                builder.Field(field.Name, field.Schema);
            }
        }

        if (schema.IsOptional)
        {
            builder.Optional();
        }

        if (schema.DefaultValue is not null)
        {
            builder.DefaultValue(schema.DefaultValue);
        }

        return builder.Build();
    }

    private object? UpdateSchemaIn(object? keyOrValue, Schema updatedSchema)
    {
        if (keyOrValue is not Struct original || updatedSchema.Type != SchemaType.Struct)
        {
            return keyOrValue;
        }

        var updated = new Struct(updatedSchema);
        foreach (var field in updatedSchema.Fields)
        {
            var source = original.Schema.FindField(field.Name);
            if (source is not null)
            {
                updated.PutFrom(field, original, source, _replaceNullWithDefault);
            }
        }

        return updated;
    }

    /// <summary>Sets metadata on the record key's schema (Kafka's <c>SetSchemaMetadata$Key</c>).</summary>
    [Description(OverviewDoc)]
    public sealed class Key() : SetSchemaMetadata<TRecord>(RecordPart<TRecord>.Key);

    /// <summary>Sets metadata on the record value's schema (Kafka's <c>SetSchemaMetadata$Value</c>).</summary>
    [Description(OverviewDoc)]
    public sealed class Value() : SetSchemaMetadata<TRecord>(RecordPart<TRecord>.Value);
}
