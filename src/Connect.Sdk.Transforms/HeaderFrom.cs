using System.ComponentModel;
using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Transforms.Internal;

namespace Connect.Sdk.Transforms;

/// <summary>
/// Moves or copies fields of the key or value into headers (Kafka's
/// <c>org.apache.kafka.connect.transforms.HeaderFrom</c>): <c>fields=id,region</c>, <c>headers=x-id,x-region</c>,
/// <c>operation=copy</c>. The n-th field goes to the n-th header, with the field's schema. With <c>move</c> the fields
/// leave the key or value; moved-out schemas are cached per input schema.
/// </summary>
/// <remarks>As in Kafka, a null key or value is rejected (there is no field to take).</remarks>
/// <typeparam name="TRecord">The record type.</typeparam>
[Description(OverviewDoc)]
public abstract class HeaderFrom<TRecord> : ITransformation<TRecord>
    where TRecord : ConnectRecord<TRecord>
{
    internal const string OverviewDoc =
        "Moves or copies fields in the key/value of a record into that record's headers. Corresponding elements of `fields` and "
        + "`headers` together identify a field and the header it should be moved or copied to. "
        + "Use the concrete transformation type designed for the record key (HeaderFrom$Key) or value (HeaderFrom$Value).";

    private const string FieldsConfig = "fields";
    private const string HeadersConfig = "headers";
    private const string OperationConfig = "operation";
    private const string MoveOperation = "move";
    private const string CopyOperation = "copy";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(FieldsConfig, ConfigType.List, ConfigDef.NoDefaultValue, ConfigSupport.NonEmptyList, Importance.High, "Field names in the record whose values are to be copied or moved to headers.")
        .Define(HeadersConfig, ConfigType.List, ConfigDef.NoDefaultValue, ConfigSupport.NonEmptyList, Importance.High, "Header names, in the same order as the field names listed in the fields configuration property.")
        .Define(
            OperationConfig,
            ConfigType.String,
            ConfigDef.NoDefaultValue,
            ValidString.In(MoveOperation, CopyOperation),
            Importance.High,
            "Either `move` if the fields are to be moved to the headers (removed from the key/value), or `copy` if the fields are to be copied to the headers (retained in the key/value).")
        .DefineReplaceNullWithDefault();

    /// <summary>The key or the value, as the <c>Key</c> or <c>Value</c> variant chose.</summary>
    private readonly RecordPart<TRecord> _part;

    private readonly SchemaUpdateCache _moveSchemaCache = new();
    private IReadOnlyList<string> _fields = [];
    private IReadOnlyList<string> _headers = [];
    private HashSet<string> _fieldSet = new(StringComparer.Ordinal);
    private bool _move;
    private string _operation = CopyOperation;
    private bool _replaceNullWithDefault = true;

    private protected HeaderFrom(RecordPart<TRecord> part)
    {
        _part = part;
    }

    /// <inheritdoc />
    public ConfigDef Config => Definition;

    /// <summary>Configures the transform from <c>fields</c>, <c>headers</c>, <c>operation</c> and <c>replace.null.with.default</c>.</summary>
    /// <param name="configs">The settings.</param>
    /// <exception cref="ConfigException">A key is missing or empty, the lists differ in length, or the operation is unknown.</exception>
    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = ConfigSupport.Parse(Definition, configs);
        _fields = config.GetList(FieldsConfig)!;
        _headers = config.GetList(HeadersConfig)!;
        if (_headers.Count != _fields.Count)
        {
            throw new ConfigException($"'{FieldsConfig}' config must have the same number of elements as '{HeadersConfig}' config.");
        }

        _fieldSet = new HashSet<string>(_fields, StringComparer.Ordinal);
        _operation = config.GetString(OperationConfig)!;
        _move = _operation == MoveOperation;
        _replaceNullWithDefault = config.GetBoolean(ConfigSupport.ReplaceNullWithDefaultConfig);
        _moveSchemaCache.Clear();
    }

    /// <inheritdoc />
    /// <exception cref="DataException">The key or value is not a struct or map, or its schema lacks a field.</exception>
    public TRecord? Apply(TRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var schema = _part.SchemaOf(record);
        var value = _part.ValueOf(record);
        var headers = record.Headers.Duplicate();
        var purpose = "header " + _operation;
        if (schema is null)
        {
            var map = Requirements.RequireMap(value, purpose);
            var updatedMap = Requirements.CopyMap(map);
            for (var i = 0; i < _fields.Count; i++)
            {
                if (_move)
                {
                    updatedMap.Remove(_fields[i]);
                }

                headers.Add(_headers[i], null, Requirements.Get(map, _fields[i]));
            }

            return _part.With(record, null, updatedMap, headers);
        }

        var structValue = Requirements.RequireStruct(value, purpose);
        Schema updatedSchema;
        Struct updatedValue;
        if (_move)
        {
            updatedSchema = _moveSchemaCache.GetOrAdd(schema, _fieldSet, static (s, fields) =>
            {
                var builder = SchemaUtil.CopyStructBasics(s);
                foreach (var field in s.Fields)
                {
                    if (!fields.Contains(field.Name))
                    {
                        builder.Field(field.Name, field.Schema);
                    }
                }

                return builder.Build();
            });
            updatedValue = new Struct(updatedSchema);
            foreach (var field in updatedSchema.Fields)
            {
                updatedValue.Put(field, FieldValue(structValue, field.Name));
            }
        }
        else
        {
            updatedSchema = schema;
            updatedValue = structValue;
        }

        for (var i = 0; i < _fields.Count; i++)
        {
            var field = schema.FindField(_fields[i])
                ?? throw new DataException($"Field {_fields[i]} does not exist in the schema {schema} for [{purpose}]");
            headers.Add(_headers[i], field.Schema, structValue.Schema.FindField(field.Name) is null ? null : FieldValue(structValue, field.Name));
        }

        return _part.With(record, updatedSchema, updatedValue, headers);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _moveSchemaCache.Clear();
        GC.SuppressFinalize(this);
    }

    private object? FieldValue(Struct value, string fieldName) =>
        _replaceNullWithDefault ? value.Get(fieldName) : value.GetWithoutDefault(fieldName);

    /// <summary>Moves or copies fields of the record key into headers (Kafka's <c>HeaderFrom$Key</c>).</summary>
    [Description(OverviewDoc)]
    public sealed class Key() : HeaderFrom<TRecord>(RecordPart<TRecord>.Key);

    /// <summary>Moves or copies fields of the record value into headers (Kafka's <c>HeaderFrom$Value</c>).</summary>
    [Description(OverviewDoc)]
    public sealed class Value() : HeaderFrom<TRecord>(RecordPart<TRecord>.Value);
}
