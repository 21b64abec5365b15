using Connect.Sdk.Source;
using Connect.Sdk.Testing.Acceptance;

namespace Connect.Sdk.Testing.Xunit;

/// <summary>
/// xunit tests for a source connector: derive a public test class, implement <c>CreateValidConfig</c> and
/// <c>GenerateDataAsync</c> (and declare <c>Capabilities</c> where needed), and every acceptance check of
/// <see cref="SourceConnectorAcceptanceTests{TConnector}"/> runs as a fact; checks that do not apply are skipped.
/// </summary>
/// <remarks>
/// A check overridden again in the derived class must carry <see cref="AcceptanceFactAttribute"/> itself, as xunit
/// does not inherit attributes of overridden methods. Stop_LeavesNoThreadsOrTimers compares process-wide counts:
/// put acceptance classes in a test collection defined with <c>DisableParallelization = true</c> for reliable results.
/// </remarks>
/// <typeparam name="TConnector">The source connector type.</typeparam>
public abstract class SourceConnectorAcceptanceTestBase<TConnector> : SourceConnectorAcceptanceTests<TConnector>
    where TConnector : SourceConnector, new()
{
    /// <summary>Checks that every configuration key is documented and that no undefined key is read.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [AcceptanceFact]
    public override Task ConfigDef_DocumentsEveryKey() => base.ConfigDef_DocumentsEveryKey();

    /// <summary>Checks that the valid configuration passes and each missing required key is reported.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [AcceptanceFact]
    public override Task Validate_ReportsRequiredKeysMissing() => base.Validate_ReportsRequiredKeysMissing();

    /// <summary>Checks that each invalid example value gets an error for its key.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [AcceptanceFact]
    public override Task Validate_RejectsInvalidValues() => base.Validate_RejectsInvalidValues();

    /// <summary>Checks that the connector and its task can be started, stopped and started again.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [AcceptanceFact]
    public override Task StartStopStart_IsIdempotent() => base.StartStopStart_IsIdempotent();

    /// <summary>Checks that stopping releases the threads, timers and handles the connector and task started.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [AcceptanceFact]
    public override Task Stop_LeavesNoThreadsOrTimers() => base.Stop_LeavesNoThreadsOrTimers();

    /// <summary>Checks that the connector returns between 1 and maxTasks task configurations.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [AcceptanceFact]
    public override Task TaskConfigs_HonoursMaxTasks() => base.TaskConfigs_HonoursMaxTasks();

    /// <summary>Checks that a restarted task resumes from its committed offsets without loss or replay beyond the batch in flight.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [AcceptanceFact]
    public override Task Resume_FromCommittedOffsets_WithoutLossOrReplayBeyondOneBatch() => base.Resume_FromCommittedOffsets_WithoutLossOrReplayBeyondOneBatch();

    /// <summary>Checks that a task killed in the middle of a batch loses no record.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [AcceptanceFact]
    public override Task TaskKilledMidBatch_LosesNoRecord() => base.TaskKilledMidBatch_LosesNoRecord();

    /// <summary>Checks that polls throw only RetriableException during an outage and recover without loss.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [AcceptanceFact]
    public override Task RetriableException_IsRecoverable() => base.RetriableException_IsRecoverable();
}
