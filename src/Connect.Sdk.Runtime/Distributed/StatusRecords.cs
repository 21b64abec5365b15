using System.Text.Json;
using System.Text.Json.Nodes;
using Connect.Sdk.Runtime.Worker;

namespace Connect.Sdk.Runtime.Distributed;

/// <summary>
/// The keys and JSON values of Kafka Connect's status topic: <c>status-connector-&lt;name&gt;</c> and
/// <c>status-task-&lt;name&gt;-&lt;n&gt;</c> hold <c>{"state":"RUNNING","trace":null,"worker_id":"…","generation":N}</c>.
/// </summary>
public static class StatusRecords
{
    /// <summary>The key prefix of connector statuses.</summary>
    public const string ConnectorPrefix = "status-connector-";

    /// <summary>The key prefix of task statuses.</summary>
    public const string TaskPrefix = "status-task-";

    /// <summary>The key of a connector's status.</summary>
    /// <param name="connector">The connector name.</param>
    /// <returns>The key.</returns>
    public static string ConnectorKey(string connector) => ConnectorPrefix + connector;

    /// <summary>The key of a task's status.</summary>
    /// <param name="id">The task.</param>
    /// <returns>The key.</returns>
    public static string TaskKey(ConnectorTaskId id) => $"{TaskPrefix}{id.Connector}-{id.Task}";

    /// <summary>Serializes a status.</summary>
    /// <param name="status">The status.</param>
    /// <param name="generation">The writer's generation.</param>
    /// <returns>The JSON bytes.</returns>
    public static byte[] Serialize(ComponentStatus status, int generation)
    {
        ArgumentNullException.ThrowIfNull(status);
        return JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["state"] = status.State.ToWireName(),
            ["trace"] = status.Trace,
            ["worker_id"] = status.WorkerId,
            ["generation"] = generation,
        });
    }

    /// <summary>Reads a status.</summary>
    /// <param name="value">The JSON bytes.</param>
    /// <returns>The status.</returns>
    public static ComponentStatus Deserialize(byte[] value)
    {
        using var document = JsonDocument.Parse(value);
        var root = document.RootElement;
        var state = Enum.TryParse<ConnectState>(root.GetProperty("state").GetString(), ignoreCase: true, out var parsed) ? parsed : ConnectState.Unassigned;
        var trace = root.TryGetProperty("trace", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        return new ComponentStatus(state, root.GetProperty("worker_id").GetString() ?? string.Empty, trace);
    }
}
