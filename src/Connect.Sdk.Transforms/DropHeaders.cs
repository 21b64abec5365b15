using System.ComponentModel;
using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Transforms.Internal;

namespace Connect.Sdk.Transforms;

/// <summary>
/// Removes headers by name (Kafka's <c>org.apache.kafka.connect.transforms.DropHeaders</c>): <c>headers=trace-id,debug</c>.
/// Other headers keep their order.
/// </summary>
/// <typeparam name="TRecord">The record type.</typeparam>
[Description(OverviewDoc)]
public sealed class DropHeaders<TRecord> : ITransformation<TRecord>
    where TRecord : ConnectRecord<TRecord>
{
    internal const string OverviewDoc = "Removes one or more headers from each record.";

    private const string HeadersConfig = "headers";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(HeadersConfig, ConfigType.List, ConfigDef.NoDefaultValue, ConfigSupport.NonEmptyList, Importance.High, "The name of the headers to be removed.");

    private HashSet<string> _headers = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ConfigDef Config => Definition;

    /// <summary>Configures the transform from <c>headers</c>.</summary>
    /// <param name="configs">The settings.</param>
    /// <exception cref="ConfigException"><c>headers</c> is missing or empty.</exception>
    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = ConfigSupport.Parse(Definition, configs);
        _headers = new HashSet<string>(config.GetList(HeadersConfig)!, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public TRecord? Apply(TRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var updated = new Headers();
        foreach (var header in record.Headers)
        {
            if (!_headers.Contains(header.Key))
            {
                updated.Add(header);
            }
        }

        return record.NewRecord(record.Topic, record.KafkaPartition, record.KeySchema, record.Key, record.ValueSchema, record.Value, record.Timestamp, updated);
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
