using Connect.Sdk.Source;
using Connect.Sdk.Storage;

namespace Connect.Sdk.Runtime.Tasks;

/// <summary>The runtime's <see cref="ISourceTaskContext"/>.</summary>
internal sealed class SourceTaskContext(IReadOnlyDictionary<string, string> configs, IOffsetStorageReader offsetStorageReader) : ISourceTaskContext
{
    public IReadOnlyDictionary<string, string> Configs { get; } = configs;

    public IOffsetStorageReader OffsetStorageReader { get; } = offsetStorageReader;

    public ITransactionContext? TransactionContext => null;
}
