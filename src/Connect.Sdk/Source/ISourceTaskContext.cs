using Connect.Sdk.Storage;

namespace Connect.Sdk.Source;

/// <summary>What the runtime gives a <see cref="SourceTask"/>: its configuration and access to committed offsets.</summary>
public interface ISourceTaskContext
{
    /// <summary>The task's configuration, as returned by the connector's <c>TaskConfigs</c>.</summary>
    IReadOnlyDictionary<string, string> Configs { get; }

    /// <summary>Reads the offsets committed for the connector's source partitions.</summary>
    IOffsetStorageReader OffsetStorageReader { get; }

    /// <summary>The transaction context, or <see langword="null"/> unless the connector defines transaction boundaries.</summary>
    ITransactionContext? TransactionContext { get; }
}
