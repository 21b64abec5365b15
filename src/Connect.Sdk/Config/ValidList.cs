namespace Connect.Sdk.Config;

/// <summary>
/// Checks that every entry of a <see cref="ConfigType.List"/> value is one of a fixed set of strings:
/// <c>Invalid value c for configuration modes: String must be one of: a, b</c>. A <see langword="null"/> list passes;
/// combine with <see cref="NonNullValidator"/> to reject it.
/// </summary>
public sealed class ValidList : IConfigValidator
{
    private readonly ValidString _validString;

    private ValidList(ValidString validString) => _validString = validString;

    /// <summary>Gets the accepted entries, in the order given.</summary>
    /// <value>The accepted entries.</value>
    public IReadOnlyList<string> ValidStrings => _validString.ValidStrings;

    /// <summary>Creates a validator that accepts lists whose entries are all among <paramref name="validStrings"/>.</summary>
    /// <param name="validStrings">The accepted entries.</param>
    /// <returns>A validator described as <c>[a, b]</c>.</returns>
    public static ValidList In(params string[] validStrings) => new(ValidString.In(validStrings));

    /// <inheritdoc/>
    public void EnsureValid(string name, object? value)
    {
        if (value is null)
        {
            return;
        }

        if (value is not IEnumerable<string?> entries)
        {
            throw new ConfigException(name, value, "Expected a comma separated list.");
        }

        foreach (string? entry in entries)
        {
            _validString.EnsureValid(name, entry);
        }
    }

    /// <summary>Lists the accepted entries as Kafka does: <c>[a, b]</c>.</summary>
    /// <returns>The description of the valid values.</returns>
    public override string ToString() => _validString.ToString();
}
