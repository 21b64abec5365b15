namespace Connect.Sdk.Config;

/// <summary>
/// Checks that a string is one of a fixed set of values, ignoring case:
/// <c>Invalid value x for configuration errors.tolerance: String must be one of (case insensitive): NONE, ALL</c>.
/// </summary>
/// <remarks>The accepted values are kept, and printed, in upper case, as Kafka does.</remarks>
public sealed class CaseInsensitiveValidString : IConfigValidator
{
    private readonly string[] _validStrings;

    private CaseInsensitiveValidString(string[] validStrings) => _validStrings = validStrings;

    /// <summary>Gets the accepted values in upper case, without duplicates, in the order given.</summary>
    /// <value>The accepted values.</value>
    public IReadOnlyList<string> ValidStrings => _validStrings;

    /// <summary>Creates a validator that accepts the given strings in any case.</summary>
    /// <param name="validStrings">The accepted values.</param>
    /// <returns>A validator described as <c>(case insensitive) [A, B]</c>.</returns>
    public static CaseInsensitiveValidString In(params string[] validStrings)
    {
        ArgumentNullException.ThrowIfNull(validStrings);
        return new CaseInsensitiveValidString(validStrings.Select(s => s.ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToArray());
    }

    /// <inheritdoc/>
    public void EnsureValid(string name, object? value)
    {
        if (value is not string text || !_validStrings.Contains(text, StringComparer.OrdinalIgnoreCase))
        {
            throw new ConfigException(name, value, "String must be one of (case insensitive): " + string.Join(", ", _validStrings));
        }
    }

    /// <summary>Lists the accepted values as Kafka does: <c>(case insensitive) [A, B]</c>.</summary>
    /// <returns>The description of the valid values.</returns>
    public override string ToString() => "(case insensitive) [" + string.Join(", ", _validStrings) + "]";
}
