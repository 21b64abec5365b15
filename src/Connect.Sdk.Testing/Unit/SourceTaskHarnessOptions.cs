using Connect.Sdk.Testing.Fakes;

namespace Connect.Sdk.Testing.Unit;

/// <summary>Settings of a <see cref="SourceTaskHarness"/>.</summary>
public sealed class SourceTaskHarnessOptions
{
    /// <summary>The clock the harness waits on between empty polls and measures timeouts with. Give the same provider
    /// to the task (through a task factory) to control its time too; with a <see cref="ManualTimeProvider"/> the
    /// harness moves the clock instead of sleeping.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The store of committed source offsets, which the task reads through its context and
    /// <see cref="SourceTaskHarness.CommitAsync"/> writes.</summary>
    /// <value>The default is a new, empty <see cref="InMemoryOffsetStore"/>.</value>
    public InMemoryOffsetStore? OffsetStore { get; set; }

    /// <summary>How long <see cref="SourceTaskHarness.PollUntilAsync"/> waits after a poll that returned nothing.</summary>
    /// <value>The default is 10 milliseconds.</value>
    public TimeSpan EmptyPollDelay { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>How long <see cref="SourceTaskHarness.PollUntilAsync"/> waits when no timeout is given.</summary>
    /// <value>The default is 5 seconds.</value>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether every polled record is checked as the runtime's converters and offset store would check it:
    /// key and value must match their schemas, and source partitions and offsets may hold only primitive values.
    /// A record that fails makes the poll throw <see cref="Errors.DataException"/>.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool ValidateRecords { get; set; } = true;

    /// <summary>The transaction context the task sees, for tasks that define transaction boundaries.</summary>
    /// <value>The default is <see langword="null"/>, as for connectors without exactly-once support.</value>
    public FakeTransactionContext? TransactionContext { get; set; }
}
