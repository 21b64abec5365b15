using Connect.Sdk.Source;
using Connect.Sdk.Storage;

namespace Connect.Sdk.Testing.Fakes;

/// <summary>An <see cref="ISourceTaskContext"/> for tests: a fixed configuration and an offset reader, usually an
/// <see cref="InMemoryOffsetStore"/>.</summary>
public sealed class FakeSourceTaskContext : ISourceTaskContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="configs">The task configuration.</param>
    /// <param name="offsetStorageReader">The committed offsets; <see langword="null"/> uses a new, empty <see cref="InMemoryOffsetStore"/>.</param>
    /// <param name="transactionContext">The transaction context, or <see langword="null"/> (the default) for tasks
    /// that do not define transaction boundaries.</param>
    public FakeSourceTaskContext(
        IReadOnlyDictionary<string, string> configs,
        IOffsetStorageReader? offsetStorageReader = null,
        ITransactionContext? transactionContext = null)
    {
        ArgumentNullException.ThrowIfNull(configs);
        Configs = configs;
        OffsetStorageReader = offsetStorageReader ?? new InMemoryOffsetStore();
        TransactionContext = transactionContext;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Configs { get; }

    /// <inheritdoc />
    public IOffsetStorageReader OffsetStorageReader { get; }

    /// <inheritdoc />
    public ITransactionContext? TransactionContext { get; }
}
