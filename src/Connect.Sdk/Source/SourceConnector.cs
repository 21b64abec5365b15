using Connect.Sdk.Connectors;

namespace Connect.Sdk.Source;

/// <summary>A connector that imports data from an external system into Kafka with <see cref="SourceTask"/>s.</summary>
public abstract class SourceConnector : Connector
{
    /// <summary>The context the runtime gave the connector, with access to committed offsets.</summary>
    protected new ISourceConnectorContext Context => (ISourceConnectorContext)base.Context;

    /// <summary>Whether the connector can deliver exactly once with a configuration.</summary>
    /// <param name="config">The connector configuration.</param>
    /// <returns>The support, or <see langword="null"/> when the connector cannot tell (treated as unsupported).</returns>
    public virtual ExactlyOnceSupport? ExactlyOnceSupport(IReadOnlyDictionary<string, string> config) => null;

    /// <summary>Whether the connector's tasks define their own transaction boundaries with a configuration.</summary>
    /// <param name="config">The connector configuration.</param>
    /// <returns>The support.</returns>
    /// <value>The default is <see cref="ConnectorTransactionBoundaries.Unsupported"/>.</value>
    public virtual ConnectorTransactionBoundaries CanDefineTransactionBoundaries(IReadOnlyDictionary<string, string> config) =>
        ConnectorTransactionBoundaries.Unsupported;

    /// <summary>Called when an operator changes or resets the connector's offsets through the REST API, so the
    /// connector can check them or change the source system to match.</summary>
    /// <param name="config">The connector configuration.</param>
    /// <param name="offsets">The new offsets per source partition; a <see langword="null"/> offset means reset.</param>
    /// <returns><see langword="true"/> when the connector handled the change; <see langword="false"/> (the default)
    /// when it does not manage offsets itself, which still lets the change happen.</returns>
    /// <exception cref="Errors.ConnectException">The offsets are invalid for this connector.</exception>
    public virtual bool AlterOffsets(
        IReadOnlyDictionary<string, string> config,
        IReadOnlyList<SourcePartitionOffset> offsets) => false;
}

/// <summary>A source partition and the offset to store for it.</summary>
/// <param name="Partition">The source partition.</param>
/// <param name="Offset">The offset, or <see langword="null"/> to remove it.</param>
public sealed record SourcePartitionOffset(
    IReadOnlyDictionary<string, object?> Partition,
    IReadOnlyDictionary<string, object?>? Offset);
