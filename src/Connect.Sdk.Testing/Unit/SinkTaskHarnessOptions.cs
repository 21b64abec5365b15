using Connect.Sdk.Testing.Fakes;

namespace Connect.Sdk.Testing.Unit;

/// <summary>Settings of a <see cref="SinkTaskHarness"/>.</summary>
public sealed class SinkTaskHarnessOptions
{
    /// <summary>The clock the harness waits on before redelivering after a <see cref="Errors.RetriableException"/>.
    /// With a <see cref="ManualTimeProvider"/> the harness moves the clock instead of sleeping.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Whether <see cref="SinkTaskHarness.PutAsync(IEnumerable{Sink.SinkRecord}, CancellationToken)"/> first
    /// assigns (and opens) the partitions of records that are not assigned yet, as a consumer's first assignment
    /// would. When <see langword="false"/>, delivering a record of an unassigned partition throws.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool AutoAssign { get; set; } = true;

    /// <summary>How long <see cref="SinkTaskHarness.PutWithRetryAsync"/> waits before redelivering when the task did
    /// not ask for a back-off with <see cref="Sink.ISinkTaskContext.Timeout"/>.</summary>
    /// <value>The default is 300 milliseconds.</value>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>How many deliveries <see cref="SinkTaskHarness.PutWithRetryAsync"/> attempts at most.</summary>
    /// <value>The default is 10.</value>
    public int MaxDeliveryAttempts { get; set; } = 10;

    /// <summary>Whether the task's context offers an errant record reporter (a <see cref="FakeErrantRecordReporter"/>).
    /// Set to <see langword="false"/> to test a task on a runtime that offers none.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool ProvideErrantRecordReporter { get; set; } = true;
}
