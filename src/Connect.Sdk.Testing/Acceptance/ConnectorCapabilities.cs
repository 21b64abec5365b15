namespace Connect.Sdk.Testing.Acceptance;

/// <summary>
/// What a connector declares it supports. An acceptance check that needs a capability the connector does not declare
/// is skipped, with the reason, instead of failing.
/// </summary>
[Flags]
public enum ConnectorCapabilities
{
    /// <summary>None of the optional capabilities.</summary>
    None = 0,

    /// <summary>The source task records source offsets and resumes from the committed ones after a restart. Needed by
    /// <c>Resume_FromCommittedOffsets_WithoutLossOrReplayBeyondOneBatch</c> and <c>TaskKilledMidBatch_LosesNoRecord</c>.</summary>
    ResumesFromOffsets = 1,

    /// <summary>The sink task's writes are idempotent: a record delivered again (after a retry or a restart) does not
    /// end up twice in the external system. Needed by <c>Redelivery_IsIdempotent</c>.</summary>
    IdempotentWrites = 2,

    /// <summary>The connector throws <see cref="Errors.RetriableException"/> while the external system is
    /// unavailable and recovers without losing data, and the test class can make the system unavailable
    /// (<c>SimulateTransientFailureAsync</c>). Needed by <c>RetriableException_IsRecoverable</c>.</summary>
    RecoversFromTransientErrors = 4,

    /// <summary>Stopping the connector and its tasks ends every thread, timer and handle they started. Needed by
    /// <c>Stop_LeavesNoThreadsOrTimers</c>.</summary>
    ReleasesResourcesOnStop = 8,
}
