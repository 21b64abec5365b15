namespace Connect.Sdk.Config;

/// <summary>A validator made of a delegate that checks the value and one that describes the valid values.</summary>
/// <example>
/// <code>
/// LambdaValidator.With(
///     (name, value) =>
///     {
///         if (value is string s &amp;&amp; !s.StartsWith('/'))
///             throw new ConfigException(name, value, "Path must be absolute");
///     },
///     () => "absolute path");
/// </code>
/// </example>
public sealed class LambdaValidator : IConfigValidator
{
    private readonly Action<string, object?> _ensureValid;
    private readonly Func<string> _description;

    private LambdaValidator(Action<string, object?> ensureValid, Func<string> description)
    {
        _ensureValid = ensureValid;
        _description = description;
    }

    /// <summary>Creates a validator from delegates.</summary>
    /// <param name="ensureValid">Called with the configuration name and value; throws <see cref="ConfigException"/> when the value is invalid.</param>
    /// <param name="description">Returns the description of the valid values used in documentation.</param>
    /// <returns>The validator.</returns>
    public static LambdaValidator With(Action<string, object?> ensureValid, Func<string> description)
    {
        ArgumentNullException.ThrowIfNull(ensureValid);
        ArgumentNullException.ThrowIfNull(description);
        return new LambdaValidator(ensureValid, description);
    }

    /// <inheritdoc/>
    public void EnsureValid(string name, object? value) => _ensureValid(name, value);

    /// <summary>Returns the text of the description delegate.</summary>
    /// <returns>The description of the valid values.</returns>
    public override string ToString() => _description();
}
