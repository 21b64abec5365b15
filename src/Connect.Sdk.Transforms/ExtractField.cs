using System.ComponentModel;
using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Transforms.Internal;

namespace Connect.Sdk.Transforms;

/// <summary>
/// Replaces the key or value with one of its fields (Kafka's <c>org.apache.kafka.connect.transforms.ExtractField</c>):
/// <c>field=id</c> turns <c>{"id": 42, "name": "Ann"}</c> into <c>42</c>, with the field's schema. With
/// <c>field.syntax.version=V2</c> the field can be nested (<c>field=order.customer.id</c>). Null keys and values pass through.
/// </summary>
/// <typeparam name="TRecord">The record type.</typeparam>
[Description(OverviewDoc)]
public abstract class ExtractField<TRecord> : ITransformation<TRecord>
    where TRecord : ConnectRecord<TRecord>
{
    internal const string OverviewDoc =
        "Extract the specified field from a Struct when schema present, or a Map in the case of schemaless data. "
        + "Any null values are passed through unmodified. "
        + "Use the concrete transformation type designed for the record key (ExtractField$Key) or value (ExtractField$Value).";

    private const string FieldConfig = "field";
    private const string Purpose = "field extraction";

    private static readonly ConfigDef Definition = FieldPath.DefineSyntaxVersion(
        new ConfigDef()
            .Define(FieldConfig, ConfigType.String, ConfigDef.NoDefaultValue, Importance.Medium, "Field name to extract.")
            .DefineReplaceNullWithDefault());

    /// <summary>The key or the value, as the <c>Key</c> or <c>Value</c> variant chose.</summary>
    private readonly RecordPart<TRecord> _part;

    private FieldPath _fieldPath = new(string.Empty, FieldSyntaxVersion.V1);
    private bool _replaceNullWithDefault = true;

    private protected ExtractField(RecordPart<TRecord> part)
    {
        _part = part;
    }

    /// <inheritdoc />
    public ConfigDef Config => Definition;

    /// <summary>Configures the transform from <c>field</c>, <c>field.syntax.version</c> and <c>replace.null.with.default</c>.</summary>
    /// <param name="configs">The settings.</param>
    /// <exception cref="ConfigException"><c>field</c> is missing, or is a V2 path with an unclosed backtick.</exception>
    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = ConfigSupport.Parse(Definition, configs);
        var path = config.GetString(FieldConfig)!;
        try
        {
            _fieldPath = new FieldPath(path, FieldPath.SyntaxVersion(config));
        }
        catch (ConfigException e) when (e.Name is null)
        {
            throw new ConfigException(FieldConfig, path, e.Message);
        }

        _replaceNullWithDefault = config.GetBoolean(ConfigSupport.ReplaceNullWithDefaultConfig);
    }

    /// <inheritdoc />
    /// <exception cref="DataException">The key or value is not a struct or map, or its schema has no such field.</exception>
    public TRecord? Apply(TRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var schema = _part.SchemaOf(record);
        if (schema is null)
        {
            var map = Requirements.RequireMapOrNull(_part.ValueOf(record), Purpose);
            return _part.With(record, null, map is null ? null : _fieldPath.ValueFrom(map));
        }

        var value = Requirements.RequireStructOrNull(_part.ValueOf(record), Purpose);
        var field = _fieldPath.FieldFrom(schema) ?? throw new DataException("Unknown field: " + _fieldPath.Path);
        return _part.With(record, field.Schema, value is null ? null : _fieldPath.ValueFrom(value, _replaceNullWithDefault));
    }

    /// <inheritdoc />
    public void Dispose() => GC.SuppressFinalize(this);

    /// <summary>Replaces the record key with one of its fields (Kafka's <c>ExtractField$Key</c>).</summary>
    [Description(OverviewDoc)]
    public sealed class Key() : ExtractField<TRecord>(RecordPart<TRecord>.Key);

    /// <summary>Replaces the record value with one of its fields (Kafka's <c>ExtractField$Value</c>).</summary>
    [Description(OverviewDoc)]
    public sealed class Value() : ExtractField<TRecord>(RecordPart<TRecord>.Value);
}
