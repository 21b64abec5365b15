using System.Globalization;

namespace Connect.Sdk.Config;

/// <summary>
/// Checks that a numeric value lies within inclusive bounds, as Kafka's <c>ConfigDef.Range</c> does:
/// <c>Invalid value 0 for configuration tasks.max: Value must be at least 1</c>.
/// </summary>
/// <remarks>
/// Named <c>RangeValidator</c> rather than <c>Range</c> so that it does not clash with <see cref="System.Range"/>.
/// Integers are compared exactly; a bound or value with a fraction is compared as a <see cref="double"/>. A value
/// that is not a number is rejected with <c>Value must be a number</c>.
/// </remarks>
public sealed class RangeValidator : IConfigValidator
{
    private readonly object? _min;
    private readonly object? _max;

    private RangeValidator(object? min, object? max)
    {
        _min = min;
        _max = max;
    }

    /// <summary>Gets the inclusive lower bound.</summary>
    /// <value>A <see cref="long"/> or <see cref="double"/>, or <see langword="null"/> when there is no lower bound.</value>
    public object? Min => _min;

    /// <summary>Gets the inclusive upper bound.</summary>
    /// <value>A <see cref="long"/> or <see cref="double"/>, or <see langword="null"/> when there is no upper bound.</value>
    public object? Max => _max;

    /// <summary>Creates a validator that accepts integers greater than or equal to <paramref name="min"/>.</summary>
    /// <param name="min">The smallest valid value.</param>
    /// <returns>A validator described as <c>[min,...]</c>.</returns>
    public static RangeValidator AtLeast(long min) => new(min, null);

    /// <summary>Creates a validator that accepts numbers greater than or equal to <paramref name="min"/>.</summary>
    /// <param name="min">The smallest valid value.</param>
    /// <returns>A validator described as <c>[min,...]</c>.</returns>
    public static RangeValidator AtLeast(double min) => new(min, null);

    /// <summary>Creates a validator that accepts integers from <paramref name="min"/> to <paramref name="max"/>, inclusive.</summary>
    /// <param name="min">The smallest valid value.</param>
    /// <param name="max">The largest valid value.</param>
    /// <returns>A validator described as <c>[min,...,max]</c>.</returns>
    public static RangeValidator Between(long min, long max) => new(min, max);

    /// <summary>Creates a validator that accepts numbers from <paramref name="min"/> to <paramref name="max"/>, inclusive.</summary>
    /// <param name="min">The smallest valid value.</param>
    /// <param name="max">The largest valid value.</param>
    /// <returns>A validator described as <c>[min,...,max]</c>.</returns>
    public static RangeValidator Between(double min, double max) => new(min, max);

    /// <inheritdoc/>
    public void EnsureValid(string name, object? value)
    {
        if (value is null)
        {
            throw new ConfigException(name, null, "Value must be non-null");
        }

        if (!IsNumber(value))
        {
            throw new ConfigException(name, value, "Value must be a number");
        }

        if (_min is not null && Compare(value, _min) < 0)
        {
            throw new ConfigException(name, value, "Value must be at least " + KafkaText.Format(_min));
        }

        if (_max is not null && Compare(value, _max) > 0)
        {
            throw new ConfigException(name, value, "Value must be no more than " + KafkaText.Format(_max));
        }
    }

    /// <summary>Describes the range as Kafka does: <c>[1,...]</c>, <c>[...,10]</c> or <c>[1,...,10]</c>.</summary>
    /// <returns>The description of the valid values.</returns>
    public override string ToString()
    {
        if (_min is null && _max is null)
        {
            return "[...]";
        }

        if (_min is null)
        {
            return "[...," + KafkaText.Format(_max) + "]";
        }

        return _max is null
            ? "[" + KafkaText.Format(_min) + ",...]"
            : "[" + KafkaText.Format(_min) + ",...," + KafkaText.Format(_max) + "]";
    }

    private static bool IsNumber(object value) =>
        value is sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal;

    private static bool IsInteger(object value) =>
        value is sbyte or byte or short or ushort or int or uint or long;

    private static int Compare(object value, object bound)
    {
        // Integers are compared exactly; anything involving a fraction is compared as doubles, like Kafka.
        if (IsInteger(value) && bound is long integerBound)
        {
            return Convert.ToInt64(value, CultureInfo.InvariantCulture).CompareTo(integerBound);
        }

        return Convert.ToDouble(value, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(bound, CultureInfo.InvariantCulture));
    }
}
