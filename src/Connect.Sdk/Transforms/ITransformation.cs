using Connect.Sdk.Config;
using Connect.Sdk.Connectors;

namespace Connect.Sdk.Transforms;

/// <summary>
/// A single message transform: changes, reroutes or drops one record at a time, between the task and the converter.
/// Configured from a connector's <c>transforms.&lt;alias&gt;.*</c> settings.
/// </summary>
/// <typeparam name="TRecord">The record type: <see cref="Source.SourceRecord"/>, <see cref="Sink.SinkRecord"/>, or any.</typeparam>
public interface ITransformation<TRecord> : IDisposable
    where TRecord : ConnectRecord<TRecord>
{
    /// <summary>The definition of the transform's settings, for validation and documentation.</summary>
    ConfigDef Config { get; }

    /// <summary>Configures the transform.</summary>
    /// <param name="configs">The settings, with the <c>transforms.&lt;alias&gt;.</c> prefix removed.</param>
    void Configure(IReadOnlyDictionary<string, string> configs);

    /// <summary>Transforms a record.</summary>
    /// <param name="record">The record; never changed in place.</param>
    /// <returns>The new or same record, or <see langword="null"/> to drop it.</returns>
    TRecord? Apply(TRecord record);
}
