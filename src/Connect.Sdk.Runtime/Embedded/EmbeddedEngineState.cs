namespace Connect.Sdk.Runtime.Embedded;

/// <summary>Where an <see cref="EmbeddedEngine"/> is in its life.</summary>
public enum EmbeddedEngineState
{
    /// <summary>Created and not started yet.</summary>
    Created,

    /// <summary>Starting the connector and its tasks.</summary>
    Starting,

    /// <summary>The connector and its tasks run.</summary>
    Running,

    /// <summary>Stopping: tasks finish their work and offsets are committed.</summary>
    Stopping,

    /// <summary>Stopped after <see cref="EmbeddedEngine.StopAsync"/>.</summary>
    Stopped,

    /// <summary>Stopped because the connector or a task failed; <see cref="EmbeddedEngine.Completion"/> holds the error.</summary>
    Failed,
}
