namespace Connect.Sdk.Config;

/// <summary>
/// The definition of one configuration key in a <see cref="ConfigDef"/>: its type, default, validator,
/// documentation and user-interface metadata. Created by <see cref="ConfigDef.Define(string, ConfigType, object?, IConfigValidator?, Importance, string?, string?, int, Width, string?, IReadOnlyList{string}?, IRecommender?)"/>.
/// </summary>
public sealed class ConfigKey
{
    internal ConfigKey(
        string name,
        ConfigType type,
        object? defaultValue,
        IConfigValidator? validator,
        Importance importance,
        string? documentation,
        string? group,
        int orderInGroup,
        Width width,
        string? displayName,
        IReadOnlyList<string>? dependents,
        IRecommender? recommender)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Enum.IsDefined(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown configuration type.");
        }

        Name = name;
        Type = type;
        HasDefault = !ReferenceEquals(defaultValue, ConfigDef.NoDefaultValue);
        DefaultValue = HasDefault ? ConfigDef.ParseType(name, defaultValue, type) : ConfigDef.NoDefaultValue;
        Validator = validator;
        if (validator is not null && HasDefault)
        {
            validator.EnsureValid(name, DefaultValue);
        }

        Importance = importance;
        Documentation = documentation;
        Group = group;
        OrderInGroup = orderInGroup;
        Width = width;
        DisplayName = displayName ?? name;
        Dependents = dependents is null ? [] : Array.AsReadOnly(dependents.ToArray());
        Recommender = recommender;
    }

    /// <summary>Gets the name of the configuration.</summary>
    /// <value>The key, e.g. <c>tasks.max</c>.</value>
    public string Name { get; }

    /// <summary>Gets the type values are parsed into.</summary>
    /// <value>The configuration type.</value>
    public ConfigType Type { get; }

    /// <summary>Gets the parsed default value.</summary>
    /// <value>The default, already parsed into the key's type (it may be <see langword="null"/>), or <see cref="ConfigDef.NoDefaultValue"/> when the key is required.</value>
    public object? DefaultValue { get; }

    /// <summary>Gets a value indicating whether the key has a default value, i.e. is optional.</summary>
    /// <value><see langword="false"/> for a required key.</value>
    public bool HasDefault { get; }

    /// <summary>Gets the validator that checks the parsed value.</summary>
    /// <value>The validator, or <see langword="null"/> when any value of the type is accepted.</value>
    public IConfigValidator? Validator { get; }

    /// <summary>Gets how likely an operator is to need to change the configuration.</summary>
    /// <value>The importance.</value>
    public Importance Importance { get; }

    /// <summary>Gets the documentation of the configuration.</summary>
    /// <value>The description shown in generated documentation, or <see langword="null"/>.</value>
    public string? Documentation { get; }

    /// <summary>Gets the group the configuration belongs to in user interfaces and documentation.</summary>
    /// <value>The group name. The default is <see langword="null"/> (no group).</value>
    public string? Group { get; }

    /// <summary>Gets the position of the configuration within its group.</summary>
    /// <value>The order in the group. The default is <c>-1</c>.</value>
    public int OrderInGroup { get; }

    /// <summary>Gets the width hint for user interfaces.</summary>
    /// <value>The width. The default is <see cref="Config.Width.None"/>.</value>
    public Width Width { get; }

    /// <summary>Gets the name to show in user interfaces.</summary>
    /// <value>The display name. The default is <see cref="Name"/>.</value>
    public string DisplayName { get; }

    /// <summary>Gets the names of configurations whose valid values or visibility depend on this one.</summary>
    /// <value>The dependent configuration names. The default is an empty list.</value>
    public IReadOnlyList<string> Dependents { get; }

    /// <summary>Gets the recommender that computes valid values and visibility during validation.</summary>
    /// <value>The recommender, or <see langword="null"/>.</value>
    public IRecommender? Recommender { get; }
}
