using Connect.Sdk.Storage;

namespace Connect.Sdk.Connectors;

/// <summary>What the runtime gives a <see cref="Connector"/>.</summary>
public interface IConnectorContext
{
    /// <summary>Asks the runtime to call <see cref="Connector.TaskConfigs"/> again and restart the tasks, for example
    /// because the set of tables to copy changed.</summary>
    void RequestTaskReconfiguration();

    /// <summary>Reports an unrecoverable error found outside a call from the runtime (for example on a background
    /// monitoring thread); the connector goes to FAILED with this error.</summary>
    /// <param name="error">The error.</param>
    void RaiseError(Exception error);
}

/// <summary>What the runtime gives a source connector: its context plus access to committed offsets.</summary>
public interface ISourceConnectorContext : IConnectorContext
{
    /// <summary>Reads the offsets committed for the connector's source partitions.</summary>
    IOffsetStorageReader OffsetStorageReader { get; }
}

/// <summary>What the runtime gives a sink connector.</summary>
public interface ISinkConnectorContext : IConnectorContext
{
}
