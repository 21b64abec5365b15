using Connect.Sdk.Source;
using Connect.Sdk.Storage;

namespace Connect.Sdk.Samples.Tests.Fakes;

internal sealed class FakeSourceTaskContext(
    IReadOnlyDictionary<string, string> configs,
    IOffsetStorageReader? offsetStorageReader = null) : ISourceTaskContext
{
    public IReadOnlyDictionary<string, string> Configs { get; } = configs;

    public IOffsetStorageReader OffsetStorageReader { get; } = offsetStorageReader ?? new InMemoryOffsetStorageReader();

    public ITransactionContext? TransactionContext => null;
}
