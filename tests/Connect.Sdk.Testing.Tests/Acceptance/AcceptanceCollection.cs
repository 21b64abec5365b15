namespace Connect.Sdk.Testing.Tests.Acceptance;

#region acceptance-collection
/// <summary>Runs the acceptance classes alone: Stop_LeavesNoThreadsOrTimers compares process-wide counts.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AcceptanceCollection
{
    public const string Name = "Acceptance";
}
#endregion
