using System.Globalization;

namespace Connect.Sdk.Config;

/// <summary>
/// Checks that a <see cref="ConfigType.List"/> value has at most a given number of entries:
/// <c>Invalid value [a, b, c] for configuration hosts: exceeds maximum list size of [2].</c>
/// A <see langword="null"/> list passes.
/// </summary>
public sealed class ListSize : IConfigValidator
{
    private ListSize(int maxSize) => MaxSize = maxSize;

    /// <summary>Gets the largest number of entries accepted.</summary>
    /// <value>The maximum list size.</value>
    public int MaxSize { get; }

    /// <summary>Creates a validator that accepts lists of at most <paramref name="maxSize"/> entries.</summary>
    /// <param name="maxSize">The largest number of entries accepted.</param>
    /// <returns>A validator described as <c>List containing maximum of {maxSize} elements</c>.</returns>
    public static ListSize AtMostOfSize(int maxSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxSize);
        return new ListSize(maxSize);
    }

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

        if (entries.Count() > MaxSize)
        {
            throw new ConfigException(name, value, "exceeds maximum list size of [" + MaxSize.ToString(CultureInfo.InvariantCulture) + "].");
        }
    }

    /// <summary>Describes the limit as Kafka does: <c>List containing maximum of 2 elements</c>.</summary>
    /// <returns>The description of the valid values.</returns>
    public override string ToString() => "List containing maximum of " + MaxSize.ToString(CultureInfo.InvariantCulture) + " elements";
}
