namespace Connect.Sdk.Config;

/// <summary>
/// Checks that a string is one of a fixed set of values, compared exactly (case-sensitively):
/// <c>Invalid value c for configuration mode: String must be one of: a, b</c>.
/// </summary>
public sealed class ValidString : IConfigValidator
{
    private readonly string[] _validStrings;

    private ValidString(string[] validStrings) => _validStrings = validStrings;

    /// <summary>Gets the accepted values, in the order given.</summary>
    /// <value>The accepted values.</value>
    public IReadOnlyList<string> ValidStrings => _validStrings;

    /// <summary>Creates a validator that accepts exactly the given strings.</summary>
    /// <param name="validStrings">The accepted values.</param>
    /// <returns>A validator described as <c>[a, b]</c>.</returns>
    public static ValidString In(params string[] validStrings)
    {
        ArgumentNullException.ThrowIfNull(validStrings);
        return new ValidString([.. validStrings]);
    }

    /// <inheritdoc/>
    public void EnsureValid(string name, object? value)
    {
        if (value is not string text || Array.IndexOf(_validStrings, text) < 0)
        {
            throw new ConfigException(name, value, "String must be one of: " + string.Join(", ", _validStrings));
        }
    }

    /// <summary>Lists the accepted values as Kafka does: <c>[a, b]</c>.</summary>
    /// <returns>The description of the valid values.</returns>
    public override string ToString() => "[" + string.Join(", ", _validStrings) + "]";
}
