namespace Connect.Sdk.Config;

/// <summary>
/// Runs several validators in order; the first one that rejects the value decides the error. Described as the
/// descriptions of its parts joined with <c>", "</c>.
/// </summary>
public sealed class CompositeValidator : IConfigValidator
{
    private readonly IConfigValidator[] _validators;

    private CompositeValidator(IConfigValidator[] validators) => _validators = validators;

    /// <summary>Gets the validators, in the order they run.</summary>
    /// <value>The combined validators.</value>
    public IReadOnlyList<IConfigValidator> Validators => _validators;

    /// <summary>Creates a validator that accepts a value only when every one of <paramref name="validators"/> does.</summary>
    /// <param name="validators">The validators, run in this order.</param>
    /// <returns>The combined validator.</returns>
    public static CompositeValidator Of(params IConfigValidator[] validators)
    {
        ArgumentNullException.ThrowIfNull(validators);
        if (Array.IndexOf(validators, null) >= 0)
        {
            throw new ArgumentException("Validators may not contain null.", nameof(validators));
        }

        return new CompositeValidator([.. validators]);
    }

    /// <inheritdoc/>
    public void EnsureValid(string name, object? value)
    {
        foreach (IConfigValidator validator in _validators)
        {
            validator.EnsureValid(name, value);
        }
    }

    /// <summary>Joins the descriptions of the combined validators with <c>", "</c>.</summary>
    /// <returns>The description of the valid values.</returns>
    public override string ToString() => string.Join(", ", _validators.Select(v => v.ToString()));
}
