using System.Collections.Concurrent;
using Connect.Sdk.Source;

namespace Connect.Sdk.Testing.Fakes;

/// <summary>An <see cref="ITransactionContext"/> that records the transaction boundaries a task asks for.</summary>
/// <remarks>Thread-safe.</remarks>
public sealed class FakeTransactionContext : ITransactionContext
{
    private readonly ConcurrentQueue<TransactionRequest> _requests = new();

    /// <summary>Every request in the order the task made them.</summary>
    public IReadOnlyList<TransactionRequest> Requests => [.. _requests];

    /// <inheritdoc />
    public void CommitTransaction() => _requests.Enqueue(new TransactionRequest(Commit: true, Record: null));

    /// <inheritdoc />
    public void CommitTransaction(SourceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _requests.Enqueue(new TransactionRequest(Commit: true, record));
    }

    /// <inheritdoc />
    public void AbortTransaction() => _requests.Enqueue(new TransactionRequest(Commit: false, Record: null));

    /// <inheritdoc />
    public void AbortTransaction(SourceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _requests.Enqueue(new TransactionRequest(Commit: false, record));
    }
}

/// <summary>A transaction boundary a source task asked for.</summary>
/// <param name="Commit"><see langword="true"/> for a commit, <see langword="false"/> for an abort.</param>
/// <param name="Record">The record after which the transaction ends, or <see langword="null"/> for the end of the batch.</param>
public sealed record TransactionRequest(bool Commit, SourceRecord? Record);
