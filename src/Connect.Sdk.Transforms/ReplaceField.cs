using System.ComponentModel;
using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Transforms.Internal;

namespace Connect.Sdk.Transforms;

/// <summary>
/// Drops, keeps or renames fields of the key or value (Kafka's <c>org.apache.kafka.connect.transforms.ReplaceField</c>):
/// <c>exclude=ssn</c>, <c>include=id,name</c>, <c>renames=delivery_address:shipping_address</c>. Exclusion wins over
/// inclusion; an empty <c>include</c> keeps every field. Null keys and values pass through; output schemas are cached
/// per input schema.
/// </summary>
/// <typeparam name="TRecord">The record type.</typeparam>
[Description(OverviewDoc)]
public abstract class ReplaceField<TRecord> : ITransformation<TRecord>
    where TRecord : ConnectRecord<TRecord>
{
    internal const string OverviewDoc =
        "Filter or rename fields. "
        + "Use the concrete transformation type designed for the record key (ReplaceField$Key) or value (ReplaceField$Value).";

    private const string ExcludeConfig = "exclude";
    private const string IncludeConfig = "include";
    private const string RenamesConfig = "renames";
    private const string Purpose = "field replacement";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(ExcludeConfig, ConfigType.List, string.Empty, Importance.Medium, "Fields to exclude. This takes precedence over the fields to include.")
        .Define(IncludeConfig, ConfigType.List, string.Empty, Importance.Medium, "Fields to include. If specified, only these fields will be used.")
        .Define(
            RenamesConfig,
            ConfigType.List,
            string.Empty,
            LambdaValidator.With(
                (name, value) => ParseRenameMappings(name, value as IReadOnlyList<string> ?? []),
                () => "list of colon-delimited pairs, e.g. foo:bar,abc:xyz"),
            Importance.Medium,
            "Field rename mappings.")
        .DefineReplaceNullWithDefault();

    /// <summary>The key or the value, as the <c>Key</c> or <c>Value</c> variant chose.</summary>
    private readonly RecordPart<TRecord> _part;

    private readonly SchemaUpdateCache<Plan> _schemaUpdateCache = new();
    private HashSet<string> _exclude = new(StringComparer.Ordinal);
    private HashSet<string> _include = new(StringComparer.Ordinal);
    private Dictionary<string, string> _renames = new(StringComparer.Ordinal);
    private Dictionary<string, string> _reverseRenames = new(StringComparer.Ordinal);
    private bool _replaceNullWithDefault = true;

    private protected ReplaceField(RecordPart<TRecord> part)
    {
        _part = part;
    }

    /// <inheritdoc />
    public ConfigDef Config => Definition;

    /// <summary>Configures the transform from <c>exclude</c>, <c>include</c>, <c>renames</c> and <c>replace.null.with.default</c>.</summary>
    /// <param name="configs">The settings.</param>
    /// <exception cref="ConfigException">A rename mapping is not of the form <c>old:new</c>.</exception>
    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = ConfigSupport.Parse(Definition, configs);
        _exclude = new HashSet<string>(config.GetList(ExcludeConfig) ?? [], StringComparer.Ordinal);
        _include = new HashSet<string>(config.GetList(IncludeConfig) ?? [], StringComparer.Ordinal);
        _renames = ParseRenameMappings(RenamesConfig, config.GetList(RenamesConfig) ?? []);
        _reverseRenames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (from, to) in _renames)
        {
            _reverseRenames[to] = from;
        }

        _replaceNullWithDefault = config.GetBoolean(ConfigSupport.ReplaceNullWithDefaultConfig);
        _schemaUpdateCache.Clear();
    }

    /// <inheritdoc />
    /// <exception cref="DataException">The key or value is not a struct or map.</exception>
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
            var updated = new Dictionary<string, object?>(map.Count, StringComparer.Ordinal);
            foreach (System.Collections.DictionaryEntry entry in map)
            {
                var name = Requirements.KeyText(entry.Key);
                if (Filter(name))
                {
                    updated[Renamed(name)] = entry.Value;
                }
            }

            return _part.With(record, null, updated);
        }

        var structValue = Requirements.RequireStruct(value, Purpose);
        var plan = _schemaUpdateCache.GetOrAdd(structValue.Schema, this, static (s, self) => self.BuildPlan(s));
        var updatedStruct = new Struct(plan.Schema).PutAllFrom(structValue, plan.Sources, _replaceNullWithDefault);
        return _part.With(record, plan.Schema, updatedStruct);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _schemaUpdateCache.Clear();
        GC.SuppressFinalize(this);
    }

    private static Dictionary<string, string> ParseRenameMappings(string name, IReadOnlyList<string> mappings)
    {
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var mapping in mappings)
        {
            // Java's String.split(":") drops trailing empty parts, so "a:" is not a mapping either.
            var parts = mapping.Split(':');
            var count = parts.Length;
            while (count > 0 && parts[count - 1].Length == 0)
            {
                count--;
            }

            if (count != 2)
            {
                throw new ConfigException(name, mappings, "Invalid rename mapping: " + mapping);
            }

            renames[parts[0]] = parts[1];
        }

        return renames;
    }

    private bool Filter(string fieldName) => !_exclude.Contains(fieldName) && (_include.Count == 0 || _include.Contains(fieldName));

    private string Renamed(string fieldName) => _renames.GetValueOrDefault(fieldName, fieldName);

    private string ReverseRenamed(string fieldName) => _reverseRenames.GetValueOrDefault(fieldName, fieldName);

    private Plan BuildPlan(Schema schema)
    {
        var builder = SchemaUtil.CopyStructBasics(schema);
        foreach (var field in schema.Fields)
        {
            if (Filter(field.Name))
            {
                builder.Field(Renamed(field.Name), field.Schema);
            }
        }

        var updated = builder.Build();
        return new Plan(updated, [.. updated.Fields.Select(f => schema.FindField(ReverseRenamed(f.Name))!)]);
    }

    /// <summary>The output schema for an input schema, and the input field each output field comes from.</summary>
    private sealed record Plan(Schema Schema, Field[] Sources);

    /// <summary>Filters or renames fields of the record key (Kafka's <c>ReplaceField$Key</c>).</summary>
    [Description(OverviewDoc)]
    public sealed class Key() : ReplaceField<TRecord>(RecordPart<TRecord>.Key);

    /// <summary>Filters or renames fields of the record value (Kafka's <c>ReplaceField$Value</c>).</summary>
    [Description(OverviewDoc)]
    public sealed class Value() : ReplaceField<TRecord>(RecordPart<TRecord>.Value);
}
