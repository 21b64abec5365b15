namespace Connect.Sdk.Runtime.Worker;

/// <summary>The state of a connector or task, as the status API reports it.</summary>
public enum ConnectState
{
    /// <summary>Not yet assigned to a worker or not started (<c>UNASSIGNED</c>).</summary>
    Unassigned,

    /// <summary>Running (<c>RUNNING</c>).</summary>
    Running,

    /// <summary>Paused: kept alive but not processing (<c>PAUSED</c>).</summary>
    Paused,

    /// <summary>Stopped: shut down but configured (<c>STOPPED</c>).</summary>
    Stopped,

    /// <summary>Failed; the status carries the trace (<c>FAILED</c>).</summary>
    Failed,

    /// <summary>Being restarted (<c>RESTARTING</c>).</summary>
    Restarting,
}

/// <summary>The state a connector is asked to be in (Kafka Connect's target state).</summary>
public enum TargetState
{
    /// <summary>Run.</summary>
    Started,

    /// <summary>Pause connector and tasks.</summary>
    Paused,

    /// <summary>Stop connector and tasks, keeping the configuration.</summary>
    Stopped,
}

/// <summary>Wire names of states.</summary>
public static class ConnectStateNames
{
    /// <summary>The status API's name of a state, e.g. <c>RUNNING</c>.</summary>
    /// <param name="state">The state.</param>
    /// <returns>The name.</returns>
    public static string ToWireName(this ConnectState state) => state.ToString().ToUpperInvariant();

    /// <summary>The name of a target state as written by Kafka Connect (<c>STARTED</c>, <c>PAUSED</c>, <c>STOPPED</c>).</summary>
    /// <param name="state">The target state.</param>
    /// <returns>The name.</returns>
    public static string ToWireName(this TargetState state) => state.ToString().ToUpperInvariant();
}

/// <summary>The status of a connector or a task.</summary>
/// <param name="State">The state.</param>
/// <param name="WorkerId">The worker running it.</param>
/// <param name="Trace">The failure's stack trace when <see cref="ConnectState.Failed"/>.</param>
public sealed record ComponentStatus(ConnectState State, string WorkerId, string? Trace = null);
