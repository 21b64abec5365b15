using Connect.Sdk.Runtime.Worker;

namespace Connect.Sdk.Runtime.Herder;

/// <summary>Whether a connector is a source or a sink (<c>source</c>/<c>sink</c> on the wire).</summary>
public enum ConnectorType
{
    /// <summary>The connector class could not be determined.</summary>
    Unknown,

    /// <summary>A source connector.</summary>
    Source,

    /// <summary>A sink connector.</summary>
    Sink,
}

/// <summary>A connector's configuration and tasks, as <c>GET /connectors/{name}</c> returns them.</summary>
/// <param name="Name">The connector name.</param>
/// <param name="Config">The configuration, with placeholders unresolved.</param>
/// <param name="Tasks">The connector's tasks.</param>
/// <param name="Type">Source or sink.</param>
public sealed record ConnectorInfo(
    string Name,
    IReadOnlyDictionary<string, string> Config,
    IReadOnlyList<ConnectorTaskId> Tasks,
    ConnectorType Type);

/// <summary>The status of a connector and its tasks, as <c>GET /connectors/{name}/status</c> returns them.</summary>
/// <param name="Name">The connector name.</param>
/// <param name="Connector">The connector's status.</param>
/// <param name="Tasks">Each task's status.</param>
/// <param name="Type">Source or sink.</param>
public sealed record ConnectorStateInfo(
    string Name,
    ComponentStatus Connector,
    IReadOnlyList<TaskStateInfo> Tasks,
    ConnectorType Type);

/// <summary>A task's status.</summary>
/// <param name="Id">The task number.</param>
/// <param name="Status">The status.</param>
public sealed record TaskStateInfo(int Id, ComponentStatus Status);

/// <summary>A task's configuration, as <c>GET /connectors/{name}/tasks</c> returns it.</summary>
/// <param name="Id">The task id.</param>
/// <param name="Config">The task configuration.</param>
public sealed record TaskInfo(ConnectorTaskId Id, IReadOnlyDictionary<string, string> Config);

/// <summary>The result of a create-or-update.</summary>
/// <param name="Info">The connector after the change.</param>
/// <param name="Created">Whether the connector was created (rather than updated).</param>
public sealed record CreateResult(ConnectorInfo Info, bool Created);

/// <summary>One stored offset: a partition and its offset, as the offsets endpoints return them.</summary>
/// <param name="Partition">For source connectors the source partition; for sinks <c>kafka_topic</c> and <c>kafka_partition</c>.</param>
/// <param name="Offset">For source connectors the source offset; for sinks <c>kafka_offset</c>. Null resets.</param>
public sealed record ConnectorOffset(IReadOnlyDictionary<string, object?> Partition, IReadOnlyDictionary<string, object?>? Offset);
