namespace Connect.Sdk.Samples.Tests.Acceptance;

/// <summary>Runs the samples' acceptance classes alone: Stop_LeavesNoThreadsOrTimers compares process-wide counts of
/// threads, timers and handles, which tests running in parallel would disturb.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AcceptanceCollection
{
    public const string Name = "Acceptance";
}
