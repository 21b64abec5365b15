using Connect.Sdk.Connectors;

namespace Connect.Sdk.Runtime.Tasks;

/// <summary>The transformation chain of a task as the runtime runs it: a function that transforms or drops a record.</summary>
/// <typeparam name="TRecord">The record type.</typeparam>
/// <param name="Apply">Transforms a record; returns null to drop it.</param>
/// <param name="ReportedType">The class named in error reports for this stage.</param>
/// <param name="Dispose">Releases the chain.</param>
internal sealed record TransformationStage<TRecord>(Func<TRecord, TRecord?> Apply, Type ReportedType, Action Dispose)
    where TRecord : ConnectRecord<TRecord>
{
    public static TransformationStage<TRecord> Identity { get; } = new(r => r, typeof(TransformationStage<TRecord>), () => { });

    /// <summary>Whether this is <see cref="Identity"/>: the connector has no transforms.</summary>
    public bool IsIdentity => ReferenceEquals(this, Identity);
}
