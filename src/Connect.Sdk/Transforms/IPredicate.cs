using Connect.Sdk.Config;
using Connect.Sdk.Connectors;

namespace Connect.Sdk.Transforms;

/// <summary>
/// A condition on records that decides whether a transform applies (<c>transforms.&lt;alias&gt;.predicate</c>, with
/// <c>.negate</c> to invert it). Configured from a connector's <c>predicates.&lt;alias&gt;.*</c> settings.
/// </summary>
/// <typeparam name="TRecord">The record type.</typeparam>
public interface IPredicate<TRecord> : IDisposable
    where TRecord : ConnectRecord<TRecord>
{
    /// <summary>The definition of the predicate's settings, for validation and documentation.</summary>
    ConfigDef Config { get; }

    /// <summary>Configures the predicate.</summary>
    /// <param name="configs">The settings, with the <c>predicates.&lt;alias&gt;.</c> prefix removed.</param>
    void Configure(IReadOnlyDictionary<string, string> configs);

    /// <summary>Tests a record.</summary>
    /// <param name="record">The record.</param>
    /// <returns>Whether the condition holds.</returns>
    bool Test(TRecord record);
}
