using System.ComponentModel;
using Connect.Sdk.Config;
using Connect.Sdk.Connectors;

namespace Connect.Sdk.Transforms;

/// <summary>
/// Drops every record (Kafka's <c>org.apache.kafka.connect.transforms.Filter</c>). Use it with a predicate:
/// <c>transforms.dropTombstones.predicate=isTombstone</c> drops the records the predicate matches, and
/// <c>transforms.keepOrders.negate=true</c> drops those it does not.
/// </summary>
/// <typeparam name="TRecord">The record type.</typeparam>
[Description(OverviewDoc)]
public sealed class Filter<TRecord> : ITransformation<TRecord>
    where TRecord : ConnectRecord<TRecord>
{
    internal const string OverviewDoc =
        "Drops all records, filtering them from subsequent transformations in the chain. This is intended to be used "
        + "conditionally to filter out records matching (or not matching) a particular Predicate.";

    private static readonly ConfigDef Definition = new();

    /// <inheritdoc />
    public ConfigDef Config => Definition;

    /// <summary>Configures the transform; it has no settings.</summary>
    /// <param name="configs">The settings, which are ignored.</param>
    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
    }

    /// <summary>Drops the record.</summary>
    /// <param name="record">The record.</param>
    /// <returns>Always <see langword="null"/>.</returns>
    public TRecord? Apply(TRecord record) => null;

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
