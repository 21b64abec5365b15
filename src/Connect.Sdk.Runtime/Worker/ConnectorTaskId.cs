using System.Globalization;

namespace Connect.Sdk.Runtime.Worker;

/// <summary>Identifies a task: its connector and its zero-based number.</summary>
/// <param name="Connector">The connector name.</param>
/// <param name="Task">The task number.</param>
public readonly record struct ConnectorTaskId(string Connector, int Task)
{
    /// <summary>Formats as Kafka Connect does in logs: <c>orders-sink-0</c>.</summary>
    /// <returns>The text form.</returns>
    public override string ToString() => $"{Connector}-{Task.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The log scope label, <c>orders-sink|task-0</c>.</summary>
    public string LogContext => $"{Connector}|task-{Task.ToString(CultureInfo.InvariantCulture)}";
}
