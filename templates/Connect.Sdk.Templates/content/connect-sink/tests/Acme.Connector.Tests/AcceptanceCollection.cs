namespace Acme.Connector.Tests;

/// <summary>Runs the acceptance tests alone: Stop_LeavesNoThreadsOrTimers compares process-wide thread, timer and
/// handle counts, which tests running at the same time would disturb.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AcceptanceCollection
{
    public const string Name = "Acceptance";
}
