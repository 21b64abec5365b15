namespace Connect.Sdk.Runtime.Herder;

/// <summary>The result of validating a connector configuration, in Kafka Connect's ConfigInfos shape.</summary>
/// <param name="Name">The connector class name.</param>
/// <param name="ErrorCount">The number of error messages over all keys.</param>
/// <param name="Groups">The config groups, in order.</param>
/// <param name="Configs">One entry per key: its definition and its validated value.</param>
public sealed record ConfigInfos(string Name, int ErrorCount, IReadOnlyList<string> Groups, IReadOnlyList<ConfigInfo> Configs);

/// <summary>A key's definition and validated value.</summary>
/// <param name="Definition">The definition.</param>
/// <param name="Value">The value and its errors.</param>
public sealed record ConfigInfo(ConfigKeyInfo Definition, ConfigValueInfo Value);

/// <summary>A key's definition, as Kafka's ConfigKeyInfo.</summary>
/// <param name="Name">The key.</param>
/// <param name="Type">The type name, e.g. <c>STRING</c>.</param>
/// <param name="Required">Whether it has no default.</param>
/// <param name="DefaultValue">The default as text, or <see langword="null"/>.</param>
/// <param name="Importance">HIGH, MEDIUM or LOW.</param>
/// <param name="Documentation">The documentation.</param>
/// <param name="Group">The group, or <see langword="null"/>.</param>
/// <param name="OrderInGroup">The order within the group.</param>
/// <param name="Width">NONE, SHORT, MEDIUM or LONG.</param>
/// <param name="DisplayName">The display name.</param>
/// <param name="Dependents">Keys that depend on this one.</param>
public sealed record ConfigKeyInfo(
    string Name,
    string Type,
    bool Required,
    string? DefaultValue,
    string Importance,
    string Documentation,
    string? Group,
    int OrderInGroup,
    string Width,
    string DisplayName,
    IReadOnlyList<string> Dependents);

/// <summary>A key's validated value, as Kafka's ConfigValueInfo.</summary>
/// <param name="Name">The key.</param>
/// <param name="Value">The value as text (passwords hidden), or <see langword="null"/>.</param>
/// <param name="RecommendedValues">Recommended values.</param>
/// <param name="Errors">Error messages.</param>
/// <param name="Visible">Whether the key is relevant given the other values.</param>
public sealed record ConfigValueInfo(
    string Name,
    string? Value,
    IReadOnlyList<string> RecommendedValues,
    IReadOnlyList<string> Errors,
    bool Visible);
