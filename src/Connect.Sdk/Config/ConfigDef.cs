using System.Collections.ObjectModel;

namespace Connect.Sdk.Config;

/// <summary>
/// Describes the configuration a connector, task, converter or transformation accepts: each key's type, default,
/// validator, documentation and user-interface metadata. It parses string properties into typed values
/// (<see cref="Parse"/>), validates them without throwing (<see cref="Validate"/>) and generates reference
/// documentation (<see cref="ToMarkdown"/>, <see cref="ToRst"/>). Behaviour and messages follow Kafka's
/// <c>ConfigDef</c>.
/// </summary>
/// <example>
/// <code>
/// public static readonly ConfigDef Definition = new ConfigDef()
///     .Define("topic", ConfigType.String, Importance.High, "Topic to write to.")
///     .Define("batch.size", ConfigType.Int, 100, RangeValidator.AtLeast(1), Importance.Medium, "Records per poll.")
///     .Define("api.key", ConfigType.Password, Importance.High, "Key for the remote API.");
/// </code>
/// </example>
public sealed partial class ConfigDef
{
    /// <summary>
    /// Passed as the default value to say that a key has no default, which makes it required:
    /// parsing fails with <c>Missing required configuration "x" which has no default value.</c> when it is absent.
    /// </summary>
    public static readonly object NoDefaultValue = new NoDefaultValueMarker();

    private readonly OrderedDictionary<string, ConfigKey> _configKeys;
    private readonly List<string> _groups;

    /// <summary>Initializes a new, empty instance of the <see cref="ConfigDef"/> class.</summary>
    public ConfigDef()
    {
        _configKeys = new OrderedDictionary<string, ConfigKey>(StringComparer.Ordinal);
        _groups = [];
        ConfigKeys = new ReadOnlyDictionary<string, ConfigKey>(_configKeys);
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="ConfigDef"/> class holding the keys and groups of
    /// <paramref name="baseDefinition"/>, to which more keys can be added without changing the original.
    /// </summary>
    /// <param name="baseDefinition">The definition to start from.</param>
    public ConfigDef(ConfigDef baseDefinition)
        : this()
    {
        ArgumentNullException.ThrowIfNull(baseDefinition);
        foreach (KeyValuePair<string, ConfigKey> entry in baseDefinition._configKeys)
        {
            _configKeys.Add(entry.Key, entry.Value);
        }

        _groups.AddRange(baseDefinition._groups);
    }

    /// <summary>Gets the defined keys by name, in the order they were defined.</summary>
    /// <value>A read-only view of the keys.</value>
    public IReadOnlyDictionary<string, ConfigKey> ConfigKeys { get; }

    /// <summary>Gets the names of the defined keys, in the order they were defined.</summary>
    /// <value>A read-only view of the names.</value>
    public IReadOnlyCollection<string> Names => _configKeys.Keys;

    /// <summary>Gets the groups of the defined keys, in the order each was first used.</summary>
    /// <value>A read-only view of the group names.</value>
    public IReadOnlyList<string> Groups => _groups.AsReadOnly();

    /// <summary>Gets the parsed default values of the keys that have one.</summary>
    /// <value>A new dictionary from name to default value; required keys are absent.</value>
    public IReadOnlyDictionary<string, object?> DefaultValues =>
        _configKeys.Values.Where(k => k.HasDefault).ToDictionary(k => k.Name, k => k.DefaultValue, StringComparer.Ordinal);

    /// <summary>Adds a key defined elsewhere, for example one taken from another <see cref="ConfigDef"/>.</summary>
    /// <param name="key">The key.</param>
    /// <returns>This instance, to chain calls.</returns>
    /// <exception cref="ConfigException">A key with the same name is already defined.</exception>
    public ConfigDef Define(ConfigKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_configKeys.ContainsKey(key.Name))
        {
            throw new ConfigException("Configuration " + key.Name + " is defined twice.");
        }

        if (key.Group is not null && !_groups.Contains(key.Group))
        {
            _groups.Add(key.Group);
        }

        _configKeys.Add(key.Name, key);
        return this;
    }

