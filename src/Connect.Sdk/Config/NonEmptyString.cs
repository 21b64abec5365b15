namespace Connect.Sdk.Config;

/// <summary>
/// Rejects the empty string: <c>Invalid value  for configuration name: String must be non-empty</c>.
/// <see langword="null"/> passes; combine with <see cref="NonNullValidator"/> to reject it.
/// </summary>
public sealed class NonEmptyString : IConfigValidator
{
    private NonEmptyString()
    {
    }

    /// <summary>Gets the shared instance.</summary>
    /// <value>A stateless validator.</value>
    public static NonEmptyString Instance { get; } = new();

    /// <inheritdoc/>
    public void EnsureValid(string name, object? value)
    {
        if (value is string { Length: 0 })
        {
            throw new ConfigException(name, value, "String must be non-empty");
        }
    }

    /// <summary>Describes the valid values as Kafka does: <c>non-empty string</c>.</summary>
    /// <returns>The description of the valid values.</returns>
    public override string ToString() => "non-empty string";
}
