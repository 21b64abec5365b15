using System.ComponentModel;
using Connect.Sdk.Config;
using Connect.Sdk.Connectors;

namespace Connect.Sdk.Transforms.Predicates;

/// <summary>
/// True for tombstones, records whose value is null (Kafka's
/// <c>org.apache.kafka.connect.transforms.predicates.RecordIsTombstone</c>).
/// </summary>
/// <typeparam name="TRecord">The record type.</typeparam>
[Description(OverviewDoc)]
public sealed class RecordIsTombstone<TRecord> : IPredicate<TRecord>
    where TRecord : ConnectRecord<TRecord>
{
    internal const string OverviewDoc = "A predicate which is true for records which are tombstones (i.e. have null value).";

    private static readonly ConfigDef Definition = new();

    /// <inheritdoc />
    public ConfigDef Config => Definition;

    /// <summary>Configures the predicate; it has no settings.</summary>
    /// <param name="configs">The settings, which are ignored.</param>
    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
    }

    /// <inheritdoc />
    public bool Test(TRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Value is null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    /// <inheritdoc />
    public override string ToString() => "RecordIsTombstone{}";
}
