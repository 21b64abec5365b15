using System.Globalization;
using System.Text.RegularExpressions;
using Connect.Sdk.Config;

namespace Connect.Sdk.Runtime.Configuration;

/// <summary>
/// A source connector's <c>topic.creation.*</c> settings (Kafka's KIP-158): topics the connector writes to that do not
/// exist yet are created with the settings of the first group in <c>topic.creation.groups</c> whose <c>include</c>
/// matches and <c>exclude</c> does not, or else of the <c>default</c> group. Creation is on when
/// <c>topic.creation.default.replication.factor</c> and <c>topic.creation.default.partitions</c> are set.
/// </summary>
public sealed class TopicCreationConfig
{
    /// <summary><c>topic.creation.groups</c>.</summary>
    public const string GroupsConfig = "topic.creation.groups";

    /// <summary>The prefix of every topic creation key.</summary>
    public const string Prefix = "topic.creation.";

    private readonly IReadOnlyList<Group> _groups;
    private readonly Group _default;

    private TopicCreationConfig(IReadOnlyList<Group> groups, Group defaultGroup)
    {
        _groups = groups;
        _default = defaultGroup;
    }

    /// <summary>Reads the settings; <see langword="null"/> when topic creation is not configured.</summary>
    /// <param name="connectorConfig">The connector configuration.</param>
    /// <returns>The settings, or <see langword="null"/>.</returns>
    /// <exception cref="ConfigException">A setting is invalid; the message names it.</exception>
    public static TopicCreationConfig? From(IReadOnlyDictionary<string, string> connectorConfig)
    {
        ArgumentNullException.ThrowIfNull(connectorConfig);
        if (!connectorConfig.ContainsKey(Prefix + "default.replication.factor") || !connectorConfig.ContainsKey(Prefix + "default.partitions"))
        {
            return null;
        }

        var names = connectorConfig.TryGetValue(GroupsConfig, out var list)
            ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [];
        var groups = names.Where(n => n != "default").Select(n => ReadGroup(connectorConfig, n, isDefault: false)).ToList();
        return new TopicCreationConfig(groups, ReadGroup(connectorConfig, "default", isDefault: true));
    }

    /// <summary>The creation settings for a topic.</summary>
    /// <param name="topic">The topic.</param>
    /// <returns>Partitions (-1 for the broker default), replication factor (-1 likewise) and topic settings.</returns>
    public (int Partitions, short ReplicationFactor, IReadOnlyDictionary<string, string> Configs) SettingsFor(string topic)
    {
        var group = _groups.FirstOrDefault(g => g.Matches(topic)) ?? _default;
        return (group.Partitions ?? _default.Partitions ?? -1, group.ReplicationFactor ?? _default.ReplicationFactor ?? -1, group.Configs);
    }

    private static Group ReadGroup(IReadOnlyDictionary<string, string> config, string name, bool isDefault)
    {
        var prefix = $"{Prefix}{name}.";
        var settings = config.Where(c => c.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(c => c.Key[prefix.Length..], c => c.Value, StringComparer.Ordinal);
        int? partitions = settings.Remove("partitions", out var p) ? ParseInt(prefix + "partitions", p, allowDefault: true) : null;
        short? replication = settings.Remove("replication.factor", out var r) ? (short)ParseInt(prefix + "replication.factor", r, allowDefault: true) : null;
        var include = settings.Remove("include", out var i) ? Patterns(prefix + "include", i) : [];
        var exclude = settings.Remove("exclude", out var e) ? Patterns(prefix + "exclude", e) : [];
        if (!isDefault && include.Count == 0)
        {
            throw new ConfigException(prefix + "include", string.Empty, "Topic creation groups other than 'default' need an include list of topic names or regular expressions.");
        }

        return new Group(partitions, replication, include, exclude, settings);
    }

    private static int ParseInt(string key, string value, bool allowDefault)
    {
        if (!int.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) || number == 0 || number < -1 || (!allowDefault && number < 1))
        {
            throw new ConfigException(key, value, "Number of partitions and replication factor must be positive, or -1 to use the broker's default.");
        }

        return number;
    }

    private static List<Regex> Patterns(string key, string value)
    {
        try
        {
            return value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(p => new Regex($"^(?:{p})$", RegexOptions.None, TimeSpan.FromSeconds(1)))
                .ToList();
        }
        catch (ArgumentException e)
        {
            throw new ConfigException(key, value, $"Must be a list of topic names or valid regular expressions: {e.Message}");
        }
    }

    private sealed record Group(int? Partitions, short? ReplicationFactor, IReadOnlyList<Regex> Include, IReadOnlyList<Regex> Exclude, IReadOnlyDictionary<string, string> Configs)
    {
        public bool Matches(string topic) => Include.Any(r => r.IsMatch(topic)) && !Exclude.Any(r => r.IsMatch(topic));
    }
}
