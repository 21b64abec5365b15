using System.ComponentModel;
using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Data;
using Connect.Sdk.Transforms.Internal;

namespace Connect.Sdk.Transforms;

/// <summary>
/// Adds a header with a literal value to every record (Kafka's <c>org.apache.kafka.connect.transforms.InsertHeader</c>):
/// <c>header=source</c>, <c>value.literal=crm</c>.
/// </summary>
/// <remarks>
/// The literal's type is inferred as Kafka's <c>Values.parseString</c> infers it: <c>true</c> is a boolean, <c>1</c> an
/// int8, <c>1000</c> an int16, <c>1.5</c> a float32, <c>2024-01-31</c> a Date, <c>[1,2]</c> an array and <c>{"a":1}</c> a map;
/// anything else is a string. Existing headers with the same name are kept.
/// </remarks>
/// <typeparam name="TRecord">The record type.</typeparam>
[Description(OverviewDoc)]
public sealed class InsertHeader<TRecord> : ITransformation<TRecord>
    where TRecord : ConnectRecord<TRecord>
{
    internal const string OverviewDoc = "Add a header to each record.";

    private const string HeaderConfig = "header";
    private const string ValueLiteralConfig = "value.literal";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(HeaderConfig, ConfigType.String, ConfigDef.NoDefaultValue, NonNullValidator.Instance, Importance.High, "The name of the header.")
        .Define(
            ValueLiteralConfig,
            ConfigType.String,
            ConfigDef.NoDefaultValue,
            NonNullValidator.Instance,
            Importance.High,
            "The literal value that is to be set as the header value on all records.");

    private string _header = string.Empty;
    private SchemaAndValue _literal = SchemaAndValue.Null;

    /// <inheritdoc />
    public ConfigDef Config => Definition;

    /// <summary>Configures the transform from <c>header</c> and <c>value.literal</c>.</summary>
    /// <param name="configs">The settings.</param>
    /// <exception cref="ConfigException">Either key is missing.</exception>
    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = ConfigSupport.Parse(Definition, configs);
        _header = config.GetString(HeaderConfig)!;
        _literal = ValueLiterals.Parse(config.GetString(ValueLiteralConfig)!);
    }

    /// <inheritdoc />
    public TRecord? Apply(TRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var headers = record.Headers.Duplicate().Add(new Header(_header, _literal.Schema, _literal.Value));
        return record.NewRecord(record.Topic, record.KafkaPartition, record.KeySchema, record.Key, record.ValueSchema, record.Value, record.Timestamp, headers);
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
