namespace Connect.Sdk.Config;

/// <summary>
/// A secret configuration value. <see cref="ToString"/> returns <see cref="HiddenText"/>, so a password that ends up
/// in a log line, an exception message or generated documentation does not reveal the secret; read
/// <see cref="Value"/> only where the secret is actually needed.
/// </summary>
public sealed class Password : IEquatable<Password>
{
    /// <summary>The text printed in place of a secret: <c>[hidden]</c>.</summary>
    public const string HiddenText = "[hidden]";

    /// <summary>Initializes a new instance of the <see cref="Password"/> class.</summary>
    /// <param name="value">The secret.</param>
    public Password(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
    }

    /// <summary>Gets the secret.</summary>
    /// <value>The secret as configured (trimmed when it was parsed from a configuration).</value>
    public string Value { get; }

    /// <summary>Compares two passwords by their secret.</summary>
    /// <param name="left">The first password.</param>
    /// <param name="right">The second password.</param>
    /// <returns><see langword="true"/> when both are <see langword="null"/> or hold the same secret.</returns>
    public static bool operator ==(Password? left, Password? right) => Equals(left, right);

    /// <summary>Compares two passwords by their secret.</summary>
    /// <param name="left">The first password.</param>
    /// <param name="right">The second password.</param>
    /// <returns><see langword="true"/> when the passwords hold different secrets.</returns>
    public static bool operator !=(Password? left, Password? right) => !Equals(left, right);

    /// <inheritdoc/>
    public bool Equals(Password? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Password);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Returns <see cref="HiddenText"/>, never the secret.</summary>
    /// <returns><c>[hidden]</c>.</returns>
    public override string ToString() => HiddenText;
}
