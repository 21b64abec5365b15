namespace Connect.Sdk.Config;

/// <summary>
/// Rejects the empty string and strings containing ISO control characters (U+0000 to U+001F and U+007F to U+009F),
/// as Kafka Connect does for connector names:
/// <c>Invalid value a&#x0A;b for configuration name: String may not contain control sequences but had the following ASCII chars: 10</c>.
/// <see langword="null"/> passes, because a missing required value is reported on its own.
/// </summary>
public sealed class NonEmptyStringWithoutControlChars : IConfigValidator
{
    private NonEmptyStringWithoutControlChars()
    {
    }

    /// <summary>Gets the shared instance.</summary>
    /// <value>A stateless validator.</value>
    public static NonEmptyStringWithoutControlChars Instance { get; } = new();

    /// <inheritdoc/>
    public void EnsureValid(string name, object? value)
    {
        if (value is not string text)
        {
            return;
        }

        if (text.Length == 0)
        {
            throw new ConfigException(name, value, "String may not be empty");
        }

        var controlChars = text.Where(char.IsControl).Select(c => (int)c).ToList();
        if (controlChars.Count > 0)
        {
            throw new ConfigException(
                name,
                value,
                "String may not contain control sequences but had the following ASCII chars: " + string.Join(", ", controlChars));
        }
    }

    /// <summary>Describes the valid values as Kafka does: <c>non-empty string without ISO control characters</c>.</summary>
    /// <returns>The description of the valid values.</returns>
    public override string ToString() => "non-empty string without ISO control characters";
}
