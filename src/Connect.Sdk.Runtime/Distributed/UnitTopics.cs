using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Connect.Sdk.Runtime.Worker;

namespace Connect.Sdk.Runtime.Distributed;

/// <summary>
/// Names the single-partition topics that stand for the units of work of a distributed cluster: one per connector
/// instance and one per task. Workers subscribe to them as one consumer group (the worker <c>group.id</c>) with the
/// cooperative-sticky assignor; owning a unit's partition is owning the unit. See docs/distributed.md.
/// </summary>
public static partial class UnitTopics
{
    /// <summary>The topic of a connector instance.</summary>
    /// <param name="groupId">The cluster's group id.</param>
    /// <param name="connector">The connector name.</param>
    /// <returns>The topic name.</returns>
    public static string Connector(string groupId, string connector) => $"{Prefix(groupId)}{Safe(connector)}.connector";

    /// <summary>The topic of a task.</summary>
    /// <param name="groupId">The cluster's group id.</param>
    /// <param name="id">The task.</param>
    /// <returns>The topic name.</returns>
    public static string Task(string groupId, ConnectorTaskId id) =>
        $"{Prefix(groupId)}{Safe(id.Connector)}.task-{id.Task.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>The topics of a connector and its tasks.</summary>
    /// <param name="groupId">The cluster's group id.</param>
    /// <param name="connector">The connector name.</param>
    /// <param name="tasks">The number of tasks.</param>
    /// <returns>The topic names.</returns>
    public static IEnumerable<string> All(string groupId, string connector, int tasks) =>
        Enumerable.Range(0, tasks).Select(i => Task(groupId, new ConnectorTaskId(connector, i))).Prepend(Connector(groupId, connector));

    /// <summary>The regular expression (librdkafka's <c>^</c> form) that matches every unit topic of a cluster.</summary>
    /// <param name="groupId">The cluster's group id.</param>
    /// <returns>The subscription pattern.</returns>
    public static string Pattern(string groupId) => "^" + Regex.Escape(Prefix(groupId)) + ".*";

    private static string Prefix(string groupId) => $"__connect-units.{Safe(groupId)}.";

    private static string Safe(string name) =>
        SafeName().IsMatch(name) ? name : "h" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..24];

    [GeneratedRegex("^[A-Za-z0-9_-]{1,80}$")]
    private static partial Regex SafeName();
}
