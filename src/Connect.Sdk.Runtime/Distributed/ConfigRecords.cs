using System.Text.Json;
using System.Text.Json.Nodes;
using Connect.Sdk.Runtime.Worker;

namespace Connect.Sdk.Runtime.Distributed;

/// <summary>
/// The keys and JSON values of Kafka Connect's config topic: <c>connector-&lt;name&gt;</c> and
/// <c>task-&lt;name&gt;-&lt;n&gt;</c> hold <c>{"properties":{…}}</c>, <c>commit-&lt;name&gt;</c> holds
/// <c>{"tasks":N}</c>, <c>target-state-&lt;name&gt;</c> holds <c>{"state":"PAUSED","state.v2":"STOPPED"}</c>, and
/// <c>restart-connector-&lt;name&gt;</c> holds <c>{"include-tasks":…,"only-failed":…}</c>.
/// </summary>
public static class ConfigRecords
{
    /// <summary>The key prefix of connector configurations.</summary>
    public const string ConnectorPrefix = "connector-";

    /// <summary>The key prefix of task configurations.</summary>
    public const string TaskPrefix = "task-";

    /// <summary>The key prefix of task configuration commits.</summary>
    public const string CommitPrefix = "commit-";

    /// <summary>The key prefix of target states.</summary>
    public const string TargetStatePrefix = "target-state-";

    /// <summary>The key prefix of restart requests.</summary>
    public const string RestartPrefix = "restart-connector-";

    /// <summary>The key of a connector's configuration.</summary>
    /// <param name="connector">The connector name.</param>
    /// <returns>The key.</returns>
    public static string ConnectorKey(string connector) => ConnectorPrefix + connector;

    /// <summary>The key of a task's configuration.</summary>
    /// <param name="id">The task.</param>
    /// <returns>The key.</returns>
    public static string TaskKey(ConnectorTaskId id) => $"{TaskPrefix}{id.Connector}-{id.Task}";

    /// <summary>The key of a connector's task configuration commit.</summary>
    /// <param name="connector">The connector name.</param>
    /// <returns>The key.</returns>
    public static string CommitKey(string connector) => CommitPrefix + connector;

    /// <summary>The key of a connector's target state.</summary>
    /// <param name="connector">The connector name.</param>
    /// <returns>The key.</returns>
    public static string TargetStateKey(string connector) => TargetStatePrefix + connector;

    /// <summary>The key of a restart request.</summary>
    /// <param name="connector">The connector name.</param>
    /// <returns>The key.</returns>
    public static string RestartKey(string connector) => RestartPrefix + connector;

    /// <summary>Serializes a configuration as <c>{"properties":{…}}</c>.</summary>
    /// <param name="properties">The configuration.</param>
    /// <returns>The JSON bytes.</returns>
    public static byte[] Properties(IReadOnlyDictionary<string, string> properties)
    {
        var inner = new JsonObject();
        foreach (var (key, value) in properties)
        {
            inner[key] = value;
        }

        return JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["properties"] = inner });
    }

    /// <summary>Reads <c>{"properties":{…}}</c>.</summary>
    /// <param name="value">The JSON bytes.</param>
    /// <returns>The configuration.</returns>
    public static Dictionary<string, string> ReadProperties(byte[] value)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(value);
        foreach (var property in document.RootElement.GetProperty("properties").EnumerateObject())
        {
            result[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
        }

        return result;
    }

    /// <summary>Serializes a commit of <paramref name="tasks"/> task configurations.</summary>
    /// <param name="tasks">The task count.</param>
    /// <returns>The JSON bytes.</returns>
    public static byte[] Commit(int tasks) => JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["tasks"] = tasks });

    /// <summary>Reads a commit's task count.</summary>
    /// <param name="value">The JSON bytes.</param>
    /// <returns>The task count.</returns>
    public static int ReadCommit(byte[] value)
    {
        using var document = JsonDocument.Parse(value);
        return document.RootElement.GetProperty("tasks").GetInt32();
    }

    /// <summary>Serializes a target state; STOPPED is written as <c>state=PAUSED</c> plus <c>state.v2=STOPPED</c>, as
    /// Kafka does for workers that only know the first format.</summary>
    /// <param name="state">The target state.</param>
    /// <returns>The JSON bytes.</returns>
    public static byte[] TargetState(TargetState state) => JsonSerializer.SerializeToUtf8Bytes(new JsonObject
    {
        ["state"] = state == Worker.TargetState.Stopped ? "PAUSED" : state.ToWireName(),
        ["state.v2"] = state.ToWireName(),
    });

    /// <summary>Reads a target state.</summary>
    /// <param name="value">The JSON bytes.</param>
    /// <returns>The target state.</returns>
    public static TargetState ReadTargetState(byte[] value)
    {
        using var document = JsonDocument.Parse(value);
        var root = document.RootElement;
        var text = root.TryGetProperty("state.v2", out var v2) ? v2.GetString() : root.GetProperty("state").GetString();
        return text switch
        {
            "PAUSED" => Worker.TargetState.Paused,
            "STOPPED" => Worker.TargetState.Stopped,
            _ => Worker.TargetState.Started,
        };
    }

    /// <summary>Serializes a restart request.</summary>
    /// <param name="includeTasks">Whether tasks restart too.</param>
    /// <param name="onlyFailed">Whether only failed instances restart.</param>
    /// <returns>The JSON bytes.</returns>
    public static byte[] Restart(bool includeTasks, bool onlyFailed) => JsonSerializer.SerializeToUtf8Bytes(new JsonObject
    {
        ["include-tasks"] = includeTasks,
        ["only-failed"] = onlyFailed,
    });

    /// <summary>Reads a restart request.</summary>
    /// <param name="value">The JSON bytes.</param>
    /// <returns>Whether tasks restart too and whether only failed ones do.</returns>
    public static (bool IncludeTasks, bool OnlyFailed) ReadRestart(byte[] value)
    {
        using var document = JsonDocument.Parse(value);
        var root = document.RootElement;
        return (root.TryGetProperty("include-tasks", out var include) && include.GetBoolean(),
            root.TryGetProperty("only-failed", out var failed) && failed.GetBoolean());
    }

    /// <summary>Splits a task key's suffix <c>&lt;name&gt;-&lt;n&gt;</c>.</summary>
    /// <param name="suffix">The key without its prefix.</param>
    /// <returns>The task id, or <see langword="null"/> when the suffix is malformed.</returns>
    public static ConnectorTaskId? ParseTaskId(string suffix)
    {
        var dash = suffix.LastIndexOf('-');
        return dash > 0 && int.TryParse(suffix.AsSpan(dash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var task)
            ? new ConnectorTaskId(suffix[..dash], task)
            : null;
    }
}