    /// <summary>Defines a key with a default value (or <see cref="NoDefaultValue"/>) and a validator.</summary>
    /// <param name="name">The name of the configuration, e.g. <c>tasks.max</c>.</param>
    /// <param name="type">The type values are parsed into.</param>
    /// <param name="defaultValue">
    /// The value used when the key is absent, either typed (<c>5</c>, <c>true</c>, <c>new[] { "a" }</c>) or as the
    /// string an operator would write (<c>"5"</c>); <see langword="null"/> is a valid default.
    /// Pass <see cref="NoDefaultValue"/> to make the key required.
    /// </param>
    /// <param name="validator">Checks the parsed value and the default, or <see langword="null"/>.</param>
    /// <param name="importance">How likely an operator is to need to change the configuration.</param>
    /// <param name="documentation">The description for generated documentation.</param>
    /// <param name="group">The group in user interfaces and documentation, or <see langword="null"/>.</param>
    /// <param name="orderInGroup">The position within the group.</param>
    /// <param name="width">The width hint for user interfaces.</param>
    /// <param name="displayName">The name for user interfaces; <see langword="null"/> uses <paramref name="name"/>.</param>
    /// <param name="dependents">The keys whose valid values or visibility depend on this one.</param>
    /// <param name="recommender">Computes valid values and visibility during <see cref="Validate"/>.</param>
    /// <returns>This instance, to chain calls.</returns>
    /// <exception cref="ConfigException">
    /// The key is already defined, the default cannot be parsed into <paramref name="type"/>, or the validator rejects
    /// the default.
    /// </exception>
    public ConfigDef Define(
        string name,
        ConfigType type,
        object? defaultValue,
        IConfigValidator? validator,
        Importance importance,
        string? documentation,
        string? group = null,
        int orderInGroup = -1,
        Width width = Width.None,
        string? displayName = null,
        IReadOnlyList<string>? dependents = null,
        IRecommender? recommender = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_configKeys.ContainsKey(name))
        {
            throw new ConfigException("Configuration " + name + " is defined twice.");
        }

        return Define(new ConfigKey(name, type, defaultValue, validator, importance, documentation, group, orderInGroup, width, displayName, dependents, recommender));
    }

    /// <summary>Defines a key with a default value (or <see cref="NoDefaultValue"/>) and no validator.</summary>
    /// <param name="name">The name of the configuration.</param>
    /// <param name="type">The type values are parsed into.</param>
    /// <param name="defaultValue">
    /// The value used when the key is absent, typed or as a string; <see cref="NoDefaultValue"/> makes the key required.
    /// </param>
    /// <param name="importance">How likely an operator is to need to change the configuration.</param>
    /// <param name="documentation">The description for generated documentation.</param>
    /// <param name="group">The group in user interfaces and documentation, or <see langword="null"/>.</param>
    /// <param name="orderInGroup">The position within the group.</param>
    /// <param name="width">The width hint for user interfaces.</param>
    /// <param name="displayName">The name for user interfaces; <see langword="null"/> uses <paramref name="name"/>.</param>
    /// <param name="dependents">The keys whose valid values or visibility depend on this one.</param>
    /// <param name="recommender">Computes valid values and visibility during <see cref="Validate"/>.</param>
    /// <returns>This instance, to chain calls.</returns>
    /// <exception cref="ConfigException">The key is already defined or the default cannot be parsed into <paramref name="type"/>.</exception>
    public ConfigDef Define(
        string name,
        ConfigType type,
        object? defaultValue,
        Importance importance,
        string? documentation,
        string? group = null,
        int orderInGroup = -1,
        Width width = Width.None,
        string? displayName = null,
        IReadOnlyList<string>? dependents = null,
        IRecommender? recommender = null) =>
        Define(name, type, defaultValue, null, importance, documentation, group, orderInGroup, width, displayName, dependents, recommender);

    /// <summary>Defines a required key: one without a default value and without a validator.</summary>
    /// <param name="name">The name of the configuration.</param>
    /// <param name="type">The type values are parsed into.</param>
    /// <param name="importance">How likely an operator is to need to change the configuration.</param>
    /// <param name="documentation">The description for generated documentation.</param>
    /// <param name="group">The group in user interfaces and documentation, or <see langword="null"/>.</param>
    /// <param name="orderInGroup">The position within the group.</param>
    /// <param name="width">The width hint for user interfaces.</param>
    /// <param name="displayName">The name for user interfaces; <see langword="null"/> uses <paramref name="name"/>.</param>
    /// <param name="dependents">The keys whose valid values or visibility depend on this one.</param>
    /// <param name="recommender">Computes valid values and visibility during <see cref="Validate"/>.</param>
    /// <returns>This instance, to chain calls.</returns>
    /// <exception cref="ConfigException">The key is already defined.</exception>
    public ConfigDef Define(
        string name,
        ConfigType type,
        Importance importance,
        string? documentation,
        string? group = null,
        int orderInGroup = -1,
        Width width = Width.None,
        string? displayName = null,
        IReadOnlyList<string>? dependents = null,
        IRecommender? recommender = null) =>
        Define(name, type, NoDefaultValue, null, importance, documentation, group, orderInGroup, width, displayName, dependents, recommender);

    private sealed class NoDefaultValueMarker
    {
        public override string ToString() => "<no default value>";
    }
}
