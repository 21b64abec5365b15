using System.ComponentModel;
using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Transforms.Internal;

namespace Connect.Sdk.Transforms;

/// <summary>
/// Replaces the record key with a struct (or map, when schemaless) of fields copied from the value (Kafka's
/// <c>org.apache.kafka.connect.transforms.ValueToKey</c>): <c>fields=CUSTOMER_ID</c> gives the key
/// <c>{"CUSTOMER_ID": 42}</c>. Chain it with <see cref="ExtractField{TRecord}.Key"/> to make the key the bare value. Key
/// schemas are cached per value schema.
/// </summary>
/// <typeparam name="TRecord">The record type.</typeparam>
[Description(OverviewDoc)]
public sealed class ValueToKey<TRecord> : ITransformation<TRecord>
    where TRecord : ConnectRecord<TRecord>
{
    internal const string OverviewDoc = "Replace the record key with a new key formed from a subset of fields in the record value.";

    private const string FieldsConfig = "fields";
    private const string Purpose = "copying fields from value to key";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(FieldsConfig, ConfigType.List, ConfigDef.NoDefaultValue, ConfigSupport.NonEmptyList, Importance.High, "Field names on the record value to extract as the record key.")
        .DefineReplaceNullWithDefault();

    private readonly SchemaUpdateCache<Plan> _schemaUpdateCache = new();
    private IReadOnlyList<string> _fields = [];
    private bool _replaceNullWithDefault = true;

    /// <inheritdoc />
    public ConfigDef Config => Definition;

    /// <summary>Configures the transform from <c>fields</c> and <c>replace.null.with.default</c>.</summary>
    /// <param name="configs">The settings.</param>
    /// <exception cref="ConfigException"><c>fields</c> is missing or empty.</exception>
    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = ConfigSupport.Parse(Definition, configs);
        _fields = config.GetList(FieldsConfig)!;
        _replaceNullWithDefault = config.GetBoolean(ConfigSupport.ReplaceNullWithDefaultConfig);
        _schemaUpdateCache.Clear();
    }

    /// <inheritdoc />
    /// <exception cref="DataException">The value is not a struct or map (tombstones included, as in Kafka), or lacks a field.</exception>
    public TRecord? Apply(TRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.ValueSchema is null)
        {
            var map = Requirements.RequireMap(record.Value, Purpose);
            var key = new Dictionary<string, object?>(_fields.Count, StringComparer.Ordinal);
            foreach (var field in _fields)
            {
                key[field] = Requirements.Get(map, field);
            }

            return record.WithKey(null, key);
        }

        var value = Requirements.RequireStruct(record.Value, Purpose);
        var plan = _schemaUpdateCache.GetOrAdd(value.Schema, _fields, static (schema, fields) =>
        {
            var builder = SchemaBuilder.Struct();
            var sources = new Field[fields.Count];
            for (var i = 0; i < fields.Count; i++)
            {
                sources[i] = schema.FindField(fields[i]) ?? throw new DataException("Field does not exist: " + fields[i]);
                builder.Field(fields[i], sources[i].Schema);
            }

            return new Plan(builder.Build(), sources);
        });
        var structKey = new Struct(plan.KeySchema).PutAllFrom(value, plan.Sources, _replaceNullWithDefault);
        return record.WithKey(plan.KeySchema, structKey);
    }

    /// <inheritdoc />
    public void Dispose() => _schemaUpdateCache.Clear();

    /// <summary>The key schema for a value schema, and the value field each key field comes from.</summary>
    private sealed record Plan(Schema KeySchema, Field[] Sources);
}
