namespace Connect.Sdk.Source;

/// <summary>
/// Lets a source task with connector-defined transaction boundaries (exactly-once source support) say where
/// transactions end. Given to the task through <see cref="ISourceTaskContext.TransactionContext"/> only when the
/// connector defines boundaries.
/// </summary>
public interface ITransactionContext
{
    /// <summary>Commits the current transaction after the current batch of records has been dispatched.</summary>
    void CommitTransaction();

    /// <summary>Commits the current transaction right after a record has been dispatched.</summary>
    /// <param name="record">A record of the current batch.</param>
    void CommitTransaction(SourceRecord record);

    /// <summary>Aborts the current transaction after the current batch of records has been dispatched.</summary>
    void AbortTransaction();

    /// <summary>Aborts the current transaction right after a record has been dispatched.</summary>
    /// <param name="record">A record of the current batch.</param>
    void AbortTransaction(SourceRecord record);
}
