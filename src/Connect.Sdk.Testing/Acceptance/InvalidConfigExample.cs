namespace Connect.Sdk.Testing.Acceptance;

/// <summary>A configuration value the connector must reject, for <c>Validate_RejectsInvalidValues</c>: the valid
/// configuration with <paramref name="Key"/> set to <paramref name="Value"/> must get an error for that key.</summary>
/// <param name="Key">The configuration key.</param>
/// <param name="Value">The invalid value.</param>
/// <param name="ExpectedMessage">Text the error message must contain (case-insensitive), or <see langword="null"/>
/// to accept any non-empty message.</param>
public sealed record InvalidConfigExample(string Key, string Value, string? ExpectedMessage = null);
