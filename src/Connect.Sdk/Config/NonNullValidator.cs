namespace Connect.Sdk.Config;

/// <summary>
/// Rejects <see langword="null"/>: <c>Invalid value null for configuration name: entry must be non null</c>.
/// </summary>
public sealed class NonNullValidator : IConfigValidator
{
    private NonNullValidator()
    {
    }

    /// <summary>Gets the shared instance.</summary>
    /// <value>A stateless validator.</value>
    public static NonNullValidator Instance { get; } = new();

    /// <inheritdoc/>
    public void EnsureValid(string name, object? value)
    {
        if (value is null)
        {
            throw new ConfigException(name, null, "entry must be non null");
        }
    }

    /// <summary>Describes the valid values as Kafka does: <c>non-null string</c>.</summary>
    /// <returns>The description of the valid values.</returns>
    public override string ToString() => "non-null string";
}
