namespace Connect.Sdk.Config;

public sealed partial class ConfigDef
{
    /// <summary>
    /// Adds the keys of <paramref name="child"/> under a name prefix, as Kafka Connect does to document and validate
    /// the settings of a connector's transformations and converters (e.g. <c>transforms.route.regex</c>).
    /// </summary>
    /// <param name="keyPrefix">The prefix for each key name, e.g. <c>transforms.route.</c>.</param>
    /// <param name="groupPrefix">The group of the embedded keys; a child key's own group is appended as <c>": group"</c>.</param>
    /// <param name="startingOrder">The order in group of the first embedded key; the others follow in the child's documentation order.</param>
    /// <param name="child">The definition to embed.</param>
    /// <returns>This instance, to chain calls.</returns>
    /// <remarks>
    /// Validators and recommenders of the embedded keys see the names without the prefix, and recommenders see
    /// only the parsed values of keys with the prefix, with the prefix removed.
    /// </remarks>
    /// <exception cref="ConfigException">A prefixed key is already defined.</exception>
    public ConfigDef Embed(string keyPrefix, string groupPrefix, int startingOrder, ConfigDef child)
    {
        ArgumentNullException.ThrowIfNull(keyPrefix);
        ArgumentNullException.ThrowIfNull(groupPrefix);
        ArgumentNullException.ThrowIfNull(child);
        int order = startingOrder;
        foreach (ConfigKey key in child.SortedConfigKeys())
        {
            Define(new ConfigKey(
                keyPrefix + key.Name,
                key.Type,
                key.DefaultValue,
                key.Validator is null ? null : new PrefixedValidator(keyPrefix, key.Validator),
                key.Importance,
                key.Documentation,
                key.Group is null ? groupPrefix : groupPrefix + ": " + key.Group,
                order++,
                key.Width,
                key.DisplayName,
                key.Dependents.Select(d => keyPrefix + d).ToArray(),
                key.Recommender is null ? null : new PrefixedRecommender(keyPrefix, key.Recommender)));
        }

        return this;
    }

    private sealed class PrefixedValidator(string prefix, IConfigValidator inner) : IConfigValidator
    {
        public void EnsureValid(string name, object? value) =>
            inner.EnsureValid(name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : name, value);

        public override string? ToString() => inner.ToString();
    }

    private sealed class PrefixedRecommender(string prefix, IRecommender inner) : IRecommender
    {
        public IReadOnlyList<object> ValidValues(string name, IReadOnlyDictionary<string, object?> parsedConfig) =>
            inner.ValidValues(Unprefixed(name), Unprefixed(parsedConfig));

        public bool IsVisible(string name, IReadOnlyDictionary<string, object?> parsedConfig) =>
            inner.IsVisible(Unprefixed(name), Unprefixed(parsedConfig));

        private string Unprefixed(string name) => name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : name;

        private Dictionary<string, object?> Unprefixed(IReadOnlyDictionary<string, object?> parsedConfig) =>
            parsedConfig
                .Where(entry => entry.Key.StartsWith(prefix, StringComparison.Ordinal))
                .ToDictionary(entry => entry.Key[prefix.Length..], entry => entry.Value, StringComparer.Ordinal);
    }
}
